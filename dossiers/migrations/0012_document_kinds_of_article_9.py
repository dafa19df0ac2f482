"""The two dossiers of Circular 124, Art. 9 cl. 2, with the circular's names: the
registration dossier of Quarter I (point a) gains the Party resolution and the security
plan, and the registration form belongs to it; the recognition dossier (point b) keeps the
proposal, the report and the minutes. Routes of open cycles stop asking for the
registration form at year end; closed cycles keep their history as it was."""

from django.db import migrations

ANTT = "“An toàn về an ninh, trật tự”"
ALL_KINDS = "khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục"
KINDS = {
    "party_resolution": (
        "Nghị quyết của cấp ủy Đảng lãnh đạo về công tác bảo đảm an ninh, trật tự "
        "(nơi có tổ chức Đảng)",
        1,
    ),
    "security_plan": (
        "Kế hoạch về bảo đảm an ninh, trật tự của Ủy ban nhân dân xã, phường, thị trấn; "
        "cơ quan, doanh nghiệp, cơ sở giáo dục",
        2,
    ),
    "registration": (f"Bản đăng ký phấn đấu đạt tiêu chuẩn {ANTT}", 3),
    "proposal": (f"Tờ trình đề nghị xét duyệt, công nhận đạt tiêu chuẩn {ANTT}", 4),
    "self_assessment": (f"Báo cáo kết quả xây dựng {ALL_KINDS} đạt tiêu chuẩn {ANTT}", 5),
    "minutes": (
        "Biên bản cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí xây dựng "
        f"{ALL_KINDS} đạt tiêu chuẩn {ANTT}",
        6,
    ),
    "evidence": ("Các tài liệu khác có liên quan", 7),
}
OLD_NAMES = {
    "proposal": ("Tờ trình đề nghị công nhận", 1),
    "self_assessment": ("Báo cáo kết quả tự đánh giá theo tiêu chí", 2),
    "minutes": ("Biên bản họp bình xét", 3),
    "registration": ("Bản đăng ký phấn đấu (Quý I)", 4),
    "evidence": ("Tài liệu chứng minh khác", 5),
}


def forwards(apps, schema_editor):
    DocumentKind = apps.get_model("dossiers", "DocumentKind")
    CycleRoute = apps.get_model("dossiers", "CycleRoute")
    for code, (name, order) in KINDS.items():
        DocumentKind.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    registration = DocumentKind.objects.get(code="registration")
    for route in CycleRoute.objects.filter(cycle__is_open=True):
        route.required_documents.remove(registration)


def backwards(apps, schema_editor):
    DocumentKind = apps.get_model("dossiers", "DocumentKind")
    CycleRoute = apps.get_model("dossiers", "CycleRoute")
    for code, (name, order) in OLD_NAMES.items():
        DocumentKind.objects.filter(code=code).update(name=name, order=order)
    registration = DocumentKind.objects.get(code="registration")
    for route in CycleRoute.objects.filter(cycle__is_open=True):
        route.required_documents.add(registration)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0011_registration_dossier_and_meeting")]

    operations = [migrations.RunPython(forwards, backwards)]
