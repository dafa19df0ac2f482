from django import template

from province.documents import cell_text

register = template.Library()


@register.filter
def attr(obj, name):
    return getattr(obj, name, "")


@register.filter
def item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def cells(values, kinds):
    """A report table's row as printed (per cent with a decimal comma)."""
    return [cell_text(v, k) for v, k in zip(values, kinds, strict=True)]
