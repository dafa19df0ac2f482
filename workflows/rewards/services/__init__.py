"""Every change to a reward nomination (DOMAIN.md §3; Law 06/2022/QH15 and Decree
152/2025/NĐ-CP). As for dossiers, each step takes the flow lock and the open task, calls
exactly one Nomination transition and writes the audit row in one transaction. Sending a
decision out: workflows.rewards.dispatch."""

from .appraisal import APPRAISAL_OUTCOMES, nomination_appraise
from .decisions import AWARDS, award_revoke, lock_voted_nominations, reward_decision_issue
from .eligibility import eligibility_problems
from .proposer import (
    missing_documents,
    nomination_create,
    nomination_from_dossier,
    nomination_submit,
    nomination_upload,
)
from .recorded import external_decision_record
from .vote import nomination_record_vote

__all__ = [
    "APPRAISAL_OUTCOMES",
    "AWARDS",
    "award_revoke",
    "eligibility_problems",
    "external_decision_record",
    "lock_voted_nominations",
    "missing_documents",
    "nomination_appraise",
    "nomination_create",
    "nomination_from_dossier",
    "nomination_record_vote",
    "nomination_submit",
    "nomination_upload",
    "reward_decision_issue",
]
