"""Every change to a recognition dossier (Circular 124/2021/TT-BCA; DOMAIN.md §1).

Each human step is one service: it checks role and jurisdiction, takes the flow lock and
the open task, calls exactly one Dossier transition, writes the audit row and completes the
task, all in one transaction (DESIGN.md "one writer"). Two officers acting at once get one
success and one `Conflict`.
"""

from .core import CONFLICT_MESSAGE, Conflict, record_transition
from .decisions import decision_issue, decision_revoke
from .meeting import meeting_save
from .recorded import minister_decision_record
from .registration import RegistrationIncomplete, registration_acknowledge
from .review import dossier_appraise, dossier_review
from .unit_head import (
    document_remove,
    document_upload,
    dossier_declare_event,
    dossier_register,
    dossier_remove_event,
    dossier_save_assessment,
    dossier_submit,
    draft_version,
    missing_documents,
)

__all__ = [
    "CONFLICT_MESSAGE",
    "Conflict",
    "RegistrationIncomplete",
    "decision_issue",
    "decision_revoke",
    "document_remove",
    "document_upload",
    "dossier_appraise",
    "dossier_declare_event",
    "dossier_register",
    "dossier_remove_event",
    "dossier_review",
    "dossier_save_assessment",
    "dossier_submit",
    "draft_version",
    "meeting_save",
    "minister_decision_record",
    "missing_documents",
    "record_transition",
    "registration_acknowledge",
]
