"""The list filters of the registry pages (django-filter), guarded by `dossiers.guards`."""

import django_filters

from .guards import GuardedChoiceFilter, TextFilter
from .models import Unit, UnitKind


class UnitFilter(django_filters.FilterSet):
    """Units by kind and by a part of the name."""

    loai = GuardedChoiceFilter(field_name="kind", choices=UnitKind.choices, label="Loại đơn vị")
    q = TextFilter(field_name="name", lookup_expr="icontains", max_length=200, label="Tên")

    class Meta:
        model = Unit
        fields = []
