from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from guardian.admin import GuardedModelAdmin

from . import imports, registration
from .forms import ImportFileForm
from .models import (
    AdministrativeArea,
    AreaGroupPermission,
    AreaLevel,
    AreaUserPermission,
    CriteriaSet,
    Criterion,
    CycleRoute,
    DocumentKind,
    LateRegistration,
    NomineeFlag,
    RecognitionCycle,
    RecordedRecognition,
    RecordedRecognitionItem,
    Regulation,
    RewardForm,
    StepDeadline,
    Unit,
    UnitGroupPermission,
    UnitUserPermission,
)
from .models.areas import ACT_IN_AREA, VIEW_AREA
from .models.units import ACT_FOR_UNIT, VIEW_UNIT
from .services import DomainError, area_set_paths


class ImportMixin:
    """An "Nhập từ tệp" page on the change list: CSV or XLSX, all rows or none."""

    import_kind: str
    change_list_template = "admin/dossiers/change_list_with_import.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "nhap-tep/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            )
        ] + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ImportFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                count = imports.import_file(self.import_kind, upload, upload.name)
            except imports.ImportFailed as failed:
                form.add_error(None, failed.summary())
                for error in failed.errors:
                    form.add_error(None, str(error))
            else:
                messages.success(request, f"Đã nhập {count} dòng từ tệp “{upload.name}”.")
                return redirect(f"admin:dossiers_{self.model._meta.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": f"Nhập {self.model._meta.verbose_name_plural} từ tệp CSV hoặc Excel",
            "columns": imports.COLUMNS[self.import_kind],
        }
        return render(request, "admin/dossiers/import.html", context)


@admin.register(AreaLevel)
class AreaLevelAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "rank")


@admin.register(AdministrativeArea)
class AdministrativeAreaAdmin(ImportMixin, GuardedModelAdmin):
    import_kind = "areas"
    list_display = ("name", "code", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "valid_to")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "successors")
    list_select_related = ("level", "parent")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        area_set_paths([obj])


@admin.register(Unit)
class UnitAdmin(ImportMixin, GuardedModelAdmin):
    import_kind = "units"
    list_display = ("name", "kind", "identifier", "area", "managing_level", "active")
    list_filter = (
        "kind",
        "active",
        "managing_level",
        "followed_by_ministry",
        "is_small_enterprise",
        "is_excluded_school",
    )
    search_fields = ("name", "identifier")
    autocomplete_fields = ("area", "delegated_to", "heads")
    list_select_related = ("area", "managing_level")


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "effective_from", "replaced_by")


class CriterionInline(admin.TabularInline):
    """In the circular's order (`Criterion.position`: a, b, c, d, đ, e, g, h)."""

    model = Criterion
    fk_name = "criteria_set"
    extra = 0
    fields = ("number", "letter", "kind", "rule", "text", "refers_to", "province")
    readonly_fields = ("refers_to",)
    autocomplete_fields = ("province",)
    ordering = ("province", "position")


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("title", "regulation", "unit_kind", "version", "article")
    list_filter = ("regulation", "unit_kind")
    inlines = [CriterionInline]


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")


class CycleRouteInline(admin.StackedInline):
    model = CycleRoute
    extra = 0
    filter_horizontal = ("required_documents",)


class StepDeadlineInline(admin.TabularInline):
    model = StepDeadline
    extra = 0


@admin.register(RecognitionCycle)
class RecognitionCycleAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "province", "regulation", "is_open")
    list_filter = ("year", "is_open", "regulation")
    autocomplete_fields = ("province",)
    inlines = [CycleRouteInline, StepDeadlineInline]


@admin.register(RewardForm)
class RewardFormAdmin(admin.ModelAdmin):
    """Reward forms: who appraises and decides, and the rules that are data per form
    (DOMAIN.md §3): decided by a higher authority or here, durations, quorum, majority."""

    list_display = ("name", "code", "decide_level", "deciding_role", "decided_externally", "active")
    list_filter = ("active", "decided_externally", "deciding_role")
    search_fields = ("name", "code")
    fieldsets = [
        (
            None,
            {"fields": ("code", "name", "active", "requires_recognition", "allows_simplified")},
        ),
        (
            "Thẩm định và quyết định",
            {
                "fields": (
                    ("appraise_level", "appraising_role"),
                    "appraising_office",
                    ("decide_level", "deciding_role"),
                    "decision_symbol",
                    "decided_externally",
                    "external_authority",
                )
            },
        ),
        (
            "Thời hạn (ngày làm việc)",
            {
                "fields": (
                    "appraise_working_days",
                    "return_working_days",
                    "supplement_working_days",
                    "send_out_working_days",
                )
            },
        ),
        (
            "Hội đồng thi đua, khen thưởng",
            {
                "description": "Họp hợp lệ khi số thành viên dự họp ≥ tử số/mẫu số tổng số "
                "thành viên; thông qua khi số phiếu tán thành > tử số/mẫu số tổng số thành viên.",
                "fields": (
                    ("quorum_numerator", "quorum_denominator"),
                    ("majority_numerator", "majority_denominator"),
                ),
            },
        ),
    ]


