"""Search by a unit's name or code on the lists, ignoring Vietnamese diacritics and case:
"khu pho 1" finds "Khu phố 1". On PostgreSQL the column goes through the `unaccent`
extension (created by migration); on SQLite (the embedded `make run`) the same SQL
function is provided by Python on each connection (`register_sqlite_unaccent`)."""

import unicodedata

from django.db.models import Func, Q, TextField
from django.db.models.functions import Lower

from .guards import TextFilter

#: Letters NFD does not decompose.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def strip_accents(text):
    """`text` without diacritics (the Python twin of PostgreSQL's `unaccent`)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, without diacritics (SQL `lower(unaccent(x))`)."""
    return strip_accents(text).lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = TextField()


def folded(field: str):
    return Lower(Unaccent(field))


def matching(queryset, fields, text: str):
    """Rows of `queryset` where any of `fields` contains `text`, accents and case aside."""
    text = fold(text.strip())
    if not text:
        return queryset
    names = {f"_search_{i}": folded(field) for i, field in enumerate(fields)}
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__contains": text})
    return queryset.alias(**names).filter(condition)


class SearchFilter(TextFilter):
    """`q`: a part of a unit's name or code (accent-insensitive) in `fields`, or, for a
    filter shared by several models, in `fields[model]`."""

    def __init__(self, fields, **kwargs):
        kwargs.setdefault("label", "Tìm theo tên hoặc mã đơn vị")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        if not value:
            return qs
        fields = self.search_fields
        if isinstance(fields, dict):
            fields = fields[qs.model]
        # A subquery, so a search across a to-many relation never repeats a row.
        found = matching(qs.model._default_manager.all(), fields, value)
        return qs.filter(pk__in=found.values("pk"))


def register_sqlite_unaccent(sender, connection, **kwargs):
    """`connection_created` receiver: give SQLite the UNACCENT() PostgreSQL has."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, strip_accents, deterministic=True)
