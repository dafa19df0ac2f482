from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dossiers.imports import ImportFailed, import_file


class Command(BaseCommand):
    help = "Nhập địa bàn (areas) hoặc đơn vị (units) từ tệp CSV/XLSX; có lỗi thì không nhập gì."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["areas", "units"])
        parser.add_argument("path", type=Path)

    def handle(self, kind, path, **options):
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            with path.open("rb") as fh:
                count = import_file(kind, fh, path.name)
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(failed.summary()) from failed
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {count} dòng từ {path}."))
