"""What happens to reward decisions besides their text (DOMAIN.md §3): a decision made
outside the province and only recorded here (the Minister's Bằng khen), and the sending out
of a decision the province issued (10 working days after it is issued)."""

from django.conf import settings
from django.db import models

from .areas import AdministrativeArea
from .decisions import Decision


class RecordedDecision(models.Model):
    """A higher authority's reward decision, recorded as issued: its number and symbol are
    typed in ("1234/QĐ-BCA"), never taken from the province's own numbering. Each nominee
    it decides points to it (Nominee.recorded_decision) with its result."""

    form = models.ForeignKey(
        "dossiers.RewardForm", models.PROTECT, related_name="+", verbose_name="hình thức"
    )
    authority = models.CharField("cơ quan, người quyết định", max_length=255)
    reference = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày quyết định")
    recorded_in = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="+", verbose_name="địa bàn ghi nhận"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = "quyết định của cấp trên đã ghi nhận"
        verbose_name_plural = "quyết định của cấp trên đã ghi nhận"
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_in", "form", "reference", "issued_on"],
                name="recorded_decision_once",
            )
        ]

    def __str__(self):
        return f"Quyết định số {self.reference} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def label(self) -> str:
        """ "Quyết định của Bộ trưởng Bộ Công an — tỉnh ghi nhận"."""
        return f"Quyết định của {self.authority} — tỉnh ghi nhận"


class DecisionDispatch(models.Model):
    """Sending out a reward decision the province issued: due a number of working days
    after it is issued (the form's `send_out_working_days`), marked sent by the issuing
    office with the date."""

    decision = models.OneToOneField(
        Decision, models.CASCADE, related_name="dispatch", verbose_name="quyết định"
    )
    due_on = models.DateField("hạn gửi quyết định")
    sent_on = models.DateField("ngày gửi", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "gửi quyết định khen thưởng"
        verbose_name_plural = "gửi quyết định khen thưởng"

    def __str__(self):
        return f"Gửi {self.decision}: hạn {self.due_on:%d/%m/%Y}"
