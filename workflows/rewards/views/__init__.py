from .decisions import reward_decision_detail, reward_decision_page, reward_revoke_page
from .dispatch import reward_decision_sent
from .lists import NominationListView, nomination_detail, nomination_document_download
from .office import nomination_appraise, nomination_vote
from .proposer import nomination_create, nomination_submit, nomination_upload
from .recorded import reward_decision_list, reward_decision_record

__all__ = [
    "NominationListView",
    "nomination_appraise",
    "nomination_create",
    "nomination_detail",
    "nomination_document_download",
    "nomination_submit",
    "nomination_upload",
    "nomination_vote",
    "reward_decision_detail",
    "reward_decision_list",
    "reward_decision_page",
    "reward_decision_record",
    "reward_decision_sent",
    "reward_revoke_page",
]
