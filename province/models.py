"""The province's view (issue #11): targets as data, and the six-monthly and yearly
reports of results sent by an office to the level above (DOMAIN.md §4 "Periodic
reporting")."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from dossiers.models import AdministrativeArea, RecognitionCycle, UnitKind


class Target(models.Model):
    """A province's target for one kind of unit in one cycle: the share of the eligible
    units registered and recognised (the seed plans: "100 % đơn vị đăng ký", "≥ 90 % cơ
    quan, doanh nghiệp, nhà trường được công nhận"). Empty: no target set."""

    cycle = models.ForeignKey(
        RecognitionCycle, models.CASCADE, related_name="targets", verbose_name="đợt"
    )
    unit_kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    registered_share = models.PositiveSmallIntegerField(
        "chỉ tiêu đăng ký (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    recognised_share = models.PositiveSmallIntegerField(
        "chỉ tiêu được công nhận (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    source = models.CharField(
        "căn cứ", max_length=255, blank=True, help_text="Kế hoạch, văn bản giao chỉ tiêu."
    )

    class Meta:
        ordering = ["cycle", "unit_kind"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit_kind"], name="target_cycle_kind"),
            models.CheckConstraint(
                condition=models.Q(registered_share__lte=100) & models.Q(recognised_share__lte=100),
                name="target_shares_within_100",
            ),
        ]

    def __str__(self):
        return f"{self.cycle} — {self.get_unit_kind_display()}"


class ReportPeriod(models.TextChoices):
    HALF_YEAR = "half", "6 tháng đầu năm"
    YEAR = "year", "năm"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SENT = "sent", "Đã gửi cấp trên"


class Report(models.Model):
    """A report of results for a period, issued by one office (its area) and sent to the
    level above (the province to the Ministry's V05). Its figures are taken from the data
    when it is made and kept as they were sent (`figures`): a report never changes after."""

    issuer = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="cơ quan báo cáo"
    )
    recipient = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nơi nhận",
    )
    cycle = models.ForeignKey(
        RecognitionCycle, models.PROTECT, related_name="+", verbose_name="đợt"
    )
    period = models.CharField("kỳ báo cáo", max_length=8, choices=ReportPeriod.choices)
    year = models.PositiveSmallIntegerField("năm")
    status = models.CharField(
        "trạng thái", max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    issuing_body = models.CharField("tên cơ quan ban hành", max_length=255)
    signer_name = models.CharField("người ký", max_length=200)
    signer_title = models.CharField("chức vụ người ký", max_length=200)
    figures = models.JSONField("số liệu", default=dict, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField("ngày gửi", null=True, blank=True)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = "báo cáo kết quả"
        verbose_name_plural = "báo cáo kết quả"
        indexes = [models.Index(fields=["recipient", "status"], name="report_recipient_status")]

    def __str__(self):
        return f"Báo cáo kết quả {self.get_period_display()} {self.year} — {self.issuer}"