@admin.register(NomineeFlag)
class NomineeFlagAdmin(admin.ModelAdmin):
    """Who may not be nominated for now (Decree 152/2025 Art. 4 cl. 4)."""

    list_display = ("__str__", "kind", "active", "created_at")
    list_filter = ("kind", "active")
    search_fields = ("citizen_id", "unit__name")
    autocomplete_fields = ("unit",)


class LateRegistrationForm(forms.ModelForm):
    class Meta:
        model = LateRegistration
        fields = ("cycle", "unit", "reason")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["reason"] = registration.late_registration_check(
                acting_user=self.request.user,
                cycle=data["cycle"],
                unit=data["unit"],
                reason=data.get("reason", ""),
            )
        except (DomainError, PermissionDenied) as error:
            raise forms.ValidationError(str(error)) from error
        return data


@admin.register(LateRegistration)
class LateRegistrationAdmin(admin.ModelAdmin):
    """Opening a late registration goes through the service (who, when, why); an opening
    is a record, so it is never edited or deleted here."""

    form = LateRegistrationForm
    list_display = ("unit", "cycle", "opened_by", "opened_at", "reason")
    list_filter = ("cycle",)
    search_fields = ("unit__name", "unit__identifier")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit", "cycle", "opened_by")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("cycle", "unit", "reason", "opened_by", "opened_at")
        return ()

    def has_add_permission(self, request):
        return registration.can_open_late_registration(request.user) and super().has_add_permission(
            request
        )

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        opened = registration.late_registration_open(
            acting_user=request.user,
            cycle=form.cleaned_data["cycle"],
            unit=form.cleaned_data["unit"],
            reason=form.cleaned_data["reason"],
        )
        obj.pk, obj.opened_by, obj.opened_at = opened.pk, opened.opened_by, opened.opened_at


class RecordedRecognitionItemInline(admin.TabularInline):
    model = RecordedRecognitionItem
    fields = ("dossier", "recognised", "reason")
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RecordedRecognition)
class RecordedRecognitionAdmin(admin.ModelAdmin):
    """The Minister's recognition decisions the provinces recorded (Circular 124, Art. 10
    cl. 4): read-only here; they are recorded by the provincial police on the recognition
    pages, with each dossier's result in the same step."""

    list_display = ("reference", "issued_on", "authority", "recorded_in", "recorded_at")
    list_filter = ("issued_on", "recorded_in")
    search_fields = ("reference", "items__dossier__unit__name")
    list_select_related = ("recorded_in",)
    inlines = [RecordedRecognitionItemInline]
    readonly_fields = (
        "decided_by",
        "authority",
        "reference",
        "issued_on",
        "recorded_in",
        "recorded_by",
        "recorded_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GrantAdmin(admin.ModelAdmin):
    """Jurisdiction grants with their validity (dossiers.models.areas.GrantPeriod): an
    officer's grant ends when the area is merged or the officer moves; it then acts no more
    and reads only the cycles of the years it was valid."""

    holder = "user"
    list_display = ["user", "permission", "content_object", "valid_from", "valid_to"]
    list_editable = ["valid_from", "valid_to"]
    list_filter = ["permission__codename", "valid_to"]
    raw_id_fields = ["content_object"]
    codenames: tuple = ()

    def get_search_fields(self, request):
        return [f"{self.holder}__{'username' if self.holder == 'user' else 'name'}"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "permission":
            kwargs["queryset"] = Permission.objects.filter(codename__in=self.codenames)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


AREA_CODES = (ACT_IN_AREA, VIEW_AREA)
UNIT_CODES = (ACT_FOR_UNIT, VIEW_UNIT)


@admin.register(AreaUserPermission)
class AreaUserGrantAdmin(GrantAdmin):
    codenames = AREA_CODES


@admin.register(AreaGroupPermission)
class AreaGroupGrantAdmin(GrantAdmin):
    holder = "group"
    list_display = ["group", *GrantAdmin.list_display[1:]]
    codenames = AREA_CODES


@admin.register(UnitUserPermission)
class UnitUserGrantAdmin(GrantAdmin):
    codenames = UNIT_CODES


@admin.register(UnitGroupPermission)
class UnitGroupGrantAdmin(GrantAdmin):
    holder = "group"
    list_display = ["group", *GrantAdmin.list_display[1:]]
    codenames = UNIT_CODES
