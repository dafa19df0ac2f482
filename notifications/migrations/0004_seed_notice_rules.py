from django.db import migrations

RULES = [(-3, "remind"), (-1, "remind"), (0, "remind"), (1, "escalate")]


def forwards(apps, schema_editor):
    NoticeRule = apps.get_model("notifications", "NoticeRule")
    for offset, action in RULES:
        NoticeRule.objects.get_or_create(offset=offset, defaults={"action": action})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_messages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
