"""The list filters of the recognition pages (django-filter), guarded by `dossiers.guards`.
They narrow the scoped querysets the views hand them, never widen them."""

import django_filters

from dossiers.guards import GuardedChoiceFilter, query_names, year_filter
from dossiers.models import Decision, Dossier, DossierStatus, RecordedDecision
from dossiers.search import SearchFilter


class DossierFilter(django_filters.FilterSet):
    """Dossiers by status and by the year of their cycle."""

    trang_thai = GuardedChoiceFilter(
        field_name="status", choices=DossierStatus.choices, label="Trạng thái"
    )
    nam = year_filter("cycle__year")
    q = SearchFilter(["unit__name", "unit__identifier"])

    class Meta:
        model = Dossier
        fields = []


query_names(DossierFilter, trang_thai="trang-thai")


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
