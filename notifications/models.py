"""Deadlines, reminders and messages (DOMAIN.md §4, DESIGN.md "Deadlines")."""

from django.conf import settings
from django.db import models
from django.utils import timezone

# Working calendar


class CalendarDayKind(models.TextChoices):
    WORKING = "working", "Ngày làm việc"
    WEEKEND = "weekend", "Nghỉ cuối tuần"
    HOLIDAY = "holiday", "Nghỉ lễ, Tết"
    SWAPPED_OFF = "swapped_off", "Nghỉ bù/hoán đổi"
    MAKEUP_WORKING = "makeup_working", "Làm bù (thứ Bảy làm việc)"


#: Kinds on which offices work; `CalendarDay.is_working` is derived from this.
WORKING_KINDS = frozenset({CalendarDayKind.WORKING, CalendarDayKind.MAKEUP_WORKING})


class CalendarDay(models.Model):
    """One day of the Vietnamese civil-service calendar (DOMAIN.md §4): seeded per year from
    the `holidays` library plus the government's swaps and make-up Saturdays, editable in
    the admin. Rows are written only by `notifications.calendar`, which keeps `is_working`
    consistent with `kind`; a day without a row counts as Monday–Friday working. Every day
    that is not an ordinary weekday or weekend names its `source`; `provisional` marks the
    days no government decision confirms yet (`notifications.calendar_plan`)."""

    Kind = CalendarDayKind

    day = models.DateField("ngày", primary_key=True)
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    kind = models.CharField("loại ngày", max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(
        "tên ngày nghỉ, ghi chú",
        max_length=200,
        blank=True,
        help_text="Ví dụ: “Tết Nguyên đán”, “Làm bù cho thứ Sáu 02/01/2026”.",
    )
    is_working = models.BooleanField("là ngày làm việc", db_index=True)
    source = models.CharField(
        "căn cứ",
        max_length=500,
        blank=True,
        help_text="Văn bản quy định ngày này, ví dụ: “Bộ luật Lao động 2019, Điều 112 khoản 1 "
        "điểm a”, “Công văn 12729/VPCP-KGVX ngày 25/12/2025”.",
    )
    provisional = models.BooleanField(
        "dự kiến, chưa có quyết định",
        default=False,
        help_text="Ngày chỉ theo thư viện ngày lễ, chưa có văn bản của Chính phủ xác nhận.",
    )

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày trong lịch làm việc"
        verbose_name_plural = "lịch ngày làm việc"

    def __str__(self):
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}"


# Messages


class Event(models.TextChoices):
    TASK = "task", "Có việc mới cần xử lý"
    SUPPLEMENT = "supplement", "Hồ sơ được yêu cầu bổ sung"
    FORWARDED = "forwarded", "Hồ sơ được chuyển tiếp"
    REFUSED = "refused", "Hồ sơ bị từ chối"
    DECIDED = "decided", "Đã có quyết định"
    DEADLINE_NEAR = "deadline_near", "Sắp đến hạn xử lý"
    OVERDUE = "overdue", "Quá hạn xử lý"
    ESCALATED = "escalated", "Việc quá hạn được báo cấp trên"
    REPORT_DUE = "report_due", "Đến kỳ báo cáo định kỳ"


class NoticeRule(models.Model):
    """When to remind or escalate, in working days from the due date (negative: before)."""

    REMIND = "remind"
    ESCALATE = "escalate"

    offset = models.SmallIntegerField(
        "số ngày làm việc so với hạn",
        unique=True,
        help_text="Số âm: trước hạn; 0: đúng ngày hạn; số dương: sau hạn.",
    )
    action = models.CharField(
        "hành động",
        max_length=16,
        choices=[(REMIND, "Nhắc người xử lý"), (ESCALATE, "Báo cáo cấp trên")],
    )
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        ordering = ["offset"]
        verbose_name = "mốc nhắc hạn"
        verbose_name_plural = "mốc nhắc hạn"

    def __str__(self):
        return f"{self.offset:+d} ngày làm việc: {self.get_action_display()}"


class Notification(models.Model):
    """One message to one person, recorded under a unique key before it is sent."""

    NONE, PENDING, DIGEST, SENT = "none", "pending", "digest", "sent"

    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications"
    )
    event = models.CharField("loại", max_length=32, choices=Event.choices)
    title = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung", blank=True)
    link = models.CharField("liên kết", max_length=255, blank=True)
    in_app = models.BooleanField(default=True)
    email_status = models.CharField(
        "thư điện tử",
        max_length=8,
        default=NONE,
        choices=[
            (NONE, "Không gửi"),
            (PENDING, "Chờ gửi"),
            (DIGEST, "Gửi tổng hợp"),
            (SENT, "Đã gửi"),
        ],
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["email_status", "created_at"],
                name="notification_email_todo",
                condition=models.Q(email_status__in=["pending", "digest"]),
            ),
        ]

    def __str__(self):
        return self.title


class Preference(models.Model):
    """How a user wants one kind of event: in the app, by e-mail, now or in a daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    event = models.CharField("loại thông báo", max_length=32, choices=Event.choices)
    in_app = models.BooleanField("trong hệ thống", default=True)
    email = models.BooleanField("thư điện tử", default=True)
    digest = models.BooleanField("gộp thành thư tổng hợp hằng ngày", default=False)

    class Meta:
        verbose_name = "tùy chọn thông báo"
        verbose_name_plural = "tùy chọn thông báo"
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="preference_user_event")
        ]


class Heartbeat(models.Model):
    """When a periodic job last ran (`/healthz` reads it): the deadline sweep, started by
    Celery beat and run by a worker, stamps "sweep" each time, so a stale stamp means the
    scheduler or every worker is down."""

    name = models.CharField(max_length=32, unique=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = "nhịp chạy định kỳ"
        verbose_name_plural = "nhịp chạy định kỳ"

    def __str__(self):
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, name: str) -> None:
        cls.objects.update_or_create(name=name, defaults={"at": timezone.now()})
