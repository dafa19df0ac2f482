from django.contrib import admin, messages
from django.db.models import Max
from django.utils.html import format_html

from . import calendar
from .models import CalendarDay, NoticeRule, Notification, Preference

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The working calendar, editable per year (DOMAIN.md §4), each exceptional day with its
    source and a "Dự kiến" marker while no decision confirms it. Every change goes through
    `calendar.calendar_day_set_kind`, which keeps `is_working` right and clears the cache."""

    list_display = ("day", "weekday", "kind", "name", "is_working", "status", "source")
    list_display_links = ("day",)
    list_editable = ("kind", "name")
    list_filter = ("year", "kind", "is_working", "provisional")
    date_hierarchy = "day"
    search_fields = ("name", "source")
    readonly_fields = ("year", "is_working")
    fields = ("day", "kind", "name", "source", "provisional", "year", "is_working")
    list_per_page = 100
    actions = ["seed_next_year"]

    @admin.display(description="thứ")
    def weekday(self, obj):
        return WEEKDAYS[obj.day.weekday()]

    @admin.display(description="tình trạng", ordering="provisional")
    def status(self, obj):
        """ "Dự kiến" for a day no government decision confirms yet (DOMAIN.md §4)."""
        if obj.provisional:
            return format_html('<strong class="calendar-provisional">{}</strong>', "Dự kiến")
        return ""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return ("day", *readonly) if obj else readonly

    def save_model(self, request, obj, form, change):
        saved = calendar.calendar_day_set_kind(
            obj.day, obj.kind, obj.name, source=obj.source, provisional=obj.provisional
        )
        obj.year, obj.is_working = saved.year, saved.is_working

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        calendar.clear_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        calendar.clear_cache()

    @admin.action(description="Tạo lịch cho năm sau", permissions=["add"])
    def seed_next_year(self, request, queryset):
        year = (CalendarDay.objects.aggregate(last=Max("year"))["last"] or 0) + 1
        created = calendar.seed_year(year)
        messages.success(request, f"Đã tạo {created} ngày cho lịch năm {year}.")


@admin.register(NoticeRule)
class NoticeRuleAdmin(admin.ModelAdmin):
    list_display = ("offset", "action", "active")
    list_editable = ("action", "active")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "event", "title", "email_status", "read_at")
    list_filter = ("event", "email_status")
    search_fields = ("title", "key", "recipient__username")
    list_select_related = ("recipient",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "event", "in_app", "email", "digest")
    list_filter = ("event",)
