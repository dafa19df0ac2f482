"""On-time statistics (issue 4 §6; DOMAIN.md §4 one-stop practice): finished steps split
into early / on time / late, open ones into not yet due / overdue — per process
(recognition or reward), year, step and area, over the steps in the user's jurisdiction
(each grant for the years it was valid). One grouped query after the user's grants.

A recognition step's year is its cycle's; a reward step has no cycle and takes its
nomination's year (issue #11: it showed "None" as the year and was counted under the
recognition steps of the same name)."""

import datetime

from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce

from dossiers.jurisdiction import area_year_filter

from .models import TaskDeadline

RECOGNITION = "recognition"
REWARD = "reward"
PROCESS_LABELS = {RECOGNITION: "Công nhận “An toàn về an ninh, trật tự”", REWARD: "Khen thưởng"}


def on_time_statistics(user, *, today: datetime.date, year: int | None = None):
    rows = TaskDeadline.objects.annotate(
        year=Coalesce("cycle__year", "task__process__nomination__year"),
        process_kind=Case(
            When(cycle__isnull=False, then=Value(RECOGNITION)), default=Value(REWARD)
        ),
    ).filter(
        area_year_filter(user, area_field="area", year_field="year"), due_date__isnull=False
    )  # a step the cycle set no due date for is neither early, on time nor late
    if year:
        rows = rows.filter(year=year)
    return (
        rows.values("process_kind", "year", "step", "area__name")
        .annotate(
            early=Count("pk", filter=Q(finished_on__lt=F("due_date"))),
            on_time=Count("pk", filter=Q(finished_on=F("due_date"))),
            late=Count("pk", filter=Q(finished_on__gt=F("due_date"))),
            not_due=Count("pk", filter=Q(finished_on=None, due_date__gte=today)),
            overdue=Count("pk", filter=Q(finished_on=None, due_date__lt=today)),
        )
        .order_by("process_kind", "-year", "step", "area__name")
    )
