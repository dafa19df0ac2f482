"""Registration in Quarter I and the registration dossier (Circular 124, Art. 4–7 cl. 1:
"Quý I hằng năm … đăng ký phấn đấu"; Art. 9 cl. 2 a: "Hồ sơ đăng ký"), and the evaluation
meeting recorded with the recognition dossier (Art. 9 cl. 1 a, c)."""

from django.conf import settings
from django.db import models

from .cycles import DocumentKind, RecognitionCycle
from .dossier import Dossier, DossierVersion, StoredFile
from .units import Unit


class LateRegistration(models.Model):
    """The cycle's administrator lets one unit register after Quarter I, with a reason.
    Created only by dossiers.registration.late_registration_open."""

    cycle = models.ForeignKey(
        RecognitionCycle, models.CASCADE, related_name="late_registrations", verbose_name="đợt"
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name="đơn vị")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người mở"
    )
    reason = models.TextField("lý do")
    opened_at = models.DateTimeField("thời điểm mở", auto_now_add=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = "mở đăng ký muộn"
        verbose_name_plural = "mở đăng ký muộn"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="late_registration_once")
        ]

    def __str__(self):
        return f"Đăng ký muộn: {self.unit} — {self.cycle}"


class RegistrationDossier(models.Model):
    """What the unit sent when it registered (Art. 9 cl. 2 a), and the acknowledgement by
    the police office the routing names."""

    dossier = models.OneToOneField(
        Dossier, models.CASCADE, related_name="registration", verbose_name="hồ sơ"
    )
    has_party_organisation = models.BooleanField("đơn vị có tổ chức Đảng")
    registered_on = models.DateField("ngày đăng ký")
    late_registration = models.ForeignKey(
        LateRegistration,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đăng ký muộn được mở",
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ tiếp nhận",
    )
    acknowledged_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)

    class Meta:
        verbose_name = "hồ sơ đăng ký"
        verbose_name_plural = "hồ sơ đăng ký"

    def __str__(self):
        return f"Hồ sơ đăng ký — {self.dossier}"


def registration_document_path(document, filename):
    dossier_id = document.registration.dossier_id
    return f"ho-so/{dossier_id}/dang-ky/{document.sha256[:2]}/{document.sha256}"


class RegistrationDocument(StoredFile):
    registration = models.ForeignKey(RegistrationDossier, models.CASCADE, related_name="documents")
    kind = models.ForeignKey(DocumentKind, models.PROTECT, related_name="+", verbose_name="loại")
    file = models.FileField("tệp", upload_to=registration_document_path, max_length=255)

    class Meta(StoredFile.Meta):
        verbose_name = "tài liệu hồ sơ đăng ký"
        verbose_name_plural = "tài liệu hồ sơ đăng ký"


class EvaluationMeeting(models.Model):
    """The meeting that reviews the year's results before the dossier is sent (Art. 9
    cl. 1 a, c), kept on the version it belongs to; who sat in which seat is in
    `attendees` (seats per unit kind: dossiers.reference.meeting_seats)."""

    version = models.OneToOneField(
        DossierVersion, models.CASCADE, related_name="meeting", verbose_name="lần nộp"
    )
    held_on = models.DateField("ngày họp", null=True, blank=True)

    class Meta:
        verbose_name = "cuộc họp đánh giá"
        verbose_name_plural = "cuộc họp đánh giá"


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(EvaluationMeeting, models.CASCADE, related_name="attendees")
    seat = models.CharField("thành phần", max_length=32)
    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    position = models.CharField("chức vụ", max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = "người dự họp"
        verbose_name_plural = "người dự họp"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="meeting_one_per_seat")
        ]
