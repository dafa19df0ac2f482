"""A realistic demo province: new Tây Ninh on the 2-level tree (96 communes and wards with
residential areas, agencies, enterprises and schools), one historical 3-level district with
a 2024 cycle, the current 2026 cycle, and one demo user per role.

Idempotent: every row is looked up by its natural key first, so a second run changes
nothing (passwords are only set when a user is created).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import Role, User

from .demo_names import COMMUNES, RESIDENTIAL, WARD_RESIDENTIAL, WARDS
from .jurisdiction import user_grant_jurisdiction
from .models import (
    AdministrativeArea,
    AreaLevel,
    DocumentKind,
    Dossier,
    RecognitionCycle,
    Regulation,
    Unit,
    UnitKind,
)
from .reference.seed import RECOGNITION_DOSSIER
from .routes import cycle_set_routes_as_written
from .services import area_set_paths

DEMO_PASSWORD = "antt-demo-2026"
REFORM_DAY = datetime.date(2025, 7, 1)
OLD_TREE_END = datetime.date(2025, 6, 30)
PROVINCE_CODE = "72"
HISTORICAL_COMMUNES = {  # old commune of Gò Dầu district → the new commune/ward after 07/2025
    "Thị trấn Gò Dầu": "Gò Dầu",
    "Xã Phước Thạnh": "Phước Thạnh",
    "Xã Thạnh Đức": "Thạnh Đức",
}


@dataclass
class DemoSummary:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # user, role, scope
    counts: dict[str, int] = field(default_factory=dict)
    go_dau: AdministrativeArea | None = None  # where workflows.demo puts the demo dossiers


class _Builder:
    def __init__(self):
        self.levels = {level.code: level for level in AreaLevel.objects.all()}
        self.new_areas = []

    def area(self, code, name, level, parent=None, valid_from=None, valid_to=None):
        area, created = AdministrativeArea.objects.get_or_create(
            code=code,
            level=self.levels[level],
            valid_from=valid_from,
            defaults={"name": name, "parent": parent, "valid_to": valid_to},
        )
        if created:
            self.new_areas.append(area)
        return area

    def unit(self, identifier, name, kind, area, managing="commune", **flags):
        unit, _ = Unit.objects.get_or_create(
            identifier=identifier,
            defaults={
                "name": name,
                "kind": kind,
                "area": area,
                "managing_level": self.levels[managing],
                **flags,
            },
        )
        return unit


@transaction.atomic
def build_demo() -> DemoSummary:
    b = _Builder()
    province = b.area(PROVINCE_CODE, "Tỉnh Tây Ninh", "province", valid_from=REFORM_DAY)
    communes = {}
    for i, name in enumerate(WARDS + COMMUNES, start=1):
        is_ward = name in WARDS
        full = f"{'Phường' if is_ward else 'Xã'} {name}"
        code = f"{PROVINCE_CODE}{i:03d}"
        commune = communes[name] = b.area(code, full, "commune", province, REFORM_DAY)
        for j, ra in enumerate(WARD_RESIDENTIAL if is_ward else RESIDENTIAL, start=1):
            b.area(f"{code}{j:02d}", f"{ra}, {full}", "residential", commune, REFORM_DAY)
    area_set_paths(b.new_areas)
    _historical_tree(b, communes)
    area_set_paths(b.new_areas)

    for i, (name, commune) in enumerate(communes.items(), start=1):
        _units_of_commune(b, i, name, commune)
    ward_one = communes[WARDS[0]]
    b.unit("PROV-AG-01", "Sở Tư pháp tỉnh Tây Ninh", UnitKind.AGENCY, ward_one, "province")
    b.unit(
        "3900100011", "Công ty Cổ phần Cao su Tây Ninh", UnitKind.ENTERPRISE, ward_one, "province"
    )
    b.unit("PROV-SC-01", "Trường THPT chuyên Hoàng Lê Kha", UnitKind.SCHOOL, ward_one, "province")
    # Followed by a Ministry department: V05 appraises, the Minister decides, the provincial
    # police transmit the dossier and record the decision (Circular 124, Art. 10 cl. 4).
    b.unit(
        "3900100033",
        "Chi nhánh Tổng công ty Xăng dầu tại Tây Ninh",
        UnitKind.ENTERPRISE,
        ward_one,
        "province",
        followed_by_ministry=True,
    )

    old_province = AdministrativeArea.objects.get(
        code=PROVINCE_CODE, level=b.levels["province"], valid_from=None
    )
    _cycle(b, old_province, 2024, three_levels=True)
    _cycle(b, province, 2026, three_levels=False)
    summary = DemoSummary(
        logins=_users(b, province, old_province, communes["Gò Dầu"]), go_dau=communes["Gò Dầu"]
    )
    summary.counts = {
        "communes": AdministrativeArea.objects.filter(
            level=b.levels["commune"], path__startswith=province.path
        ).count(),
        "areas": AdministrativeArea.objects.count(),
        "units": Unit.objects.count(),
        "cycles": RecognitionCycle.objects.count(),
        "dossiers": Dossier.objects.count(),
    }
    return summary


def _historical_tree(b: _Builder, communes):
    """Old Tây Ninh → Gò Dầu district → three communes → residential areas, valid until
    30/06/2025; each old residential area is succeeded by one in the new tree."""
    old_province = b.area(
        PROVINCE_CODE, "Tỉnh Tây Ninh (trước sắp xếp)", "province", valid_to=OLD_TREE_END
    )
    district = b.area("714", "Huyện Gò Dầu", "district", old_province, valid_to=OLD_TREE_END)
    for k, (old_name, new_name) in enumerate(HISTORICAL_COMMUNES.items(), start=1):
        old_commune = b.area(f"2570{k}", old_name, "commune", district, valid_to=OLD_TREE_END)
        new_commune = communes[new_name]
        for j, new_ra in enumerate(new_commune.children.order_by("code"), start=1):
            label = new_ra.name.split(",")[0]
            old_ra = b.area(
                f"2570{k}{j:02d}",
                f"{label}, {old_name}",
                "residential",
                old_commune,
                valid_to=OLD_TREE_END,
            )
            old_ra.successors.add(new_ra)
        old_commune.successors.add(new_commune)


def _units_of_commune(b: _Builder, i: int, name: str, commune):
    b.unit(f"XA-{commune.code}", commune.name, UnitKind.COMMUNE, commune, "province")
    for ra in commune.children.all():
        b.unit(f"KDC-{ra.code}", ra.name, UnitKind.RESIDENTIAL_AREA, ra)
    b.unit(f"CQ-{commune.code}", f"Trạm Y tế {commune.name}", UnitKind.AGENCY, commune)
    b.unit(f"39{i:08d}", f"Công ty TNHH Sản xuất {name}", UnitKind.ENTERPRISE, commune)
    b.unit(f"TH-{commune.code}", f"Trường THCS {name}", UnitKind.SCHOOL, commune)
    if i % 4 == 0:  # ineligible units, so refusals can be shown
        b.unit(
            f"38{i:08d}",
            f"Công ty TNHH MTV Dịch vụ {name}",
            UnitKind.ENTERPRISE,
            commune,
            is_small_enterprise=True,
        )
        b.unit(
            f"MN-{commune.code}",
            f"Trường Mầm non {name}",
            UnitKind.SCHOOL,
            commune,
            is_excluded_school=True,
        )


def _cycle(b: _Builder, province, year: int, three_levels: bool):
    regulation = Regulation.objects.get(code="124/2021/TT-BCA")
    cycle, created = RecognitionCycle.objects.get_or_create(
        province=province,
        year=year,
        defaults={
            "regulation": regulation,
            "name": f"Xét công nhận “An toàn về an ninh, trật tự” năm {year} — {province.name}",
            "is_open": not three_levels,
        },
    )
    if not created:
        return cycle
    # The year-end recognition dossier (Circular 124, Art. 9 cl. 2 b). The closed 2024
    # cycle predates the Quarter I registration dossier and still lists the registration
    # form at year end, as the data migration leaves closed cycles.
    codes = list(RECOGNITION_DOSSIER) + (["registration"] if three_levels else [])
    documents = list(DocumentKind.objects.filter(code__in=codes))
    cycle_set_routes_as_written(cycle=cycle, three_levels=three_levels, documents=documents)
    return cycle


def demo_email(username: str) -> str:
    """Every demo user has an address, so the e-mails the README promises print to the
    console (EMAIL_URL=consolemail://)."""
    return f"{username}@antt.local"


def _users(b: _Builder, province, old_province, go_dau):
    residential = Unit.objects.filter(area__parent=go_dau, kind=UnitKind.RESIDENTIAL_AREA)
    head_unit = residential.order_by("identifier").first()
    agency = Unit.objects.get(identifier=f"CQ-{go_dau.code}")
    district = AdministrativeArea.objects.get(code="714", level=b.levels["district"])
    people = [
        ("quantri", "Quản trị", "Hệ thống", Role.ADMIN, [], "toàn tỉnh"),
        ("truongkhupho", "Nguyễn Văn", "An", Role.UNIT_HEAD, [head_unit], head_unit.name),
        ("thutruong", "Trần Thị", "Bình", Role.UNIT_HEAD, [agency], agency.name),
        ("caxa.godau", "Lê Văn", "Cường", Role.REVIEWING_POLICE, [go_dau], go_dau.name),
        (
            "cahuyen.godau",
            "Phạm Văn",
            "Dũng",
            Role.REVIEWING_POLICE,
            [district],
            f"{district.name} (đợt 2024)",
        ),
        (
            "catinh.pv05",
            "Võ Thị",
            "Em",
            Role.APPRAISING_POLICE,
            [province, old_province],
            "Phòng PV05, Công an tỉnh",
        ),
        (
            "ubndxa.godau",
            "Đặng Thị",
            "Phương",
            Role.COMMITTEE_STAFF,
            [go_dau],
            f"UBND {go_dau.name}",
        ),
        (
            "ldubnd.godau",
            "Huỳnh Văn",
            "Giang",
            Role.COMMITTEE_SIGNER,
            [go_dau],
            f"Chủ tịch UBND {go_dau.name}",
        ),
        (
            "ubndtinh",
            "Bùi Văn",
            "Hải",
            Role.COMMITTEE_STAFF,
            [province, old_province],
            "Văn phòng UBND tỉnh",
        ),
        ("theodoi", "Ngô Thị", "Kim", Role.OBSERVER, [province], "toàn tỉnh (chỉ xem)"),
    ]
    logins = []
    for username, last, first, role, targets, scope in people:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "email": demo_email(username),
                "role": role,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            for target in targets:
                user_grant_jurisdiction(user=user, target=target)
            if role == Role.UNIT_HEAD:
                targets[0].heads.add(user)
        elif not user.email:  # a demo seeded before the users had addresses
            user.email = demo_email(username)
            user.save(update_fields=["email"])
        logins.append((username, user.get_role_display(), scope))
    return logins
