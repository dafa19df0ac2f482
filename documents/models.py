"""Issued documents (issue #10): the issuing body's signing certificate, a decision drafted
by the committee's staff and signed by its signer, and every PDF issued, signed and stored
with its SHA-256 (Decree 30/2020/NĐ-CP; Circular 124, Art. 10: "ra quyết định công nhận và
cấp Giấy công nhận")."""

from django.conf import settings
from django.db import models

from dossiers.models import AdministrativeArea, AuthorityMarker, Decision, DecisionItem


class SigningCertificate(models.Model):
    """The issuing body's digital-signature certificate: a PKCS#12 the administrator
    uploads, its passphrase kept encrypted (documents.signing.seal), never shown again."""

    area = models.OneToOneField(
        AdministrativeArea,
        models.PROTECT,
        related_name="signing_certificate",
        verbose_name="cơ quan ban hành",
    )
    pkcs12 = models.BinaryField("tệp PKCS#12", editable=False)
    sealed_passphrase = models.BinaryField("mật khẩu (đã mã hóa)", editable=False)
    subject = models.CharField("chủ thể chứng thư", max_length=500, editable=False)
    fingerprint = models.CharField("dấu vân tay SHA-256", max_length=64, editable=False)
    not_after = models.DateTimeField("hiệu lực đến", editable=False)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now=True)

    class Meta:
        verbose_name = "chứng thư số của cơ quan ban hành"
        verbose_name_plural = "chứng thư số của cơ quan ban hành"

    def __str__(self):
        return f"Chứng thư số UBND {self.area.name}"


class DraftKind(models.TextChoices):
    RECOGNISE = "recognise", "Công nhận"
    RECOGNITION_REVOKE = "recognition_revoke", "Thu hồi công nhận"
    AWARD = "award", "Khen thưởng"
    AWARD_REVOKE = "award_revoke", "Thu hồi khen thưởng"


class DraftStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo chờ ký"
    SIGNED = "signed", "Đã ký ban hành"
    ABANDONED = "abandoned", "Đã hủy"


class DecisionDraft(models.Model):
    """A decision the committee's staff prepare and its signer signs: it has no number
    and no date until it is signed (an abandoned draft leaves no gap in the numbering)."""

    issuer = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="cơ quan ban hành"
    )
    kind = models.CharField("loại", max_length=24, choices=DraftKind.choices)
    status = models.CharField(
        "trạng thái", max_length=16, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    #: [[subject id, decided, reason]]: dossiers or nominees, as the kind says.
    results = models.JSONField("kết quả", default=list)
    reason = models.TextField("lý do thu hồi", blank=True)
    summary = models.CharField("trích yếu", max_length=500)
    signer_title = models.CharField("chức vụ người ký", max_length=200)
    authority = models.CharField("thẩm quyền ký", max_length=8, choices=AuthorityMarker.choices)
    proposal_office = models.CharField("cơ quan đề nghị", max_length=255, blank=True)
    proposal_number = models.CharField("số tờ trình", max_length=64, blank=True)
    proposal_date = models.DateField("ngày tờ trình", null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="drafts_to_sign",
        verbose_name="người ký",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người lập"
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    signed_at = models.DateTimeField("ký lúc", null=True, blank=True)
    decision = models.OneToOneField(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name="quyết định đã ban hành",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "dự thảo quyết định"
        verbose_name_plural = "dự thảo quyết định"

    def __str__(self):
        return f"Dự thảo quyết định {self.get_kind_display().lower()} của UBND {self.issuer.name}"

    @property
    def revoking(self) -> bool:
        return self.kind in (DraftKind.RECOGNITION_REVOKE, DraftKind.AWARD_REVOKE)


class DocumentKind(models.TextChoices):
    DECISION = "decision", "Quyết định"
    CERTIFICATES = "certificates", "Giấy chứng nhận (cả quyết định)"
    CERTIFICATE = "certificate", "Giấy chứng nhận"


class IssuedDocument(models.Model):
    """One PDF as issued and signed: stored once with its SHA-256, never rewritten (a
    revocation is a new signed decision). Its short code opens the public check page."""

    kind = models.CharField("loại văn bản", max_length=16, choices=DocumentKind.choices)
    decision = models.ForeignKey(
        Decision, models.PROTECT, related_name="documents", verbose_name="quyết định"
    )
    item = models.ForeignKey(
        DecisionItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="dòng quyết định",
    )
    file = models.FileField("tệp", upload_to="van-ban/%Y/")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    short_code = models.CharField("mã tra cứu", max_length=16, unique=True)
    signed_at = models.DateTimeField("ký lúc")
    signer_subject = models.CharField("chủ thể chứng thư ký", max_length=500)
    signer_certificate = models.BinaryField("chứng thư ký (DER)")

    class Meta:
        ordering = ["decision", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(kind="certificate"),
                name="one_certificate_per_item",
            )
        ]
        verbose_name = "văn bản đã ký"
        verbose_name_plural = "văn bản đã ký"

    def __str__(self):
        return f"{self.get_kind_display()} — {self.decision}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Văn bản đã ký không được ghi đè.")
        super().save(*args, **kwargs)
