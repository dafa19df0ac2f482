"""Registration in Quarter I (Circular 124, Art. 4 cl. 1, Art. 5 cl. 1, Art. 6 cl. 1,
Art. 7 cl. 1: "Quý I hằng năm … đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật
tự”"), and the late registration a cycle's administrator may open for one unit."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from accounts.models import Role

from .models import Dossier, LateRegistration, RecognitionCycle, Step, StepDeadline
from .services import DomainError, area_as_of


def registration_last_day(cycle, unit_kind: str) -> datetime.date | None:
    """The last day a unit of `unit_kind` may register: the cycle's "register" deadline
    (31/03 of the cycle's year, the end of Quarter I). Quarter I is a calendar quarter,
    not a term counted in days, so the date is not moved to a working day; a rule marked
    "trước ngày" ends the day before. None when the cycle sets no such date."""
    rules = {
        r.unit_kind: r
        for r in StepDeadline.objects.filter(
            cycle=cycle, step=Step.REGISTER, unit_kind__in=[unit_kind, ""], fixed_date__isnull=False
        )
    }
    rule = rules.get(unit_kind) or rules.get("")
    if rule is None:
        return None
    return rule.fixed_date - datetime.timedelta(days=1) if rule.before else rule.fixed_date


def open_cycles_for(units):
    """The open cycles a unit among `units` may register in: those of its own province (a
    province's People's Committee runs its cycle for the units on its territory, Circular
    124, Art. 10), never another province's."""
    located = units.filter(area__path__startswith=OuterRef("province__path"))
    return RecognitionCycle.objects.filter(Exists(located), is_open=True)


def cycle_province_check(*, cycle, unit, on: datetime.date):
    """Refuse a cycle of another province than the unit's (its area as it stands on `on`,
    after the 2025 reform's merges)."""
    area = area_as_of(unit.area, on)
    if not area.path.startswith(cycle.province.path):
        raise DomainError(
            f"Đợt “{cycle}” là của {cycle.province}; đơn vị “{unit}” không đóng trên địa bàn "
            "tỉnh này."
        )


def late_registration_for(cycle, unit) -> LateRegistration | None:
    return LateRegistration.objects.filter(cycle=cycle, unit=unit).first()


def registration_window_check(*, cycle, unit, on: datetime.date) -> LateRegistration | None:
    """Art. 4–7 cl. 1: refuse a registration after Quarter I unless the administrator
    opened a late registration for this very unit; returns that opening, if used."""
    last_day = registration_last_day(cycle, unit.kind)
    if last_day is None or on <= last_day:
        return None
    late = late_registration_for(cycle, unit)
    if late is None:
        raise DomainError(
            f"Đăng ký phấn đấu phải thực hiện trong Quý I (đến hết ngày {last_day:%d/%m/%Y}) "
            f"theo Thông tư 124/2021/TT-BCA; hôm nay là ngày {on:%d/%m/%Y}. Đơn vị “{unit}” "
            "chỉ đăng ký được khi quản trị viên của đợt mở đăng ký muộn cho đơn vị."
        )
    return late


def can_open_late_registration(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)


def late_registration_check(*, acting_user, cycle, unit, reason: str) -> str:
    """The guard of late_registration_open, also run by the admin form before saving;
    returns the cleaned reason."""
    if not can_open_late_registration(acting_user):
        raise PermissionDenied("Chỉ quản trị viên của đợt được mở đăng ký muộn.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Vui lòng ghi rõ lý do mở đăng ký muộn.")
    if not cycle.is_open:
        raise DomainError(f"Đợt “{cycle}” đã đóng.")
    if Dossier.objects.filter(cycle=cycle, unit=unit).exists():
        raise DomainError(f"Đơn vị “{unit}” đã đăng ký trong đợt này.")
    if LateRegistration.objects.filter(cycle=cycle, unit=unit).exists():
        raise DomainError(f"Đơn vị “{unit}” đã được mở đăng ký muộn trong đợt này.")
    return reason


@transaction.atomic
def late_registration_open(*, acting_user, cycle, unit, reason: str) -> LateRegistration:
    """Let `unit` register in `cycle` after Quarter I (Art. 4–7 cl. 1 sets the quarter;
    the exception is the province's, recorded with who opened it, when and why)."""
    reason = late_registration_check(acting_user=acting_user, cycle=cycle, unit=unit, reason=reason)
    try:
        with transaction.atomic():
            return LateRegistration.objects.create(
                cycle=cycle, unit=unit, opened_by=acting_user, reason=reason
            )
    except IntegrityError as exc:
        raise DomainError(f"Đơn vị “{unit}” đã được mở đăng ký muộn trong đợt này.") from exc
