"""What `make run` promises (README): a step's e-mail printed to the console — here by a
real Celery worker process (Redis broker, EMAIL_URL=consolemail://), the e-mail landing in
the worker's own output."""

import pytest

from tests.journeys import Journey, Province
from tests.notifications.live import celery_worker_process, smtp_server, wait_until

__all__ = ["celery_worker_process", "smtp_server"]  # fixtures used below

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_clock]


@pytest.mark.parametrize("celery_worker_process", [{"EMAIL_URL": "consolemail://"}], indirect=True)
def test_a_worker_prints_the_email_of_a_step(reference_data, celery_worker_process):
    p = Province.build()
    p.reviewer.email = "caxa.godau@antt.local"
    p.reviewer.save(update_fields=["email"])
    Journey(p).to("submitted")
    printed = wait_until(
        lambda: (
            "To: caxa.godau@antt.local" in celery_worker_process.log()
            and celery_worker_process.log()
        ),
        60,
        message="the e-mail printed by the worker",
    )
    assert "Khu phố 1, Phường Gò Dầu" in printed
