"""Reference data every installation starts with: area levels, document kinds, the two
regulations and the Circular 124/2021 criteria sets. Idempotent: it only adds what is
missing, so texts an administrator edited are kept."""

import datetime

from .criteria_124_2021 import CRITERIA, TITLES

MINISTRY_LEVEL = ("ministry", "Bộ Công an (cấp Bộ)", 0)
LEVELS = [
    MINISTRY_LEVEL,
    ("province", "Tỉnh, thành phố", 1),
    ("district", "Quận, huyện, thị xã (trước 01/7/2025)", 2),
    ("commune", "Xã, phường, đặc khu", 3),
    ("residential", "Khu dân cư (thôn, ấp, bản, khu phố, tổ dân phố)", 4),
]

# Circular 124, Art. 9 cl. 1 d and Art. 10 cl. 4: the Minister decides for agencies,
# enterprises and schools followed by the Ministry's departments. One area with no parent
# stands for the Ministry, so a route can name it as the deciding body.
MINISTRY_AREA = {"code": "BCA", "name": "Bộ Công an"}

DOCUMENT_KINDS = [
    ("proposal", "Tờ trình đề nghị công nhận", 1),
    ("self_assessment", "Báo cáo kết quả tự đánh giá theo tiêu chí", 2),
    ("minutes", "Biên bản họp bình xét", 3),
    ("registration", "Bản đăng ký phấn đấu (Quý I)", 4),
    ("evidence", "Tài liệu chứng minh khác", 5),
]

REGULATIONS = [
    {
        "code": "124/2021/TT-BCA",
        "title": "Thông tư quy định về tiêu chuẩn, hồ sơ, thủ tục xét, công nhận đạt tiêu "
        "chuẩn “An toàn về an ninh, trật tự” (sửa đổi bởi Thông tư 48/2025/TT-BCA)",
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


def seed_reference_data(apps):
    """Create the reference rows with the (historical) models from `apps`."""
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
    old, new = regulations["23/2012/TT-BCA"], regulations["124/2021/TT-BCA"]
    if old.replaced_by_id is None:
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])

    for unit_kind, rows in CRITERIA.items():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            regulation=new, unit_kind=unit_kind, version=1, defaults={"title": TITLES[unit_kind]}
        )
        if created:
            Criterion.objects.bulk_create(
                Criterion(criteria_set=criteria_set, number=n, letter=letter, kind=kind, text=text)
                for n, letter, kind, text in rows
            )


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
