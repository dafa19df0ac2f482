from django.contrib import admin

from .models import Report, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("cycle", "unit_kind", "registered_share", "recognised_share", "source")
    list_filter = ("cycle__year", "unit_kind")
    list_select_related = ("cycle",)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "recipient", "sent_at")
    list_filter = ("year", "period", "status")
    list_select_related = ("issuer", "recipient")
    readonly_fields = ("figures", "sent_by", "sent_at", "created_by")
