"""{% load vn %}: `{{ n|so }}` → 1.234, `{{ n|so:1 }}` → 1.234,5, `{{ bytes|dung_luong }}` →
25,0 MB (dossiers.numbers)."""

from django import template

from dossiers import numbers

register = template.Library()


@register.filter
def so(value, decimals=None):
    return numbers.so(value, decimals)


@register.filter
def dung_luong(size):
    return numbers.dung_luong(size)
