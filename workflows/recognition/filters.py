"""The list filters of the recognition pages (django-filter), guarded by `dossiers.guards`.
They narrow the scoped querysets the views hand them, never widen them."""

import django_filters

from dossiers.filters import area_filter, eligible_filter
from dossiers.guards import AsciiNumberFilter, GuardedChoiceFilter, query_names, year_filter
from dossiers.models import Decision, Dossier, DossierStatus, RecordedDecision, UnitKind
from dossiers.search import SearchFilter

S = DossierStatus
# The groups of statuses the province's dashboard counts (issue #11), by the dossier's
# legal status: each of its numbers links to the dossier list filtered by one group.
STATUS_GROUPS = {
    "registered": ("Đăng ký phấn đấu", list(S.values)),
    "submitted": ("Đã nộp hồ sơ", [s for s in S.values if s != S.REGISTERED]),
    "in_review": ("Đang xét", [S.SUBMITTED, S.SUPPLEMENT_REQUESTED, S.FORWARDED, S.PROPOSED]),
    "recognised": ("Được công nhận", [S.RECOGNISED]),
    "not_recognised": ("Không công nhận", [S.NOT_RECOGNISED, S.REFUSED, S.REVOKED]),
}


class DossierFilter(django_filters.FilterSet):
    """Dossiers by status, group of statuses, year, cycle, kind of unit and area."""

    trang_thai = GuardedChoiceFilter(
        field_name="status", choices=DossierStatus.choices, label="Trạng thái"
    )
    nhom = GuardedChoiceFilter(
        choices=[(key, label) for key, (label, _) in STATUS_GROUPS.items()],
        method="filter_group",
        label="Nhóm trạng thái",
    )
    nam = year_filter("cycle__year")
    dot = AsciiNumberFilter(field_name="cycle_id", min_value=1, label="Đợt")
    loai = GuardedChoiceFilter(
        field_name="unit__kind", choices=UnitKind.choices, label="Loại đơn vị"
    )
    dia_ban = area_filter("unit__area")
    thuoc_dien = eligible_filter("unit__")
    q = SearchFilter(["unit__name", "unit__identifier"])

    class Meta:
        model = Dossier
        fields = []

    def filter_group(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=STATUS_GROUPS[value][1])


query_names(DossierFilter, trang_thai="trang-thai", dia_ban="dia-ban", thuoc_dien="thuoc-dien")


class DecisionFilter(django_filters.FilterSet):
    """Decisions (numbered here or recorded) by the year they were issued."""

    nam = year_filter("issued_on__year")
    q = SearchFilter(
        {
            Decision: [
                "items__dossier__unit__name",
                "items__dossier__unit__identifier",
                "items__nominee__unit__name",
                "items__nominee__unit__identifier",
                "items__nominee__full_name",
            ],
            RecordedDecision: [
                "nominees__unit__name",
                "nominees__unit__identifier",
                "nominees__full_name",
            ],
        }
    )
