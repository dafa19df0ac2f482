from django.db import migrations

# DOMAIN.md §3: durations 20 / 5 / 10 working days (appraise from a complete dossier; the
# office returns an ineligible or incomplete dossier; the signed decision is sent out), the
# proposer's supplement time (the province's choice), quorum 2/3 present and more than 1/2
# of all members for. The Minister's Bằng khen is decided by the Ministry: the province
# records the result, it never numbers that decision.
RULES = {
    "appraise_working_days": 20,
    "return_working_days": 5,
    "supplement_working_days": 10,
    "send_out_working_days": 10,
    "quorum_numerator": 2,
    "quorum_denominator": 3,
    "majority_numerator": 1,
    "majority_denominator": 2,
}
SEEDED = ["gk-chu-tich-xa", "gk-giam-doc-cat", "bk-chu-tich-tinh", "bk-bo-truong-bca"]
MINISTER = "bk-bo-truong-bca"


def forwards(apps, schema_editor):
    RewardForm = apps.get_model("dossiers", "RewardForm")
    RewardForm.objects.filter(code__in=SEEDED).update(**RULES)
    RewardForm.objects.filter(code=MINISTER).update(
        decided_externally=True,
        external_authority="Bộ trưởng Bộ Công an",
    )


def backwards(apps, schema_editor):
    RewardForm = apps.get_model("dossiers", "RewardForm")
    RewardForm.objects.filter(code=MINISTER).update(
        decided_externally=False,
        external_authority="",
    )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0009_reward_rules_per_form")]

    operations = [migrations.RunPython(forwards, backwards)]
