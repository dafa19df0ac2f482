"""The recognition dossier (hồ sơ đề nghị công nhận, DOMAIN.md §1 "The dossier") and what
hangs off it: versions, self-assessment, disqualifying events, documents, police verdicts
and the audit trail.

`Dossier.status` is the legal status people see and reports count. It is a protected FSM
field: only the transitions below change it, and only flow steps call them
(workflows/recognition, DESIGN.md "one writer").
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .areas import AdministrativeArea, years_within
from .criteria import CriteriaSet, Criterion
from .cycles import DocumentKind, RecognitionCycle
from .grants import user_grants
from .scope import AreaIdsField, indexed
from .units import Unit, granted_unit_in_year


class DossierStatus(models.TextChoices):
    REGISTERED = "registered", "Đã đăng ký phấn đấu"
    SUBMITTED = "submitted", "Đã nộp, chờ xét duyệt"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Chờ đơn vị bổ sung"
    FORWARDED = "forwarded", "Đã chuyển thẩm định"
    PROPOSED = "proposed", "Đã đề nghị công nhận"
    RECOGNISED = "recognised", "Đạt tiêu chuẩn (đã công nhận)"
    NOT_RECOGNISED = "not_recognised", "Chưa đạt (không công nhận)"
    REFUSED = "refused", "Bị từ chối"
    REVOKED = "revoked", "Đã thu hồi công nhận"


S = DossierStatus


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user, *, act: bool = False):
        """Dossiers `user` may see (act=True: act on): those of units in their jurisdiction,
        and those whose review, appraisal or decision falls to an area they cover — each
        grant only for the cycles of the years it was valid (a district officer's grant
        until 30/06/2025 reads the 2024–2025 cycles, also of the successor ward's units,
        never the 2026 ones); acting only by grants in force today. This is the one filter
        every dossier list, inbox, download, report and API goes through."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_everything:
            return self.all()
        return self.filter(self.jurisdiction_filter(user, act=act))

    def jurisdiction_filter(self, user, *, act: bool) -> models.Q:
        if indexed():
            return self._indexed_jurisdiction_filter(user, act=act)
        return self._reference_jurisdiction_filter(user, act=act)

    def _indexed_jurisdiction_filter(self, user, *, act: bool) -> models.Q:
        """The same rows as the reference filter, each arm an indexed predicate on the
        dossier's own columns with the user's grants as constants (`grants.user_grants`,
        one small query), so PostgreSQL ORs index lookups (BitmapOr) instead of filtering
        every dossier: per grant period, its granted units (`unit_id IN (…)`) and its
        granted areas (`scope && '{17}'`, GIN), within the cycles of its years."""
        grants = user_grants(user, act=act)
        arms = [
            models.Q(unit_id__in=ids) & _cycles_within(period)
            for period, ids in grants.units.items()
        ]
        arms += [
            models.Q(scope__overlaps=roots) & _cycles_within(period)
            for period, roots in grants.areas.items()
        ]
        return reduce(or_, arms) if arms else models.Q(pk__in=[])

    def _reference_jurisdiction_filter(self, user, *, act: bool) -> models.Q:
        q = granted_unit_in_year(user, act=act, unit_field="unit_id", year_field="cycle__year")
        for coverage in AdministrativeArea.objects.coverage(user, act=act):
            covered = coverage.areas.values("pk")
            units = Unit.objects.filter(Unit.objects.located_in(covered)).values("pk")
            q |= coverage.years("cycle__year") & (
                models.Q(unit_id__in=units)
                | models.Q(review_area_id__in=covered)
                | models.Q(appraise_area_id__in=covered)
                | models.Q(decide_area_id__in=covered)
            )
        return q


def _cycles_within(period) -> models.Q:
    """The dossiers of the cycles whose year a grant period overlaps (any, without limit)."""
    years = years_within("year", *period)
    if not years:
        return models.Q()
    return models.Q(cycle_id__in=RecognitionCycle.objects.filter(years).values("pk"))


