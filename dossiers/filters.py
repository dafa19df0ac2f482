"""The list filters of the registry pages (django-filter), guarded by `dossiers.guards`."""

import django_filters

from .guards import GuardedChoiceFilter
from .models import Unit, UnitKind
from .search import SearchFilter


class UnitFilter(django_filters.FilterSet):
    """Units by kind and by a part of the name or code."""

    loai = GuardedChoiceFilter(field_name="kind", choices=UnitKind.choices, label="Loại đơn vị")
    q = SearchFilter(["name", "identifier"])

    class Meta:
        model = Unit
        fields = []
