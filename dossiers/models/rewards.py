"""Reward nominations (khen thưởng; DOMAIN.md §3: Law 06/2022/QH15, Decree 152/2025/NĐ-CP).

A nomination proposes collectives (a unit) and individuals for one reward form. Its legal
status is a protected FSM field that only the reward flow's steps change
(workflows/rewards), as for dossiers. Each nominee ends awarded or not, and an award can be
revoked."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .areas import AdministrativeArea, AreaLevel
from .units import Unit


class DecidingRole(models.TextChoices):
    COMMITTEE = "committee", "Ủy ban nhân dân"
    POLICE = "police", "Công an"


class RewardForm(models.Model):
    """A reward form and who handles it: which office appraises, which authority decides
    (its area level, its role and its decision symbol), whether the collective's ANTT
    recognition for the year is required, and whether the simplified procedure applies."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("hình thức khen thưởng", max_length=255)
    appraise_level = models.ForeignKey(
        AreaLevel, models.PROTECT, related_name="+", verbose_name="cấp thẩm định"
    )
    appraising_office = models.CharField("cơ quan thẩm định", max_length=255)
    appraising_role = models.CharField(
        "cơ quan thẩm định thuộc", max_length=16, choices=DecidingRole.choices
    )
    decide_level = models.ForeignKey(
        AreaLevel, models.PROTECT, related_name="+", verbose_name="cấp quyết định"
    )
    deciding_role = models.CharField(
        "người quyết định", max_length=16, choices=DecidingRole.choices
    )
    decision_symbol = models.CharField("ký hiệu quyết định", max_length=32, default="QĐ-UBND")
    requires_recognition = models.BooleanField(
        "tập thể phải đạt tiêu chuẩn ANTT trong năm", default=False
    )
    allows_simplified = models.BooleanField("cho phép thủ tục đơn giản (đột xuất)", default=True)
    active = models.BooleanField("đang áp dụng", default=True)
    # Decided outside the province (the Minister's Bằng khen, DOMAIN.md §3): the province
    # proposes and records the result as issued; it never numbers that decision. The result
    # is recorded by the form's deciding role at its decide level (the provincial police).
    decided_externally = models.BooleanField(
        "cấp trên quyết định; tỉnh ghi nhận kết quả",
        default=False,
        help_text="Ví dụ: Bộ Công an quyết định; Công an tỉnh ghi nhận số, ký hiệu, ngày "
        "quyết định và kết quả từng người, tập thể — không tự đánh số quyết định.",
    )
    external_authority = models.CharField(
        "cơ quan, người quyết định ở cấp trên",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Bộ trưởng Bộ Công an.",
    )
    # Durations (DOMAIN.md §3: the published procedures give 20, 5 and 10 working days).
    appraise_working_days = models.PositiveSmallIntegerField(
        "thời hạn thẩm định (ngày làm việc, từ khi nhận đủ hồ sơ)",
        default=20,
        validators=[MinValueValidator(1)],
    )
    return_working_days = models.PositiveSmallIntegerField(
        "thời hạn cơ quan thẩm định trả lại hồ sơ không đủ điều kiện, chưa đầy đủ "
        "(ngày làm việc, từ khi nhận hồ sơ)",
        default=5,
        validators=[MinValueValidator(1)],
    )
    supplement_working_days = models.PositiveSmallIntegerField(
        "thời hạn đơn vị đề nghị bổ sung hồ sơ (ngày làm việc)",
        default=10,
        validators=[MinValueValidator(1)],
    )
    send_out_working_days = models.PositiveSmallIntegerField(
        "thời hạn gửi quyết định sau khi ban hành (ngày làm việc)",
        default=10,
        validators=[MinValueValidator(1)],
    )
    # The council's vote: present ≥ quorum × members; for > majority × members.
    quorum_numerator = models.PositiveSmallIntegerField(
        "số thành viên dự họp tối thiểu — tử số", default=2, validators=[MinValueValidator(1)]
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        "số thành viên dự họp tối thiểu — mẫu số (trên tổng số thành viên Hội đồng)",
        default=3,
        validators=[MinValueValidator(1)],
    )
    majority_numerator = models.PositiveSmallIntegerField(
        "số phiếu tán thành phải vượt quá — tử số", default=1, validators=[MinValueValidator(1)]
    )
    majority_denominator = models.PositiveSmallIntegerField(
        "số phiếu tán thành phải vượt quá — mẫu số (trên tổng số thành viên Hội đồng)",
        default=2,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_externally=False) | ~models.Q(external_authority=""),
                name="reward_form_external_names_authority",
                violation_error_message="Vui lòng nêu cơ quan, người quyết định ở cấp trên.",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    quorum_numerator__lte=models.F("quorum_denominator"),
                    majority_numerator__lt=models.F("majority_denominator"),
                ),
                name="reward_form_vote_fractions",
                violation_error_message="Tỷ lệ dự họp, tán thành không được vượt quá 1.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def quorum_label(self) -> str:
        return f"{self.quorum_numerator}/{self.quorum_denominator}"

    @property
    def majority_label(self) -> str:
        return f"{self.majority_numerator}/{self.majority_denominator}"

    @property
    def external_label(self) -> str:
        """ "Quyết định của Bộ trưởng Bộ Công an — tỉnh ghi nhận"."""
        return f"Quyết định của {self.external_authority} — tỉnh ghi nhận"


