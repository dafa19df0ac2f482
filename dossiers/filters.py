"""The list filters of the registry pages (django-filter), guarded by `dossiers.guards`."""

import django_filters
from django.db.models import Q

from .guards import AsciiNumberFilter, GuardedChoiceFilter, query_names
from .models import AdministrativeArea, Unit, UnitKind
from .search import SearchFilter


# The units the movement counts (Circular 124, Art. 1 cl. 2 b leaves out small and micro
# enterprises; primary schools, kindergartens and nurseries; the armed forces' units):
# what "thuộc diện xét" means on the province's dashboard and in its lists.
def eligible(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}active": True,
            f"{prefix}is_small_enterprise": False,
            f"{prefix}is_excluded_school": False,
            f"{prefix}is_armed_forces": False,
        }
    )


ELIGIBLE = eligible()


def eligible_filter(prefix: str = ""):
    """A yes/no filter: the rows whose unit the movement counts (`thuoc-dien=true`)."""

    def method(queryset, name, value):
        if value is None:
            return queryset
        q = eligible(prefix)
        return queryset.filter(q) if value else queryset.exclude(q)

    return django_filters.BooleanFilter(method=method, label="Thuộc diện xét công nhận")


def under_area(field: str):
    """A filter method: rows whose `field` (an area) lies in the chosen area or below it
    (one indexed prefix match); an unknown area gives nothing, never everything."""

    def method(queryset, name, value):
        if value is None:
            return queryset
        path = AdministrativeArea.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(**{f"{field}__path__startswith": path})

    return method


def area_filter(field: str):
    return AsciiNumberFilter(method=under_area(field), min_value=1, label="Địa bàn")


class UnitFilter(django_filters.FilterSet):
    """Units by kind, by a part of the name or code, by area and by whether the movement counts
    them (the links of the province's dashboard)."""

    loai = GuardedChoiceFilter(field_name="kind", choices=UnitKind.choices, label="Loại đơn vị")
    q = SearchFilter(["name", "identifier"])
    dia_ban = area_filter("area")
    thuoc_dien = eligible_filter()

    class Meta:
        model = Unit
        fields = []


query_names(UnitFilter, dia_ban="dia-ban", thuoc_dien="thuoc-dien")