class Dossier(ConcurrentTransitionMixin, models.Model):
    cycle = models.ForeignKey(
        RecognitionCycle, models.PROTECT, related_name="dossiers", verbose_name="đợt"
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="dossiers", verbose_name="đơn vị")
    status = FSMField(
        "trạng thái", default=S.REGISTERED, choices=S.choices, protected=True, db_index=True
    )
    process = models.OneToOneField(
        "viewflow.Process", models.SET_NULL, null=True, blank=True, related_name="dossier"
    )
    # The routing resolved at registration (dossiers.services.cycle_route_for): who reviews,
    # appraises and decides. Real columns, so every inbox is one SQL filter.
    review_area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn xét duyệt"
    )
    appraise_area = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="địa bàn thẩm định",
    )
    decide_area = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="UBND quyết định"
    )
    # Circular 124, Art. 9 cl. 1 d; Art. 10 cl. 4: the route names the Ministry as the
    # deciding body; the province's police transmit the dossier and record the Minister's
    # decision, no committee of the province decides. Resolved at registration, with the
    # areas above, so pages and inboxes read it without a query.
    decided_by_minister = models.BooleanField(
        "do Bộ trưởng Bộ Công an quyết định", default=False, editable=False
    )
    households_total = models.PositiveIntegerField("tổng số hộ gia đình", null=True, blank=True)
    households_registered = models.PositiveIntegerField(
        "số hộ đăng ký, ký cam kết", null=True, blank=True
    )
    commitment = models.TextField("nội dung đăng ký phấn đấu", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người đăng ký"
    )
    registered_at = models.DateTimeField("ngày đăng ký", auto_now_add=True)
    supplement_requests = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    last_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ xét duyệt",
    )
    result_reason = models.TextField("lý do kết quả", blank=True)
    # The criteria set (and version) the dossier is assessed on, fixed at registration: a
    # corrected version of the texts never rewrites the answers given on an older one.
    criteria_set = models.ForeignKey(
        CriteriaSet,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bộ tiêu chí",
    )

    # The areas whose grant covers the dossier (dossiers.models.scope), kept by the database.
    scope = AreaIdsField("phạm vi thẩm quyền")

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="dossier_one_per_unit_cycle")
        ]
        indexes = [
            models.Index(fields=["status", "cycle"], name="dossier_status_cycle"),
            # The dossier list's order: its pages are read by keyset, never by OFFSET.
            models.Index(fields=["-registered_at", "-id"], name="dossier_registered_keyset"),
            # "Chờ Bộ trưởng quyết định" on a police office's inbox (Circular 124, Art. 10
            # cl. 4): the few dossiers transmitted to the Ministry, whatever the table's size.
            models.Index(
                fields=["review_area"],
                condition=models.Q(decided_by_minister=True, status="proposed"),
                name="dossier_to_record",
            ),
        ]

    def __str__(self):
        return f"Hồ sơ {self.unit} — {self.cycle.year}"

    # Transitions. Each is called by exactly one flow step; guards live in services.
    @transition(field=status, source=[S.REGISTERED, S.SUPPLEMENT_REQUESTED], target=S.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.SUPPLEMENT_REQUESTED)
    def request_supplement(self):
        self.supplement_requests += 1

    @transition(field=status, source=S.SUBMITTED, target=S.REFUSED)
    def refuse(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.FORWARDED)
    def forward_to_appraisal(self):
        pass

    @transition(field=status, source=[S.SUBMITTED, S.FORWARDED], target=S.PROPOSED)
    def propose(self):
        pass

    @transition(field=status, source=S.FORWARDED, target=S.SUBMITTED)
    def return_to_review(self):
        pass

    @transition(field=status, source=[S.FORWARDED, S.PROPOSED], target=S.NOT_RECOGNISED)
    def not_recognise(self):
        pass

    @transition(field=status, source=S.PROPOSED, target=S.RECOGNISED)
    def recognise(self):
        pass

    @transition(field=status, source=S.RECOGNISED, target=S.REVOKED)
    def revoke(self):
        pass


