"""A province's yearly recognition cycle and its configuration (DOMAIN.md §1 "Evaluation
windows and calendar", "Who does what", §4): windows, routing, deadlines and required
documents are data on the cycle, so old 3-level and new 2-level cycles share the code."""

from django.db import models

from .areas import AdministrativeArea, AreaLevel
from .criteria import Regulation
from .units import UnitKind


class DocumentKind(models.Model):
    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên loại tài liệu", max_length=200)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại tài liệu"
        verbose_name_plural = "loại tài liệu"

    def __str__(self):
        return self.name


class RecognitionCycle(models.Model):
    year = models.PositiveSmallIntegerField("năm")
    province = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="cycles", verbose_name="tỉnh"
    )
    regulation = models.ForeignKey(
        Regulation, models.PROTECT, related_name="cycles", verbose_name="văn bản áp dụng"
    )
    name = models.CharField("tên đợt", max_length=255)
    is_open = models.BooleanField("đang mở", default=True)

    class Meta:
        ordering = ["-year", "province"]
        verbose_name = "đợt xét công nhận"
        verbose_name_plural = "đợt xét công nhận"
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="cycle_province_year")
        ]

    def __str__(self):
        return self.name


class CycleRoute(models.Model):
    """For one unit kind in one cycle: its evaluation window (Circular 124, Art. 8 cl. 2),
    which People's Committee decides, whose standing office of the steering committee
    (Thường trực Ban Chỉ đạo, in practice that level's police) appraises, and — a route
    option a province switches on, not the law's default — a preliminary review by the
    police where the unit sits (Art. 9 cl. 1; Art. 10).

    Circular 124 as written: the deciding level's standing office appraises and proposes
    ("gửi về Thường trực Ban Chỉ đạo … cấp xã để thẩm định và báo cáo, đề xuất Chủ tịch
    Ủy ban nhân dân cấp xã", Art. 9 cl. 1 a); an agency, enterprise or school goes to its
    managing level (Art. 9 cl. 1 c; Art. 10 cl. 1–3), or to the committee it was delegated
    to (Art. 10 cl. 5)."""

    cycle = models.ForeignKey(
        RecognitionCycle, models.CASCADE, related_name="routes", verbose_name="đợt"
    )
    unit_kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    window_start = models.DateField("kỳ đánh giá từ")
    window_end = models.DateField("kỳ đánh giá đến")
    preliminary_review_level = models.ForeignKey(
        AreaLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Công an nơi đơn vị đóng xét duyệt trước (tùy chọn)",
        help_text="Để trống theo Thông tư 124: hồ sơ gửi thẳng Thường trực Ban Chỉ đạo cấp "
        "quyết định. Chọn cấp khi tỉnh quy định Công an nơi đơn vị đóng xét duyệt, chuyển "
        "tiếp trước khi thẩm định.",
    )
    appraise_level = models.ForeignKey(
        AreaLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Thường trực Ban Chỉ đạo (Công an) thẩm định",
        help_text="Để trống: Thường trực Ban Chỉ đạo cùng cấp với Ủy ban nhân dân quyết định "
        "(Thông tư 124, Điều 9 khoản 1).",
    )
    decide_level = models.ForeignKey(
        AreaLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cấp Ủy ban nhân dân quyết định",
        help_text="Để trống: Ủy ban nhân dân cấp quản lý đơn vị, hoặc cấp được ủy quyền "
        "(Thông tư 124, Điều 10).",
    )
    required_documents = models.ManyToManyField(
        DocumentKind, blank=True, related_name="+", verbose_name="tài liệu bắt buộc"
    )

    class Meta:
        ordering = ["cycle", "unit_kind"]
        verbose_name = "tuyến xét duyệt"
        verbose_name_plural = "tuyến xét duyệt"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit_kind"], name="route_cycle_kind"),
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="route_window_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.cycle} — {self.get_unit_kind_display()}"


class Step(models.TextChoices):
    REGISTER = "register", "Đăng ký phấn đấu"
    SUBMIT = "submit", "Nộp hồ sơ đề nghị"
    REVIEW = "review", "Xét duyệt"
    SUPPLEMENT = "supplement", "Bổ sung hồ sơ"
    APPRAISE = "appraise", "Thẩm định"
    DECIDE = "decide", "Quyết định công nhận"


class StepDeadline(models.Model):
    """A step's deadline: a fixed calendar date, or N working days from when the step
    starts (counted per the civil code, DOMAIN.md §4). A fixed date marked "trước ngày"
    is a cut-off (Circular 124, Art. 9 cl. 1: decisions "trước ngày 15 tháng 11",
    "trước ngày 20 tháng 11"): due on the last working day before it, never rolled
    forward."""

    cycle = models.ForeignKey(
        RecognitionCycle, models.CASCADE, related_name="deadlines", verbose_name="đợt"
    )
    step = models.CharField("bước", max_length=16, choices=Step.choices)
    unit_kind = models.CharField(
        "loại đơn vị",
        max_length=32,
        choices=UnitKind.choices,
        blank=True,
        help_text="Để trống: áp dụng cho mọi loại đơn vị.",
    )
    fixed_date = models.DateField("hạn cố định", null=True, blank=True)
    working_days = models.PositiveSmallIntegerField("số ngày làm việc", null=True, blank=True)
    before = models.BooleanField(
        "“trước ngày”",
        default=False,
        help_text="Hạn viết “trước ngày …”: hạn là ngày làm việc cuối cùng trước ngày đó, "
        "không lùi sang ngày làm việc kế tiếp.",
    )

    class Meta:
        ordering = ["cycle", "step", "unit_kind"]
        verbose_name = "thời hạn bước"
        verbose_name_plural = "thời hạn bước"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "step", "unit_kind"], name="deadline_cycle_step_kind"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(fixed_date__isnull=False, working_days__isnull=True)
                    | models.Q(fixed_date__isnull=True, working_days__isnull=False)
                ),
                name="deadline_fixed_xor_working_days",
            ),
        ]

    def __str__(self):
        if self.fixed_date:
            word = "trước ngày" if self.before else "hạn"
            return f"{self.get_step_display()}: {word} {self.fixed_date:%d/%m/%Y}"
        return f"{self.get_step_display()}: {self.working_days} ngày làm việc"
