from django.apps import apps
from django.core.management.base import BaseCommand

from dossiers.demo import DEMO_PASSWORD
from workflows.demo import build_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tỉnh Tây Ninh mới (96 xã, phường), một huyện cũ, đợt 2024 và 2026."

    def handle(self, **options):
        summary = build_demo()
        # Apps above workflows add their demo records without being imported from here.
        for config in apps.get_app_configs():
            if hasattr(config, "build_demo"):
                config.build_demo(summary)
        counts = summary.counts
        self.stdout.write(
            f"Dữ liệu mẫu: {counts['communes']} xã/phường, {counts['areas']} địa bàn, "
            f"{counts['units']} đơn vị, {counts['cycles']} đợt xét, {counts['dossiers']} hồ sơ mẫu."
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, scope in summary.logins:
            self.stdout.write(f"  {username:<16} {role:<36} {scope}")
