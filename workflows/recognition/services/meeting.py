"""The evaluation meeting recorded with the dossier before it is sent (Circular 124,
Art. 9 cl. 1 a, c): its date and who sat in each seat the circular names for the unit's
kind (dossiers.reference.meeting_seats)."""

import datetime

from django.db import transaction

from dossiers.models import EvaluationMeeting, MeetingAttendee
from dossiers.reference.meeting_seats import seats_for
from dossiers.services import DomainError

from ..permissions import ensure_can_act
from .core import draft_version

MAX_TEXT = 200


@transaction.atomic
def meeting_save(
    *, acting_user, dossier, held_on: datetime.date | None, attendees: dict
) -> EvaluationMeeting:
    """Save the meeting on the draft version as typed, complete or not ({seat code:
    (full name, position)}); completeness is checked when the dossier is submitted."""
    ensure_can_act(acting_user, dossier, "prepare")
    version = draft_version(dossier)
    seats = {s.code for s in seats_for(dossier.unit.kind)}
    too_long = [code for code, values in attendees.items() if max(map(len, values)) > MAX_TEXT]
    if too_long:
        raise DomainError(f"Họ tên và chức vụ người dự họp tối đa {MAX_TEXT} ký tự.")
    meeting, _ = EvaluationMeeting.objects.update_or_create(
        version=version, defaults={"held_on": held_on}
    )
    for code, (full_name, position) in attendees.items():
        if code not in seats:
            continue
        MeetingAttendee.objects.update_or_create(
            meeting=meeting,
            seat=code,
            defaults={"full_name": full_name.strip(), "position": position.strip()},
        )
    return meeting


def meeting_problems(version, unit_kind: str, today: datetime.date) -> list[str]:
    """What keeps the meeting from being complete: no date (or one in the future), or a
    seat the circular requires (Art. 9 cl. 1 a, c) without a name and position."""
    seats = seats_for(unit_kind)
    if not seats:
        return []
    meeting = EvaluationMeeting.objects.filter(version=version).first()
    if meeting is None:
        return [
            "Chưa ghi cuộc họp đánh giá (Thông tư 124, Điều 9 khoản 1): ngày họp và người dự "
            "họp ở các vị trí: " + "; ".join(s.label for s in seats if s.required) + "."
        ]
    problems = []
    if meeting.held_on is None:
        problems.append("Chưa ghi ngày họp đánh giá.")
    elif meeting.held_on > today:
        problems.append(f"Ngày họp đánh giá ({meeting.held_on:%d/%m/%Y}) chưa tới.")
    filled = {a.seat for a in meeting.attendees.all() if a.full_name and a.position}
    empty = [s.label for s in seats if s.required and s.code not in filled]
    if empty:
        problems.append(
            "Cuộc họp đánh giá còn thiếu người dự họp (họ tên, chức vụ) ở vị trí: "
            + "; ".join(empty)
            + "."
        )
    return problems


def meeting_copy(source, target) -> None:
    """A supplement's new version starts with the meeting of the version it replaces."""
    meeting = EvaluationMeeting.objects.filter(version=source).first()
    if meeting is None:
        return
    copy = EvaluationMeeting.objects.create(version=target, held_on=meeting.held_on)
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=copy, seat=a.seat, full_name=a.full_name, position=a.position)
        for a in meeting.attendees.all()
    )
