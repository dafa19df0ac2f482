from django.contrib import admin

from .models import InspectionPlan


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    """The plan's target is data an administrator may correct."""

    list_display = ("office", "year", "target")
    list_filter = ("year",)
    search_fields = ("office__name",)
    raw_id_fields = ("office", "created_by")
