"""The six-monthly and yearly report of results (DOMAIN.md §4 "Periodic reporting"; the
seed plans: "báo cáo định kỳ 6 tháng, năm" to the Ministry's V05 and the steering
committee): made by an office from the data of its area, compared with the same period of
the previous year, kept as made, and sent to the level above inside the system."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dossiers.jurisdiction import granted_area_ids
from dossiers.models import AdministrativeArea, AreaLevel, RecognitionCycle, Unit
from dossiers.services import DomainError
from notifications.models import Event
from notifications.services import notify_users, users_acting_in_area

from .figures import movement_figures
from .models import Report, ReportPeriod, ReportStatus
from .permissions import REPORTER_ROLES, ensure_reporter

ROW_FIELDS = (
    "label",
    "eligible",
    "registered",
    "submitted",
    "in_review",
    "recognised",
    "not_recognised",
    "target_registered",
    "target_recognised",
    "rule_total",
    "rule_registered",
    "rule_recognised",
)


def period_end(period: str, year: int) -> datetime.datetime:
    """The last moment of the period, in the country's time (30/06 or 31/12, 24:00)."""
    last = (
        datetime.date(year, 6, 30)
        if period == ReportPeriod.HALF_YEAR
        else datetime.date(year, 12, 31)
    )
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(end) - datetime.timedelta(microseconds=1)


def _as_of(period: str, year: int):
    """A period already over is counted as it stood at its end; the running one, now."""
    end = period_end(period, year)
    return end if end < timezone.now() else None


def _snapshot(figures) -> dict:
    def row(r):
        data = {name: getattr(r, name) for name in ROW_FIELDS}
        data["key"] = r.key
        data["commune_rule_met"] = r.commune_rule_met
        return data

    return {
        "kinds": [row(r) for r in figures.kinds],
        "communes": [row(r) for r in figures.communes],
        "total": row(figures.total),
    }


def report_figures(issuer: AdministrativeArea, cycle, period: str, year: int) -> dict:
    """The figures of the units located in the issuer's area in `cycle`, and those of the
    same period of the previous year (its cycle in the same province, if there was one)."""
    units = Unit.objects.filter(area__path__startswith=issuer.path)
    current = _snapshot(movement_figures(units, cycle, as_of=_as_of(period, year)))
    previous_cycle = RecognitionCycle.objects.filter(
        province_id=cycle.province_id, year=year - 1
    ).first()
    previous = None
    if previous_cycle is not None:
        previous = _snapshot(
            movement_figures(units, previous_cycle, as_of=_as_of(period, year - 1))
        )
    end = period_end(period, year)
    return {**current, "previous": previous, "period_end": end.date().isoformat()}


def recipient_for(issuer: AdministrativeArea) -> AdministrativeArea | None:
    """The level above: a commune reports to its province; a province to the Ministry
    (its movement department V05)."""
    if issuer.parent_id is not None:
        return issuer.parent
    return AdministrativeArea.objects.filter(level__code=AreaLevel.MINISTRY).first()


@transaction.atomic
def report_create(
    *,
    acting_user,
    issuer: AdministrativeArea,
    period: str,
    year: int,
    issuing_body: str,
    signer_name: str,
    signer_title: str,
) -> Report:
    """A draft report of `issuer` for the period, its figures taken from the data now."""
    ensure_reporter(acting_user)
    if issuer.pk not in granted_area_ids(acting_user, act=True):
        raise DomainError("Bạn chỉ lập báo cáo cho cơ quan, địa bàn mình được giao.")
    province_ids = [*issuer.ancestor_ids, issuer.pk]
    cycle = RecognitionCycle.objects.filter(province_id__in=province_ids, year=year).first()
    if cycle is None:
        raise DomainError(f"Chưa có đợt xét công nhận năm {year} của tỉnh để lập báo cáo.")
    return Report.objects.create(
        issuer=issuer,
        recipient=recipient_for(issuer),
        cycle=cycle,
        period=period,
        year=year,
        issuing_body=issuing_body,
        signer_name=signer_name,
        signer_title=signer_title,
        figures=report_figures(issuer, cycle, period, year),
        created_by=acting_user,
    )


@transaction.atomic
def report_send(*, acting_user, report: Report) -> Report:
    """Send a draft to the level above, whose offices are told in the system; a sent
    report is final."""
    ensure_reporter(acting_user)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.issuer_id not in granted_area_ids(acting_user, act=True):
        raise DomainError("Bạn không thuộc cơ quan ban hành báo cáo này.")
    if report.status != ReportStatus.DRAFT:
        raise DomainError("Báo cáo đã được gửi.")
    report.status = ReportStatus.SENT
    report.sent_by = acting_user
    report.sent_at = timezone.now()
    report.save(update_fields=["status", "sent_by", "sent_at"])
    notify_users(
        users_acting_in_area(report.recipient_id, REPORTER_ROLES),
        event=Event.REPORT_DUE,
        key=f"report-sent:{report.pk}",
        title=f"Báo cáo nhận được: {report}",
        body=f"{report.issuer.name} đã gửi {report}.",
        link=reverse("report-detail", args=[report.pk]),
    )
    return report
