from .areas import AdministrativeArea, AreaGroupPermission, AreaLevel, AreaUserPermission
from .criteria import CriteriaSet, Criterion, CriterionKind, Regulation
from .cycles import CycleRoute, DocumentKind, RecognitionCycle, Step, StepDeadline
from .decisions import (
    AuthorityMarker,
    Decision,
    DecisionCounter,
    DecisionItem,
    DecisionKind,
)
from .dossier import (
    Assessment,
    CriterionVerdict,
    DisqualifyingEvent,
    Document,
    Dossier,
    DossierStatus,
    DossierTransition,
    DossierVersion,
    Review,
    ReviewStage,
)
from .units import Unit, UnitGroupPermission, UnitKind, UnitUserPermission

__all__ = [
    "Assessment",
    "AuthorityMarker",
    "CriterionVerdict",
    "Decision",
    "DecisionCounter",
    "DecisionItem",
    "DecisionKind",
    "DisqualifyingEvent",
    "Document",
    "Dossier",
    "DossierStatus",
    "DossierTransition",
    "DossierVersion",
    "Review",
    "ReviewStage",
    "AdministrativeArea",
    "AreaGroupPermission",
    "AreaLevel",
    "AreaUserPermission",
    "CriteriaSet",
    "Criterion",
    "CriterionKind",
    "CycleRoute",
    "DocumentKind",
    "RecognitionCycle",
    "Regulation",
    "Step",
    "StepDeadline",
    "Unit",
    "UnitGroupPermission",
    "UnitKind",
    "UnitUserPermission",
]
