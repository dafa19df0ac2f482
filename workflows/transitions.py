"""The one transition recorder (DESIGN.md "every state change … the audit row written in the
same transaction; side effects after commit"). Dossiers and nominations keep their own
audit tables; a trail names the table, the row's link to its subject and the task that
tells the people concerned after the commit."""

from django.db import transaction

from dossiers.models import DossierTransition, NominationTransition
from notifications.tasks import announce, announce_nomination

from . import receipts


class AuditTrail:
    def __init__(self, model, subject_field: str, announcer):
        self.model = model
        self.subject_field = subject_field
        self.announcer = announcer

    def build(self, subject, *, user, step: str, source: str, comment: str = ""):
        """The unsaved row for `subject` having moved from `source` to its status now."""
        return self.model(
            **{self.subject_field: subject},
            actor=user,
            role=getattr(user, "role", ""),
            step=step,
            source=source,
            target=subject.status,
            comment=comment,
        )

    def record(self, subject, *, user, step: str, source: str, comment: str = ""):
        """Write the row in the caller's transaction; announce it after the commit."""
        transition = self.build(subject, user=user, step=step, source=source, comment=comment)
        transition.save()
        return self.written(transition)

    def written(self, transition):
        """`transition`, a row built with `build`, has been written in the caller's
        transaction (with other rows, in one statement): announce it after the commit."""
        receipts.stamp()
        self._announce(transition.pk)
        return transition

    def record_many(self, transitions) -> list:
        """Rows built with `build`, written in one query (a decision for many subjects)."""
        written = self.model.objects.bulk_create(transitions)
        receipts.stamp()
        for transition in written:
            self._announce(transition.pk)
        return written

    def _announce(self, transition_id: int) -> None:
        """Queue the announcement after the commit. `robust`: a broker that is down then is
        logged, never raised — the step has committed and its answer must say so."""

        # A named callable, not a partial: Django logs a robust callback by its __qualname__.
        def announce_after_commit():
            self.announcer.delay(transition_id)

        transaction.on_commit(announce_after_commit, robust=True)


DOSSIER_TRAIL = AuditTrail(DossierTransition, "dossier", announce)
NOMINATION_TRAIL = AuditTrail(NominationTransition, "nomination", announce_nomination)
