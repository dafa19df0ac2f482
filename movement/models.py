"""The province's view of the movement beyond single dossiers (issue 11, part B):
inspections by the police, the register of movement models, the Fatherland Front's monthly
checks and its joint reward proposals (DOMAIN.md §1 "Who does what", §4 "Periodic
reporting"; the 2023 coordination plan between the police and the Fatherland Front)."""

from django.conf import settings
from django.db import models

from dossiers.models import AdministrativeArea, Criterion, Dossier, Nomination, Unit


class ModelKind(models.TextChoices):
    SELF_MANAGEMENT = "self_management", "Tự quản về an ninh, trật tự"
    CRIME_PREVENTION = "crime_prevention", "Phòng, chống tội phạm, tệ nạn xã hội"
    FIRE_SAFETY = "fire_safety", "Phòng cháy, chữa cháy"
    TRAFFIC = "traffic", "Bảo đảm trật tự, an toàn giao thông"
    CAMERA = "camera", "Camera an ninh"
    OTHER = "other", "Mô hình khác"


class ModelResult(models.TextChoices):
    EFFECTIVE = "effective", "Hoạt động hiệu quả"
    CONSOLIDATE = "consolidate", "Cần củng cố"
    ENDED = "ended", "Chấm dứt hoạt động"


class MovementModel(models.Model):
    """A model of the movement "toàn dân bảo vệ an ninh Tổ quốc" (Circular 124, Art. 5
    cl. 1, Art. 6 cl. 1, Art. 7 cl. 1: "ít nhất 01 mô hình … hoạt động hiệu quả")."""

    name = models.CharField("tên mô hình", max_length=255)
    kind = models.CharField("loại mô hình", max_length=32, choices=ModelKind.choices)
    units = models.ManyToManyField(Unit, related_name="movement_models", verbose_name="đơn vị")
    established_on = models.DateField("ngày thành lập")
    replicated_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="replicas",
        verbose_name="nhân rộng từ mô hình",
    )
    description = models.TextField("nội dung hoạt động", blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "mô hình phong trào"
        verbose_name_plural = "mô hình phong trào"

    def __str__(self):
        return self.name


class ModelAssessment(models.Model):
    """The yearly assessment of a model: effective, to consolidate, or ended."""

    model = models.ForeignKey(MovementModel, models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField("năm")
    result = models.CharField("kết quả", max_length=16, choices=ModelResult.choices)
    note = models.CharField("nhận xét", max_length=500, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "đánh giá mô hình"
        verbose_name_plural = "đánh giá mô hình"
        constraints = [
            models.UniqueConstraint(fields=["model", "year"], name="model_assessed_once_a_year")
        ]

    @property
    def is_effective(self) -> bool:
        return self.result == ModelResult.EFFECTIVE


class InspectionPlan(models.Model):
    """An office's yearly inspection plan; `target` (units to inspect) is data: at least
    10 for the provincial police (DOMAIN.md §4, the seed plans)."""

    office = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="cơ quan kiểm tra"
    )
    year = models.PositiveSmallIntegerField("năm")
    target = models.PositiveSmallIntegerField("số đơn vị phải kiểm tra")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "office__path"]
        verbose_name = "kế hoạch kiểm tra"
        verbose_name_plural = "kế hoạch kiểm tra"
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="one_plan_per_office_year")
        ]

    def __str__(self):
        return f"Kế hoạch kiểm tra năm {self.year} — {self.office}"


class Inspection(models.Model):
    plan = models.ForeignKey(
        InspectionPlan, models.PROTECT, related_name="inspections", verbose_name="kế hoạch"
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="inspections", verbose_name="đơn vị được kiểm tra"
    )
    dossier = models.ForeignKey(
        Dossier,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name="hồ sơ của năm",
    )
    inspected_on = models.DateField("ngày kiểm tra")
    team = models.CharField("đoàn kiểm tra", max_length=500)
    conclusion = models.TextField("kết luận", blank=True, max_length=4000)
    follow_up = models.TextField("kiến nghị, theo dõi khắc phục", blank=True, max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = "cuộc kiểm tra"
        verbose_name_plural = "cuộc kiểm tra"

    def __str__(self):
        return f"Kiểm tra {self.unit} ngày {self.inspected_on:%d/%m/%Y}"


class Finding(models.Model):
    """What the team found on one criterion of the unit's set."""

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="findings")
    criterion = models.ForeignKey(Criterion, models.PROTECT, related_name="+")
    met = models.BooleanField("đạt")
    note = models.CharField("nội dung phát hiện", max_length=1000, blank=True)

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "criterion"], name="one_finding_per_criterion"
            )
        ]


class ReferralKind(models.TextChoices):
    SUPPLEMENT = "supplement", "Đề nghị yêu cầu bổ sung hồ sơ"
    REVOCATION = "revocation", "Đề nghị thu hồi công nhận"


class Referral(models.Model):
    """What an inspection's finding asks of the office that acts on the dossier: the
    reviewing office to request a supplement, the deciding committee to revoke. The office
    acts through its own step (the review form, the revocation form)."""

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="referrals")
    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="referrals")
    kind = models.CharField("loại kiến nghị", max_length=16, choices=ReferralKind.choices)
    office = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="gửi cơ quan"
    )
    content = models.TextField("nội dung", max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "kiến nghị sau kiểm tra"
        verbose_name_plural = "kiến nghị sau kiểm tra"


class MonthlyCheck(models.Model):
    """The Fatherland Front's monthly check (kiểm tra hằng tháng) in its area."""

    area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn"
    )
    checked_on = models.DateField("ngày kiểm tra")
    content = models.TextField("nội dung kiểm tra", max_length=4000)
    findings = models.TextField("kết quả, phát hiện", blank=True, max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = "kiểm tra hằng tháng của Mặt trận"
        verbose_name_plural = "kiểm tra hằng tháng của Mặt trận"


class CoProposal(models.Model):
    """The Front's "đồng đề nghị" on a reward nomination proposed by the police."""

    nomination = models.OneToOneField(Nomination, models.CASCADE, related_name="co_proposal")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="cán bộ Mặt trận"
    )
    note = models.CharField("ý kiến", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đồng đề nghị của Mặt trận"
        verbose_name_plural = "đồng đề nghị của Mặt trận"
