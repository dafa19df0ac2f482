"""People's Committee decisions (DOMAIN.md §1 "Decision and certificate"): one numbered
decision recognises many units, listed in its annex; a later decision can revoke."""

from django.conf import settings
from django.db import models

from .areas import AdministrativeArea
from .dossier import Dossier


class AuthorityMarker(models.TextChoices):
    """The signature block's authority marker (Decree 30/2020/NĐ-CP Art. 13, Appendix I
    part II §7) and the lines it prints for a People's Committee decision: a deputy signing
    for the committee keeps "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH". The issued
    documents compute the lines for other bodies and for a chairman's own decision
    (documents.nd30.signature_lines)."""

    TM = "tm", "TM. ỦY BAN NHÂN DÂN — CHỦ TỊCH"
    KT = "kt", "TM. ỦY BAN NHÂN DÂN — KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"
    Q = "q", "TM. ỦY BAN NHÂN DÂN — Q. CHỦ TỊCH"
    TL = "tl", "TL. CHỦ TỊCH — CHÁNH VĂN PHÒNG"
    TUQ = "tuq", "TUQ. CHỦ TỊCH — CHÁNH VĂN PHÒNG"


class DecisionKind(models.TextChoices):
    RECOGNISE = "recognise", "Công nhận"
    REVOKE = "revoke", "Thu hồi công nhận, khen thưởng"
    AWARD = "award", "Khen thưởng"


class Decision(models.Model):
    issuer = models.ForeignKey(
        AdministrativeArea, models.PROTECT, related_name="decisions", verbose_name="UBND ban hành"
    )
    kind = models.CharField("loại", max_length=16, choices=DecisionKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("ký hiệu", max_length=32, default="QĐ-UBND")
    issued_on = models.DateField("ngày ban hành")
    signer_name = models.CharField("người ký", max_length=200)
    signer_title = models.CharField("chức vụ người ký", max_length=200)
    authority = models.CharField("thẩm quyền ký", max_length=8, choices=AuthorityMarker.choices)
    summary = models.CharField("trích yếu", max_length=500)
    reason = models.TextField("lý do", blank=True)
    # "Theo đề nghị của …" (Decree 30/2020/NĐ-CP, Appendix I): the proposing office and its
    # tờ trình, printed in the issued document.
    proposal_office = models.CharField("cơ quan đề nghị", max_length=255, blank=True)
    proposal_number = models.CharField("số tờ trình", max_length=64, blank=True)
    proposal_date = models.DateField("ngày tờ trình", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = "quyết định"
        verbose_name_plural = "quyết định"
        constraints = [
            # One numbering per issuing body (its area and symbol: QĐ-UBND, QĐ-CAT) and year.
            models.UniqueConstraint(
                fields=["issuer", "symbol", "year", "number"],
                name="decision_number_per_issuer_year",
            )
        ]

    def __str__(self):
        return f"Quyết định số {self.reference}"

    @property
    def authority_lines(self) -> list[str]:
        return AuthorityMarker(self.authority).label.split(" — ")

    @property
    def reference(self) -> str:
        """ "05/QĐ-UBND": numbers below 10 are zero-padded (Decree 30/2020/NĐ-CP)."""
        return f"{self.number:02d}/{self.symbol}"


class DecisionItem(models.Model):
    """One line of a decision's annex: a recognition dossier or a reward nominee."""

    decision = models.ForeignKey(Decision, models.CASCADE, related_name="items")
    dossier = models.ForeignKey(
        Dossier, models.PROTECT, null=True, blank=True, related_name="decision_items"
    )
    nominee = models.ForeignKey(
        "dossiers.Nominee", models.PROTECT, null=True, blank=True, related_name="decision_items"
    )
    recognised = models.BooleanField("công nhận")
    reason = models.TextField("lý do", blank=True)

    class Meta:
        ordering = ["decision", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "dossier"], name="decision_item_unique"),
            models.UniqueConstraint(
                fields=["decision", "nominee"], name="decision_item_nominee_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(dossier__isnull=False, nominee__isnull=True)
                | models.Q(dossier__isnull=True, nominee__isnull=False),
                name="decision_item_dossier_xor_nominee",
            ),
        ]


class DecisionCounter(models.Model):
    """The last number an issuer used in a year; locked while a number is taken."""

    issuer = models.ForeignKey(AdministrativeArea, models.CASCADE, related_name="+")
    symbol = models.CharField(max_length=32, default="QĐ-UBND")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "symbol", "year"], name="decision_counter_unique"
            )
        ]
