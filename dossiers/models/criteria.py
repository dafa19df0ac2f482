"""Recognition criteria as data (DOMAIN.md §1 "Criteria"): the result is binary, a unit must
meet every criterion; texts are editable in the admin, never hard-coded."""

from django.db import models

from .areas import AdministrativeArea
from .units import UnitKind


class Regulation(models.Model):
    code = models.CharField("số hiệu", max_length=64, unique=True)
    title = models.CharField("trích yếu", max_length=500)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    effective_from = models.DateField("ngày hiệu lực", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name="được thay thế bởi",
    )

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "văn bản quy định"
        verbose_name_plural = "văn bản quy định"

    def __str__(self):
        return self.code


class CriteriaSet(models.Model):
    regulation = models.ForeignKey(
        Regulation, models.PROTECT, related_name="criteria_sets", verbose_name="văn bản"
    )
    unit_kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    title = models.CharField("tên bộ tiêu chí", max_length=255)

    class Meta:
        ordering = ["regulation", "unit_kind", "-version"]
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "unit_kind", "version"], name="criteria_set_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class CriterionKind(models.TextChoices):
    REQUIREMENT = "requirement", "Yêu cầu phải đạt"
    DISQUALIFIER = "disqualifier", "Sự việc làm mất tiêu chuẩn"
    THRESHOLD = "threshold", "Ngưỡng tỷ lệ"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, models.CASCADE, related_name="criteria", verbose_name="bộ tiêu chí"
    )
    number = models.PositiveSmallIntegerField("tiêu chí số")
    letter = models.CharField("điểm", max_length=2, blank=True)
    text = models.TextField("nội dung")
    kind = models.CharField("loại", max_length=16, choices=CriterionKind.choices)
    province = models.ForeignKey(
        AdministrativeArea,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="added_criteria",
        verbose_name="tỉnh bổ sung",
        help_text="Để trống với tiêu chí của Thông tư; chọn tỉnh với tiêu chí do tỉnh bổ sung.",
    )

    class Meta:
        ordering = ["criteria_set", "province", "number", "letter"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "number", "letter"],
                condition=models.Q(province__isnull=True),
                name="criterion_unique_in_set",
            ),
            models.UniqueConstraint(
                fields=["criteria_set", "province", "number", "letter"],
                name="criterion_unique_per_province",
            ),
        ]

    def __str__(self):
        return f"Tiêu chí {self.label}"

    @property
    def label(self) -> str:
        return f"{self.number}.{self.letter}" if self.letter else str(self.number)
