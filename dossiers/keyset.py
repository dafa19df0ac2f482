"""Keyset pagination (issue #14): a page is "the next 50 rows after the last one shown",
read from the index on the list's order, never `OFFSET n` (which scans the n rows before
it) nor a `COUNT(*)` of the whole list — both grow with the data. The page link carries the
last row's keys (`?sau=2026-09-15T08:00:00+00:00~1234`); a link that cannot be read shows
the first page with a message, never an error.

The rows are read in two steps inside one query: the page's ids from the scoped list alone
(an index walk or a top-N sort of one table), then those rows with their related objects,
so the joins cost 50 rows whatever the list's size.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Q, QuerySet

CURSOR = "sau"
SEPARATOR = "~"
BAD_CURSOR = "Liên kết trang không hợp lệ; đang hiển thị trang đầu."


@dataclass
class KeysetPage:
    rows: list
    next_cursor: str = ""
    is_first: bool = True
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or not self.is_first


def _parse(raw: str, parsers: list):
    parts = raw.split(SEPARATOR)
    if len(parts) != len(parsers):
        raise ValueError(raw)
    return [parse(part) for part, parse in zip(parts, parsers, strict=True)]


PARSERS = {
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
}


def _after(keys: list[str], values: list) -> Q:
    """Rows strictly after `values` in the order `keys` (each descending "-f" or
    ascending): (a < x) or (a = x and b < y) …, led by the indexable bound a <= x."""
    q, equal = Q(), Q()
    for key, value in zip(keys, values, strict=True):
        name = key.lstrip("-")
        past = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": value})
        q |= equal & past
        equal &= Q(**{name: value})
    first = keys[0]
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": values[0]})
    return bound & q


def _name(key: str) -> str:
    """The attribute a key orders by: "-registered_at" → registered_at, "pk" → id."""
    name = key.lstrip("-")
    return "id" if name == "pk" else name


def _key_field(queryset: QuerySet, key: str):
    """The field a key orders by: a field of the model or an annotation's output."""
    annotation = queryset.query.annotations.get(_name(key))
    if annotation is not None:
        return annotation.output_field
    return queryset.model._meta.get_field(_name(key))


def keyset_page(request, queryset: QuerySet, keys: list[str], size: int = 50) -> KeysetPage:
    """The page of `queryset` (ordered by `keys`, unique together — end with the pk) after
    the cursor in `request.GET`. A key may name an annotation of `queryset` (never empty)."""
    fields = [_key_field(queryset, k) for k in keys]
    parsers = [PARSERS.get(f.get_internal_type(), int) for f in fields]
    ordered = queryset.order_by(*keys)
    raw = request.GET.get(CURSOR, "")
    is_first = True
    if raw:
        try:
            ordered = ordered.filter(_after(keys, _parse(raw, parsers)))
            is_first = False
        except (ValueError, TypeError):
            messages.error(request, BAD_CURSOR)
    rows = list(page_rows(ordered, keys, size + 1))
    page = KeysetPage(rows=rows[:size], is_first=is_first)
    if len(rows) > size:
        last = rows[size - 1]
        page.next_cursor = SEPARATOR.join(_text(getattr(last, _name(k))) for k in keys)
    return page


def page_rows(queryset: QuerySet, keys: list[str], count: int) -> QuerySet:
    """The first `count` rows of `queryset` in the order `keys`, their ids chosen from the
    scoped list alone, then read with its related objects (one query)."""
    ids = queryset.order_by(*keys).select_related(None).values("pk")[:count]
    names = {_name(k) for k in keys}
    annotations = {n: a for n, a in queryset.query.annotations.items() if n in names}
    rows = (
        queryset.model._default_manager.filter(pk__in=ids)
        .annotate(**annotations)
        .select_related(*_related(queryset))
        .order_by(*keys)
    )
    rows.query.deferred_loading = queryset.query.deferred_loading  # its only()/defer()
    return rows


def _text(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _related(queryset: QuerySet) -> list[str]:
    """The select_related paths of `queryset`, kept for the rows' query."""

    def walk(tree, prefix=""):
        for name, sub in (tree or {}).items():
            yield prefix + name
            yield from walk(sub, f"{prefix}{name}__")

    related = queryset.query.select_related
    return list(walk(related)) if isinstance(related, dict) else []
