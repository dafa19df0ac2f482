"""On-time statistics (issue 4 §6; DOMAIN.md §4 one-stop practice): finished steps split
into early / on time / late, open ones into not yet due / overdue — per cycle, step and
area, over the steps in the user's jurisdiction (each grant for the years it was valid). One
grouped query after the user's grants."""

import datetime

from django.db.models import Count, F, Q

from dossiers.jurisdiction import area_year_filter

from .models import TaskDeadline


def on_time_statistics(user, *, today: datetime.date, year: int | None = None):
    rows = TaskDeadline.objects.filter(
        area_year_filter(user, area_field="area", year_field="cycle__year")
    )
    if year:
        rows = rows.filter(cycle__year=year)
    return (
        rows.values("cycle__year", "step", "area__name")
        .annotate(
            early=Count("pk", filter=Q(finished_on__lt=F("due_date"))),
            on_time=Count("pk", filter=Q(finished_on=F("due_date"))),
            late=Count("pk", filter=Q(finished_on__gt=F("due_date"))),
            not_due=Count("pk", filter=Q(finished_on=None, due_date__gte=today)),
            overdue=Count("pk", filter=Q(finished_on=None, due_date__lt=today)),
        )
        .order_by("-cycle__year", "step", "area__name")
    )
