"""Reference data every installation starts with: area levels, document kinds, the two
regulations and the Circular 124/2021 criteria sets (version 1, frozen, and version 2, the
verbatim text). Idempotent: it only adds what is missing, so texts an administrator edited
are kept."""

import datetime

from . import criteria_124_2021 as current
from . import criteria_124_2021_v1 as v1
from .ordering import criterion_position

MINISTRY_LEVEL = ("ministry", "Bộ Công an (cấp Bộ)", 0)
LEVELS = [
    MINISTRY_LEVEL,
    ("province", "Tỉnh, thành phố", 1),
    ("district", "Quận, huyện, thị xã (trước 01/7/2025)", 2),
    ("commune", "Xã, phường, đặc khu", 3),
    ("residential", "Khu dân cư (thôn, ấp, bản, khu phố, tổ dân phố)", 4),
]

# The two dossiers of Circular 124, Art. 9 cl. 2, in the circular's own words: the
# registration dossier of Quarter I (point a) and the recognition dossier (point b).
ANTT = "“An toàn về an ninh, trật tự”"
ALL_KINDS = "khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục"

# Circular 124, Art. 9 cl. 1 d and Art. 10 cl. 4: the Minister decides for agencies,
# enterprises and schools followed by the Ministry's departments. One area with no parent
# stands for the Ministry, so a route can name it as the deciding body.
MINISTRY_AREA = {"code": "BCA", "name": "Bộ Công an"}

DOCUMENT_KINDS = [
    (
        "party_resolution",
        "Nghị quyết của cấp ủy Đảng lãnh đạo về công tác bảo đảm an ninh, trật tự "
        "(nơi có tổ chức Đảng)",
        1,
    ),
    (
        "security_plan",
        "Kế hoạch về bảo đảm an ninh, trật tự của Ủy ban nhân dân xã, phường, thị trấn; "
        "cơ quan, doanh nghiệp, cơ sở giáo dục",
        2,
    ),
    ("registration", f"Bản đăng ký phấn đấu đạt tiêu chuẩn {ANTT}", 3),
    ("proposal", f"Tờ trình đề nghị xét duyệt, công nhận đạt tiêu chuẩn {ANTT}", 4),
    ("self_assessment", f"Báo cáo kết quả xây dựng {ALL_KINDS} đạt tiêu chuẩn {ANTT}", 5),
    (
        "minutes",
        "Biên bản cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí xây dựng "
        f"{ALL_KINDS} đạt tiêu chuẩn {ANTT}",
        6,
    ),
    ("evidence", "Các tài liệu khác có liên quan", 7),
]
REGISTRATION_DOSSIER = ("party_resolution", "security_plan", "registration")
RECOGNITION_DOSSIER = ("proposal", "self_assessment", "minutes")
OTHER_DOCUMENTS = "evidence"

TT124_CODE = "124/2021/TT-BCA"
TT124_TITLE = (
    "Thông tư quy định khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo "
    "dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
)
# The invented title migration 0002 stored before it was corrected (domain audit §1e).
TT124_OLD_TITLE = (
    "Thông tư quy định về tiêu chuẩn, hồ sơ, thủ tục xét, công nhận đạt tiêu chuẩn “An toàn "
    "về an ninh, trật tự” (sửa đổi bởi Thông tư 48/2025/TT-BCA)"
)

REGULATIONS = [
    {
        "code": TT124_CODE,
        "title": TT124_TITLE,
        "signed_on": datetime.date(2021, 12, 28),
        "effective_from": datetime.date(2022, 2, 10),
    },
    {
        "code": "23/2012/TT-BCA",
        "title": "Thông tư quy định về khu dân cư, xã, phường, thị trấn, cơ quan, doanh "
        "nghiệp, nhà trường đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        "signed_on": datetime.date(2012, 4, 27),
        "effective_from": datetime.date(2012, 6, 12),
    },
]