class DossierVersion(models.Model):
    """What the unit sent. A submitted version is frozen; a supplement starts a new one."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("lần nộp")
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Circular 124 Art. 6 cl. 5, Art. 7 cl. 6: the figures of the sub-units criterion, as the
    # unit reports them (workflows.recognition.computed). A supplement version starts with
    # the previous version's figures (save()).
    sub_units_total = models.PositiveIntegerField("số đầu mối trực thuộc", null=True, blank=True)
    sub_units_rated = models.PositiveIntegerField(
        "số đầu mối đạt “Tập thể lao động tiên tiến” hoặc “Hoàn thành tốt nhiệm vụ” trở lên",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["dossier", "number"]
        verbose_name = "phiên bản hồ sơ"
        verbose_name_plural = "phiên bản hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(sub_units_rated__lte=models.F("sub_units_total"))
                | models.Q(sub_units_total__isnull=True)
                | models.Q(sub_units_rated__isnull=True),
                name="version_sub_units_rated_within_total",
            ),
        ]

    def __str__(self):
        return f"Lần nộp {self.number}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.sub_units_total is None and self.number > 1:
            previous = (
                DossierVersion.objects.filter(dossier_id=self.dossier_id, number__lt=self.number)
                .order_by("-number")
                .values("sub_units_total", "sub_units_rated")
                .first()
            )
            if previous:
                self.sub_units_total = previous["sub_units_total"]
                self.sub_units_rated = previous["sub_units_rated"]
        super().save(*args, **kwargs)

    @property
    def frozen(self) -> bool:
        return self.submitted_at is not None


class Assessment(models.Model):
    """The unit's self-assessment of one criterion: met or not, with an explanation."""

    version = models.ForeignKey(DossierVersion, models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, models.PROTECT, related_name="+")
    met = models.BooleanField("đạt", null=True)
    explanation = models.TextField("giải trình", blank=True)

    class Meta:
        ordering = ["criterion"]
        verbose_name = "tự đánh giá tiêu chí"
        verbose_name_plural = "tự đánh giá tiêu chí"
        constraints = [
            models.UniqueConstraint(fields=["version", "criterion"], name="assessment_unique")
        ]


class DisqualifyingEvent(models.Model):
    version = models.ForeignKey(DossierVersion, models.CASCADE, related_name="events")
    criterion = models.ForeignKey(Criterion, models.PROTECT, related_name="+")
    occurred_on = models.DateField("ngày xảy ra")
    description = models.TextField("mô tả")

    class Meta:
        ordering = ["occurred_on"]
        verbose_name = "sự việc làm mất tiêu chuẩn"
        verbose_name_plural = "sự việc làm mất tiêu chuẩn"


def document_path(document, filename):
    return f"ho-so/{document.version.dossier_id}/{document.sha256[:2]}/{document.sha256}"


class StoredFile(models.Model):
    """An uploaded file as kept: its type checked from the content, its SHA-256, who sent
    it and when (workflows.recognition.documents.save_upload). Subclasses add the owner and
    the `file` field with their own storage path."""

    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("định dạng", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["kind__order", "uploaded_at"]

    def __str__(self):
        return self.original_name


class Document(StoredFile):
    version = models.ForeignKey(DossierVersion, models.CASCADE, related_name="documents")
    kind = models.ForeignKey(DocumentKind, models.PROTECT, related_name="+", verbose_name="loại")
    criterion = models.ForeignKey(
        Criterion, models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField("tệp", upload_to=document_path, max_length=255)

    class Meta(StoredFile.Meta):
        verbose_name = "tài liệu"
        verbose_name_plural = "tài liệu"


class ReviewStage(models.TextChoices):
    REVIEW = "review", "Xét duyệt"
    APPRAISE = "appraise", "Thẩm định"


class Review(models.Model):
    """A police verdict on one version: per-criterion remarks and the outcome."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="reviews")
    version = models.ForeignKey(DossierVersion, models.PROTECT, related_name="reviews")
    stage = models.CharField("bước", max_length=16, choices=ReviewStage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    outcome = models.CharField("kết quả", max_length=32)
    comment = models.TextField("ý kiến", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "ý kiến xét duyệt"
        verbose_name_plural = "ý kiến xét duyệt"


class CriterionVerdict(models.Model):
    review = models.ForeignKey(Review, models.CASCADE, related_name="verdicts")
    criterion = models.ForeignKey(Criterion, models.PROTECT, related_name="+")
    met = models.BooleanField("đạt")
    remark = models.TextField("nhận xét", blank=True)

    class Meta:
        ordering = ["criterion"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="verdict_unique")
        ]


class DossierTransition(models.Model):
    """The audit trail: who, in which role, when, from → to, and why."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    role = models.CharField("vai trò", max_length=32, blank=True)
    step = models.CharField("bước", max_length=32)
    source = models.CharField("từ trạng thái", max_length=32, blank=True)
    target = models.CharField("sang trạng thái", max_length=32)
    comment = models.TextField("ghi chú", blank=True)
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["dossier", "at"], name="transition_dossier_at")]
        verbose_name = "lịch sử xử lý"
        verbose_name_plural = "lịch sử xử lý"

    def source_label(self):
        return S(self.source).label if self.source else "—"

    def target_label(self):
        return S(self.target).label
