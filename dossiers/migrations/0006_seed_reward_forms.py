from django.db import migrations

# The reward forms relevant to the ANTT movement (DOMAIN.md §3); editable in the admin.
FORMS = [
    {
        "code": "gk-chu-tich-xa",
        "name": "Giấy khen của Chủ tịch Ủy ban nhân dân xã, phường, đặc khu",
        "appraise_level": "commune",
        "appraising_office": "Bộ phận thi đua, khen thưởng, Ủy ban nhân dân xã",
        "appraising_role": "committee",
        "decide_level": "commune",
        "deciding_role": "committee",
        "decision_symbol": "QĐ-UBND",
        "requires_recognition": True,
    },
    {
        "code": "gk-giam-doc-cat",
        "name": "Giấy khen của Giám đốc Công an tỉnh",
        "appraise_level": "province",
        "appraising_office": "Phòng Xây dựng phong trào bảo vệ ANTQ (PV05), Công an tỉnh",
        "appraising_role": "police",
        "decide_level": "province",
        "deciding_role": "police",
        "decision_symbol": "QĐ-CAT",
        "requires_recognition": False,
    },
    {
        "code": "bk-chu-tich-tinh",
        "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "appraise_level": "province",
        "appraising_office": "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
        "appraising_role": "committee",
        "decide_level": "province",
        "deciding_role": "committee",
        "decision_symbol": "QĐ-UBND",
        "requires_recognition": True,
    },
    {
        "code": "bk-bo-truong-bca",
        "name": "Bằng khen của Bộ trưởng Bộ Công an",
        "appraise_level": "province",
        "appraising_office": "Phòng PV05, Công an tỉnh (trình Bộ Công an)",
        "appraising_role": "police",
        "decide_level": "province",
        "deciding_role": "police",
        "decision_symbol": "QĐ-BCA",
        "requires_recognition": True,
    },
]


def forwards(apps, schema_editor):
    RewardForm = apps.get_model("dossiers", "RewardForm")
    AreaLevel = apps.get_model("dossiers", "AreaLevel")
    levels = {level.code: level for level in AreaLevel.objects.all()}
    for row in FORMS:
        data = dict(row)
        data["appraise_level"] = levels[data["appraise_level"]]
        data["decide_level"] = levels[data["decide_level"]]
        RewardForm.objects.get_or_create(code=data.pop("code"), defaults=data)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0005_rewards")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
