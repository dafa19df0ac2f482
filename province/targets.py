"""The targets the seed plans set, as data (issue #11). Tây Ninh's plan of 11/08/2020 on
Directive 07 (SEED-07 I.3): "≥ 90 % cơ quan, doanh nghiệp, nhà trường được công nhận đạt
tiêu chuẩn “An toàn về an ninh, trật tự” hằng năm"; the police–Fatherland Front plan
100/KHPH-CA-MTTQ of 17/05/2023 (SEED-MT III.1.3): 100 % of units registered. A province
edits them in the admin ("Chỉ tiêu")."""

from dossiers.models import UnitKind
from dossiers.models.units import ORGANISATION_KINDS

from .models import Target

SEED_REGISTERED = 100
SEED_RECOGNISED = 90
SOURCE = (
    "Kế hoạch ngày 11/08/2020 của UBND tỉnh Tây Ninh thực hiện Chỉ thị 07 (mục I.3); "
    "Kế hoạch 100/KHPH-CA-MTTQ ngày 17/05/2023 (mục III.1.3)"
)


def seed_targets(cycle) -> int:
    """The seed plans' targets for `cycle`, where it has none yet (never overwrites)."""
    created = 0
    for kind in UnitKind.values:
        _, made = Target.objects.get_or_create(
            cycle=cycle,
            unit_kind=kind,
            defaults={
                "registered_share": SEED_REGISTERED,
                "recognised_share": SEED_RECOGNISED if kind in ORGANISATION_KINDS else None,
                "source": SOURCE,
            },
        )
        created += made
    return created