def seed_base(apps):
    """Levels, document kinds, regulations and the version 1 criteria sets: what migration
    0002 creates, with the (historical) models from `apps`."""
    AreaLevel = apps.get_model("dossiers", "AreaLevel")
    DocumentKind = apps.get_model("dossiers", "DocumentKind")
    Regulation = apps.get_model("dossiers", "Regulation")
    CriteriaSet = apps.get_model("dossiers", "CriteriaSet")
    Criterion = apps.get_model("dossiers", "Criterion")

    for code, name, rank in LEVELS:
        AreaLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
    seed_ministry(apps)
    for code, name, order in DOCUMENT_KINDS:
        DocumentKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    regulations = {}
    for row in REGULATIONS:
        regulations[row["code"]], _ = Regulation.objects.get_or_create(
            code=row["code"], defaults=row
        )
    old, new = regulations["23/2012/TT-BCA"], regulations[TT124_CODE]
    if old.replaced_by_id is None:
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])

    has_position = any(f.name == "position" for f in Criterion._meta.get_fields())
    for unit_kind, rows in v1.CRITERIA.items():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            regulation=new, unit_kind=unit_kind, version=1, defaults={"title": v1.TITLES[unit_kind]}
        )
        if created:
            Criterion.objects.bulk_create(
                Criterion(
                    criteria_set=criteria_set,
                    number=n,
                    letter=letter,
                    kind=kind,
                    text=text,
                    **({"position": criterion_position(n, letter)} if has_position else {}),
                )
                for n, letter, kind, text in rows
            )


def seed_criteria_v2(apps):
    """The verbatim criteria sets of Circular 124 Art. 4–7 as version 2 (a new version of
    each set: version 1 rows are never edited, old answers point at them), and the
    regulation's real title."""
    Regulation = apps.get_model("dossiers", "Regulation")
    CriteriaSet = apps.get_model("dossiers", "CriteriaSet")
    Criterion = apps.get_model("dossiers", "Criterion")

    regulation = Regulation.objects.get(code=TT124_CODE)
    if regulation.title == TT124_OLD_TITLE:
        regulation.title = TT124_TITLE
        regulation.save(update_fields=["title"])
    sets = {}
    for unit_kind, (article, title, rows) in current.CRITERIA.items():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            regulation=regulation,
            unit_kind=unit_kind,
            version=current.VERSION,
            defaults={"title": title, "article": article},
        )
        sets[unit_kind] = criteria_set
        if not created:
            continue
        for row in rows:
            if isinstance(row, current.Ref):
                target = Criterion.objects.get(
                    criteria_set=sets[row.unit_kind],
                    province=None,
                    number=row.ref_number,
                    letter=row.ref_letter,
                    refers_to=None,
                )
                Criterion.objects.create(
                    criteria_set=criteria_set,
                    number=row.number,
                    kind=target.kind,
                    refers_to=target,
                    position=criterion_position(row.number, "", row.ref_number, row.ref_letter),
                )
            else:
                Criterion.objects.create(
                    criteria_set=criteria_set,
                    number=row.number,
                    letter=row.letter,
                    kind=row.kind,
                    text=row.text,
                    rule=row.rule,
                    position=criterion_position(row.number, row.letter),
                )
    return sets


def seed_reference_data(apps):
    """Everything above, with the (historical) models from `apps`."""
    seed_base(apps)
    seed_criteria_v2(apps)
    seed_ministry(apps)


def seed_ministry(apps):
    """The "ministry" level (rank 0, above the provinces) and its one area, "Bộ Công an"
    (Circular 124, Art. 10 cl. 4). Idempotent."""
    AreaLevel = apps.get_model("dossiers", "AreaLevel")
    AdministrativeArea = apps.get_model("dossiers", "AdministrativeArea")
    code, name, rank = MINISTRY_LEVEL
    level, _ = AreaLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
    area, created = AdministrativeArea.objects.get_or_create(
        code=MINISTRY_AREA["code"],
        level=level,
        valid_from=None,
        defaults={"name": MINISTRY_AREA["name"], "parent": None},
    )
    if created:  # a root: its path is its own id (dossiers.services.area_set_paths)
        area.path = f"/{area.pk}/"
        area.save(update_fields=["path"])
