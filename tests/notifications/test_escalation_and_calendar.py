"""An overdue step is reported one level up, never to the same level (issue 4 §3; DOMAIN.md
§4), and the working calendar of 2027 keeps its Tết break (Bộ luật Lao động 2019, Điều 112
khoản 1 điểm b: five days, with the swapped days the table holds)."""

import datetime

import pytest

from accounts.models import Role
from notifications.calendar import add_working_days, is_working_day, working_days_between
from notifications.models import Event, Notification
from notifications.reminders import sweep
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from workflows.models import TaskDeadline

D = datetime.date
pytestmark = pytest.mark.django_db


def test_an_overdue_review_is_escalated_to_the_level_above_only():
    p = Province.build()
    same_level = UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[p.commune])
    dossier = Journey(p).to("submitted")
    review = TaskDeadline.objects.get(task__process=dossier.process, step="review")

    sweep(today=add_working_days(review.due_date, 1))

    escalated = Notification.objects.filter(event=Event.ESCALATED)
    assert set(escalated.values_list("recipient", flat=True)) == {p.appraiser.pk}
    assert not escalated.filter(recipient=same_level).exists()
    assert Notification.objects.filter(event=Event.OVERDUE, recipient=p.reviewer).exists()


@pytest.mark.parametrize("day", [D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 10)])
def test_tet_2027_weekdays_are_off(day):
    assert not is_working_day(day)


def test_tet_2027_break_moves_deadlines():
    assert add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 11)
    assert working_days_between(D(2027, 2, 1), D(2027, 2, 12)) == 4  # 02, 03, 11, 12
