from .deadlines import dossier_extend, statistics
from .decisions import decision_detail, decision_list
from .lists import DossierListView, document_download, dossier_chart, dossier_detail, inbox
from .police import dossier_appraise, dossier_review
from .recorded import minister_decision_record
from .registration import registration_acknowledge, registration_document_download
from .unit_head import dossier_assess, dossier_register

__all__ = [
    "DossierListView",
    "decision_detail",
    "decision_list",
    "document_download",
    "dossier_appraise",
    "dossier_assess",
    "dossier_chart",
    "dossier_detail",
    "dossier_extend",
    "dossier_register",
    "dossier_review",
    "inbox",
    "registration_acknowledge",
    "registration_document_download",
    "minister_decision_record",
    "statistics",
]
