"""The Minister's recognition decision, recorded by the province (Circular 124/2021/TT-BCA,
Art. 9 cl. 1 d and Art. 10 cl. 4): for agencies, enterprises and schools followed by the
Ministry's departments, the Ministry's movement department (V05) appraises and the Minister
of Public Security decides and issues the certificate. The province only transmits the
dossier and records the decision as issued — its number and symbol typed in, never taken
from a DecisionCounter — and per dossier whether it was recognised.

A separate pair of tables rather than a number-less `Decision`: a `Decision` is a document
the province issues, numbered per issuer and year (Decree 30/2020/NĐ-CP), signed, printed in
its layout; a recorded decision has none of that, only a reference as typed and a date."""

from django.conf import settings
from django.db import models

from .areas import AdministrativeArea
from .dossier import Dossier

MINISTER = "Bộ trưởng Bộ Công an"


class RecordedRecognition(models.Model):
    decided_by = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        related_name="+",
        verbose_name="cơ quan quyết định",
        help_text="Bộ Công an (cấp Bộ trong danh mục địa bàn).",
    )
    authority = models.CharField("người quyết định", max_length=255, default=MINISTER)
    reference = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày quyết định")
    recorded_in = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        related_name="+",
        verbose_name="Công an tỉnh ghi nhận",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = "quyết định công nhận của Bộ trưởng (tỉnh ghi nhận)"
        verbose_name_plural = "quyết định công nhận của Bộ trưởng (tỉnh ghi nhận)"
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_in", "decided_by", "reference", "issued_on"],
                name="recorded_recognition_once",
            )
        ]

    def __str__(self):
        return f"Quyết định số {self.reference} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def label(self) -> str:
        """ "Quyết định của Bộ trưởng Bộ Công an — tỉnh ghi nhận"."""
        return f"Quyết định của {self.authority} — tỉnh ghi nhận"


class RecordedRecognitionItem(models.Model):
    """One dossier the recorded decision decided: recognised or not, with the reason the
    decision gives (optional: it is the Minister's, not the province's)."""

    decision = models.ForeignKey(
        RecordedRecognition, models.CASCADE, related_name="items", verbose_name="quyết định"
    )
    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="recorded_items", verbose_name="hồ sơ"
    )
    recognised = models.BooleanField("công nhận")
    reason = models.TextField("lý do", blank=True)

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = "hồ sơ trong quyết định đã ghi nhận"
        verbose_name_plural = "hồ sơ trong quyết định đã ghi nhận"
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "dossier"], name="recorded_recognition_item_unique"
            )
        ]