class NominationType(models.TextChoices):
    REGULAR = "regular", "Thường xuyên (theo công trạng)"
    THEMATIC = "thematic", "Theo chuyên đề"
    ADHOC = "adhoc", "Đột xuất"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã trình, chờ thẩm định"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Chờ bổ sung"
    RETURNED = "returned", "Trả lại (không đủ điều kiện)"
    APPRAISED = "appraised", "Đã thẩm định, chờ Hội đồng"
    VOTED = "voted", "Hội đồng đã biểu quyết, chờ quyết định"
    NOT_PASSED = "not_passed", "Hội đồng không thông qua"
    DECIDED = "decided", "Đã có quyết định"


N = NominationStatus


class Nomination(ConcurrentTransitionMixin, models.Model):
    form = models.ForeignKey(
        RewardForm, models.PROTECT, related_name="nominations", verbose_name="hình thức"
    )
    type = models.CharField("loại khen thưởng", max_length=16, choices=NominationType.choices)
    year = models.PositiveSmallIntegerField("năm")
    simplified = models.BooleanField("thủ tục đơn giản", default=False)
    summary = models.TextField("tóm tắt thành tích", blank=True)
    status = FSMField(
        "trạng thái", default=N.DRAFT, choices=N.choices, protected=True, db_index=True
    )
    process = models.OneToOneField(
        "viewflow.Process", models.SET_NULL, null=True, blank=True, related_name="nomination"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người đề nghị"
    )
    proposing_area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn đề nghị"
    )
    appraise_area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn thẩm định"
    )
    decide_area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn quyết định"
    )
    supplement_requests = models.PositiveSmallIntegerField(default=0)
    # The office's 5 working days to return an ineligible or incomplete nomination.
    received_on = models.DateField("ngày cơ quan thẩm định nhận hồ sơ", null=True, blank=True)
    return_due_on = models.DateField(
        "hạn trả lại hồ sơ không đủ điều kiện, chưa đầy đủ", null=True, blank=True
    )
    returned_on = models.DateField("ngày trả lại, yêu cầu bổ sung", null=True, blank=True)
    result_reason = models.TextField("lý do", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"

    def __str__(self):
        return f"Đề nghị {self.form} năm {self.year}"

    @transition(field=status, source=[N.DRAFT, N.SUPPLEMENT_REQUESTED], target=N.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=N.SUBMITTED, target=N.SUPPLEMENT_REQUESTED)
    def request_supplement(self):
        self.supplement_requests += 1

    @transition(field=status, source=N.SUBMITTED, target=N.RETURNED)
    def return_ineligible(self):
        pass

    @transition(field=status, source=N.SUBMITTED, target=N.APPRAISED)
    def appraise(self):
        pass

    @transition(field=status, source=N.APPRAISED, target=N.VOTED)
    def pass_vote(self):
        pass

    @transition(field=status, source=N.APPRAISED, target=N.NOT_PASSED)
    def fail_vote(self):
        pass

    @transition(field=status, source=N.VOTED, target=N.DECIDED)
    def decide(self):
        pass


class NomineeResult(models.TextChoices):
    AWARDED = "awarded", "Được khen thưởng"
    NOT_AWARDED = "not_awarded", "Không được khen thưởng"
    REVOKED = "revoked", "Bị thu hồi khen thưởng"


class Nominee(models.Model):
    """A collective (a unit) or an individual proposed in a nomination."""

    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="nominees")
    # Copied from the nomination so the database can hold "one nomination per nominee,
    # form and year".
    form = models.ForeignKey(RewardForm, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="tập thể"
    )
    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    citizen_id = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    workplace = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị công tác",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    achievement = models.TextField("thành tích", blank=True)
    basis = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="khen thưởng làm căn cứ",
    )
    result = models.CharField("kết quả", max_length=16, choices=NomineeResult.choices, blank=True)
    result_reason = models.TextField("lý do", blank=True)
    recorded_decision = models.ForeignKey(
        "dossiers.RecordedDecision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="nominees",
        verbose_name="quyết định của cấp trên đã ghi nhận",
    )

    class Meta:
        verbose_name = "người, tập thể được đề nghị"
        verbose_name_plural = "người, tập thể được đề nghị"
        constraints = [
            models.UniqueConstraint(
                fields=["form", "year", "unit"],
                condition=models.Q(unit__isnull=False),
                name="nominee_unit_once_per_form_year",
            ),
            models.UniqueConstraint(
                fields=["form", "year", "citizen_id"],
                condition=~models.Q(citizen_id=""),
                name="nominee_person_once_per_form_year",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | ~models.Q(citizen_id=""),
                name="nominee_is_collective_or_person",
            ),
        ]

    def __str__(self):
        return str(self.unit) if self.unit_id else self.full_name

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None


