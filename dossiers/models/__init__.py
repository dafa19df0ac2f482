from .areas import AdministrativeArea, AreaGroupPermission, AreaLevel, AreaUserPermission
from .criteria import CriteriaSet, Criterion, CriterionKind, Regulation
from .cycles import CycleRoute, DocumentKind, RecognitionCycle, Step, StepDeadline
from .units import Unit, UnitGroupPermission, UnitKind, UnitUserPermission

__all__ = [
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
