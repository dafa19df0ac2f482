from django.core.management.base import BaseCommand

from dossiers.demo import PROVINCE_CODE
from dossiers.models import RecognitionCycle
from province.targets import seed_targets


class Command(BaseCommand):
    help = "Chỉ tiêu của tỉnh mẫu theo các kế hoạch gốc (100 % đăng ký, ≥ 90 % cơ quan, "
    "doanh nghiệp, nhà trường được công nhận), cho mọi đợt chưa có chỉ tiêu."

    def handle(self, **options):
        created = sum(
            seed_targets(cycle)
            for cycle in RecognitionCycle.objects.filter(province__code=PROVINCE_CODE)
        )
        self.stdout.write(f"Đã tạo {created} chỉ tiêu.")
