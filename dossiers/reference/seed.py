"""Reference data every installation starts with: area levels, document kinds, the two
regulations and the Circular 124/2021 criteria sets. Idempotent: it only adds what is
missing, so texts an administrator edited are kept."""

import datetime

from .criteria_124_2021 import CRITERIA, TITLES

LEVELS = [
    ("province", "Tỉnh, thành phố", 1),
    ("district", "Quận, huyện, thị xã (trước 01/7/2025)", 2),
    ("commune", "Xã, phường, đặc khu", 3),
    ("residential", "Khu dân cư (thôn, ấp, bản, khu phố, tổ dân phố)", 4),
]

# The two dossiers of Circular 124, Art. 9 cl. 2, in the circular's own words: the
# registration dossier of Quarter I (point a) and the recognition dossier (point b).
ANTT = "“An toàn về an ninh, trật tự”"
ALL_KINDS = "khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục"
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
