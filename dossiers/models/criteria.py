"""Recognition criteria as data (DOMAIN.md §1 "Criteria"): the result is binary, a unit must
meet every criterion; texts are editable in the admin, never hard-coded."""

from django.core.exceptions import ValidationError
from django.db import models

from dossiers.reference.ordering import VIETNAMESE_LETTERS, criterion_position

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
    article = models.PositiveSmallIntegerField(
        "điều",
        null=True,
        blank=True,
        help_text="Điều của văn bản quy định bộ tiêu chí (Thông tư 124: Điều 4–7); dùng để ghi "
        "số hiệu khi một tiêu chí khác dẫn chiếu tới.",
    )

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
    COMPUTED = "computed", "Tính từ số liệu"
    HEADING = "heading", "Câu dẫn (đánh giá theo từng điểm)"
    THRESHOLD = "threshold", "Ngưỡng tỷ lệ (bộ tiêu chí phiên bản 1)"


class ComputedRule(models.TextChoices):
    """The figures `workflows.recognition.computed` computes for a `computed` criterion."""

    HOUSEHOLDS = "households", "100% hộ gia đình đăng ký (Điều 4 khoản 1)"
    COMMUNE_UNITS = "commune_units", "100% đăng ký, từ 70% được công nhận (Điều 5 khoản 4)"
    SUB_UNITS = (
        "sub_units",
        "Từ 70% đầu mối trực thuộc đạt danh hiệu (Điều 6 khoản 5, Điều 7 khoản 6)",
    )


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, models.CASCADE, related_name="criteria", verbose_name="bộ tiêu chí"
    )
    number = models.PositiveSmallIntegerField("tiêu chí số")
    letter = models.CharField("điểm", max_length=2, blank=True)
    text = models.TextField("nội dung", blank=True)
    kind = models.CharField("loại", max_length=16, choices=CriterionKind.choices)
    # Circular 124 Art. 5 cl. 2 and Art. 7 cl. 3 refer to clauses and points of Art. 4 and 6:
    # such a row has no text of its own and shows the referenced one, numbered as the
    # circular numbers it ("khoản 3 điểm a Điều 4").
    refers_to = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="referenced_by",
        verbose_name="dẫn chiếu tới",
    )
    rule = models.CharField(
        "số liệu tính tự động", max_length=32, choices=ComputedRule.choices, blank=True
    )
    # Vietnamese order of (number, letter), see dossiers.reference.ordering; set by save().
    position = models.PositiveIntegerField("thứ tự", default=0, editable=False)
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
        ordering = ["criteria_set", "province", "position"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "position"],
                condition=models.Q(province__isnull=True),
                name="criterion_position_unique_in_set",
            ),
            models.UniqueConstraint(
                fields=["criteria_set", "province", "position"],
                name="criterion_position_unique_per_province",
            ),
        ]

    def __str__(self):
        return f"Tiêu chí {self.label}"

    def save(self, *args, **kwargs):
        ref = self.refers_to
        self.position = criterion_position(
            self.number,
            self.letter,
            ref.number if ref else None,
            ref.letter if ref else "",
        )
        super().save(*args, **kwargs)

    def clean(self):
        if self.letter and self.letter.lower() not in VIETNAMESE_LETTERS:
            raise ValidationError({"letter": "Điểm là một chữ cái tiếng Việt (a, b, c, d, đ, …)."})

    @property
    def label(self) -> str:
        """The circular's numbering: "3.đ", or "khoản 3 điểm a Điều 4" for a referenced row."""
        ref = self.refers_to
        if ref is not None:
            point = f" điểm {ref.letter}" if ref.letter else ""
            article = ref.criteria_set.article
            return f"khoản {ref.number}{point}" + (f" Điều {article}" if article else "")
        return f"{self.number}.{self.letter}" if self.letter else str(self.number)

    @property
    def wording(self) -> str:
        """The text to show and judge: the referenced row's for a reference."""
        return self.refers_to.text if self.refers_to_id else self.text

    @property
    def judged(self) -> bool:
        """Judged on its own (a heading is judged through its points)."""
        return self.kind != CriterionKind.HEADING
