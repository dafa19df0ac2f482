"""The list filters of the reward pages (django-filter), guarded by `dossiers.guards`.
They narrow the scoped querysets the views hand them, never widen them."""

import django_filters

from dossiers.guards import GuardedChoiceFilter, query_names, year_filter
from dossiers.models import Nomination, NominationStatus
from dossiers.search import SearchFilter


class NominationFilter(django_filters.FilterSet):
    """Nominations by status and year."""

    trang_thai = GuardedChoiceFilter(
        field_name="status", choices=NominationStatus.choices, label="Trạng thái"
    )
    nam = year_filter("year")
    q = SearchFilter(
        ["nominees__unit__name", "nominees__unit__identifier", "nominees__full_name"],
        label="Tìm theo tên hoặc mã đơn vị, tên người được đề nghị",
    )

    class Meta:
        model = Nomination
        fields = []


query_names(NominationFilter, trang_thai="trang-thai")
