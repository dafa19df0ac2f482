import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from viewflow.workflow.models import Process

from dossiers.models import Step


class RecognitionProcess(Process):
    """Thin: the dossier is the real model (Dossier.process); gateways ask it."""

    class Meta:
        proxy = True
        verbose_name = "quy trình công nhận"
        verbose_name_plural = "quy trình công nhận"

    def status_is(self, *statuses) -> bool:
        return self.dossier.status in statuses


# Where a step without a due date sorts in an inbox: after every dated one.
UNDATED = datetime.date(9999, 12, 31)


def due_order(path: str = "due_date"):
    """The inbox's order key: the due date, a step without one last. Indexed as written
    (`deadline_office_queue`), so the query must use this very expression."""
    return Coalesce(path, models.Value(UNDATED), output_field=models.DateField())


RECOGNITION_OPEN = models.Q(finished_on__isnull=True, cycle__isnull=False)


class TaskDeadline(models.Model):
    """One human step at its office and its due date (DESIGN.md "Deadlines"): written
    when the step opens, with the office (`area`) that takes it; the due date computed
    from the cycle's rule, paused by a supplement request, extended once with a reason —
    or empty when the cycle sets no rule for the step (the step still waits at its office
    and is listed in its inbox, after the dated ones). `next_notice_on` is when the
    reminder sweep must next look at it; both it and `due_date` are indexed over open
    steps only. A recognition step carries its cycle; a reward step none."""

    task = models.OneToOneField(
        "viewflow.Task", models.CASCADE, related_name="deadline", verbose_name="công việc"
    )
    step = models.CharField("bước", max_length=16, choices=Step.choices)
    area = models.ForeignKey(
        "dossiers.AdministrativeArea",
        models.PROTECT,
        related_name="+",
        verbose_name="địa bàn xử lý",
    )
    cycle = models.ForeignKey(
        "dossiers.RecognitionCycle", models.CASCADE, null=True, blank=True, related_name="+"
    )
    opened_on = models.DateField("ngày bắt đầu")
    due_date = models.DateField("hạn xử lý", null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField("số ngày làm việc tạm dừng", default=0)
    extended = models.BooleanField("đã gia hạn", default=False)
    extension_reason = models.TextField("lý do gia hạn", blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    next_notice_on = models.DateField("ngày nhắc tiếp theo", null=True, blank=True)
    notices_sent = models.PositiveSmallIntegerField("số mốc nhắc đã gửi", default=0)

    class Meta:
        verbose_name = "thời hạn bước"
        verbose_name_plural = "thời hạn bước"
        indexes = [
            models.Index(
                fields=["next_notice_on"],
                name="deadline_notice_open",
                condition=models.Q(finished_on__isnull=True),
            ),
            models.Index(
                fields=["due_date"],
                name="deadline_due_open",
                condition=models.Q(finished_on__isnull=True),
            ),
            models.Index(fields=["cycle", "step", "area"], name="deadline_stats"),
            # An office's open recognition steps for its inbox summary
            # (recognition.selectors.inbox_summary): counted from the index alone.
            models.Index(
                fields=["area", "step", "due_date"],
                name="deadline_office_open",
                condition=RECOGNITION_OPEN,
            ),
            # An office's inbox, the nearest due date first (recognition.selectors
            # .inbox_tasks): a walk of this index in order, whatever the office holds.
            models.Index(
                models.F("area"),
                due_order(),
                models.F("task"),
                models.F("step"),
                name="deadline_office_queue",
                condition=RECOGNITION_OPEN,
            ),
        ]

    def __str__(self):
        due = f"hạn {self.due_date:%d/%m/%Y}" if self.due_date else "không đặt hạn"
        return f"{self.get_step_display()}: {due}"


class RewardProcess(Process):
    """Thin: the nomination is the real model (Nomination.process)."""

    class Meta:
        proxy = True
        verbose_name = "quy trình khen thưởng"
        verbose_name_plural = "quy trình khen thưởng"

    def status_is(self, *statuses) -> bool:
        return self.nomination.status in statuses


class StepReceipt(models.Model):
    """The outcome of one step POST, keyed by the one-time token its form carried
    (workflows/receipts.py): written in the step's own transaction, so it exists exactly
    when the step committed; a retried POST with the same token is shown `location`."""

    token = models.UUIDField("mã thao tác", primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    path = models.CharField("trang gửi", max_length=255)
    location = models.CharField("trang kết quả", max_length=255)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "biên nhận thao tác"
        verbose_name_plural = "biên nhận thao tác"

    def __str__(self):
        return f"{self.path} → {self.location}"
