"""Database-level history of the records whose changes matter in law (issue #12, "An audit
trail nothing bypasses"): dossiers, nominations and their nominees, decisions and their
items, and the jurisdiction grants. PostgreSQL triggers (django-pghistory) write an event
row for every insert, update and delete, so even a raw `QuerySet.update()` or a change in
the database shell leaves a trace. The domain audit rows (`DossierTransition`,
`NominationTransition`) stay: they are what people read in the pages; these are for the
auditor (`<Model>Event` tables, e.g. `dossiers_dossierevent`)."""

import pghistory

from .areas import AreaGroupPermission, AreaUserPermission
from .decisions import Decision, DecisionItem
from .dossier import Dossier
from .rewards import Nomination, Nominee
from .units import UnitGroupPermission, UnitUserPermission

TRACKED = (
    Dossier,
    Nomination,
    Nominee,
    Decision,
    DecisionItem,
    AreaUserPermission,
    AreaGroupPermission,
    UnitUserPermission,
    UnitGroupPermission,
)

# Not tracked: the jurisdiction scope the database derives from the areas (scope.py).
DERIVED = {Dossier: ["scope"]}

for model in TRACKED:  # trackers are bound to their model: new ones for each
    pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        obj_field=pghistory.ObjForeignKey(related_name="history"),  # `dossier.history`
        exclude=DERIVED.get(model),
    )(model)