class FlagKind(models.TextChoices):
    """Decree 152/2025/NĐ-CP Art. 4 cl. 4: no reward nor proposal while the competent body
    is considering discipline, investigating, inspecting or examining on signs of
    violation, or verifying a complaint, a denunciation, or corruption raised by the press."""

    DISCIPLINE = "discipline", "đang bị xem xét kỷ luật"
    INVESTIGATION = "investigation", "đang bị điều tra"
    INSPECTION = "inspection", "đang bị thanh tra, kiểm tra khi có dấu hiệu vi phạm"
    COMPLAINT = "complaint", "đang có khiếu nại, tố cáo"
    PRESS = (
        "press",
        "có vấn đề tham nhũng, tiêu cực được báo chí nêu đang được xác minh làm rõ",
    )


class NomineeFlag(models.Model):
    """A collective or a person under one of the checks of Decree 152/2025 Art. 4 cl. 4
    (FlagKind): no nomination while it is active (DOMAIN.md §3)."""

    unit = models.ForeignKey(Unit, models.CASCADE, null=True, blank=True, related_name="+")
    citizen_id = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    kind = models.CharField("tình trạng", max_length=16, choices=FlagKind.choices)
    note = models.TextField("ghi chú", blank=True)
    active = models.BooleanField("đang có hiệu lực", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tình trạng xem xét xử lý"
        verbose_name_plural = "tình trạng xem xét xử lý"
        indexes = [models.Index(fields=["citizen_id"], name="flag_citizen")]

    def __str__(self):
        return f"{self.unit or self.citizen_id}: {self.get_kind_display()}"


class NominationDocumentKind(models.TextChoices):
    PROPOSAL = "proposal", "Tờ trình kèm danh sách"
    ACHIEVEMENT = "achievement", "Báo cáo thành tích"
    MINUTES = "minutes", "Biên bản họp Hội đồng thi đua, khen thưởng"


class NominationDocument(models.Model):
    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="documents")
    nominee = models.ForeignKey(Nominee, models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField("loại", max_length=16, choices=NominationDocumentKind.choices)
    file = models.FileField("tệp", upload_to="khen-thuong/%Y/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu khen thưởng"
        verbose_name_plural = "tài liệu khen thưởng"


class CouncilVote(models.Model):
    """The emulation and reward council's vote on a nomination."""

    nomination = models.OneToOneField(Nomination, models.CASCADE, related_name="vote")
    members_total = models.PositiveSmallIntegerField("tổng số thành viên")
    members_present = models.PositiveSmallIntegerField("số thành viên dự họp")
    votes_for = models.PositiveSmallIntegerField("số phiếu tán thành")
    votes_against = models.PositiveSmallIntegerField("số phiếu không tán thành")
    quorum_reached = models.BooleanField("đủ số lượng dự họp")
    # The form's rule when the vote was taken ("2/3", "1/2"), shown with the result.
    quorum_rule = models.CharField("tỷ lệ dự họp tối thiểu", max_length=16, default="2/3")
    majority_rule = models.CharField("tỷ lệ tán thành phải vượt quá", max_length=16, default="1/2")
    passed = models.BooleanField("được thông qua")
    voted_on = models.DateField("ngày họp")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "kết quả biểu quyết"
        verbose_name_plural = "kết quả biểu quyết"


class NominationTransition(models.Model):
    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    role = models.CharField(max_length=32, blank=True)
    step = models.CharField(max_length=32)
    source = models.CharField(max_length=32, blank=True)
    target = models.CharField(max_length=32)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "lịch sử xử lý khen thưởng"
        verbose_name_plural = "lịch sử xử lý khen thưởng"

    def target_label(self):
        return N(self.target).label

    def source_label(self):
        return N(self.source).label if self.source else "—"
