"""The administrator uploads each issuing body's PKCS#12 here (in Vietnamese); the
passphrase is sealed at once and never shown again."""

from django import forms
from django.contrib import admin

from .forms import CertificateUploadForm
from .models import DecisionDraft, IssuedDocument, SigningCertificate
from .services import certificate_upload


class SigningCertificateForm(CertificateUploadForm, forms.ModelForm):
    class Meta:
        model = SigningCertificate
        fields = ["area"]


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    # The upload box shares its name with the stored (non-editable) file: without this the
    # add page failed with a FieldError (500).
    exclude = ["pkcs12"]
    list_display = ["area", "subject", "not_after", "uploaded_at"]
    readonly_fields = ["subject", "fingerprint", "not_after", "uploaded_at"]
    autocomplete_fields = ["area"]
    search_fields = ["area__name", "subject"]

    def save_model(self, request, obj, form, change):
        saved = certificate_upload(
            area=form.cleaned_data["area"],
            data=form.cleaned_data["data"],
            passphrase=form.cleaned_data["passphrase"],
        )
        obj.pk = saved.pk
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Read only: a signed document is never rewritten."""

    list_display = ["decision", "kind", "short_code", "signed_at", "sha256"]
    list_select_related = ["decision"]
    search_fields = ["short_code", "sha256"]
    readonly_fields = [f.name for f in IssuedDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DecisionDraft)
class DecisionDraftAdmin(admin.ModelAdmin):
    list_display = ["issuer", "kind", "status", "signer", "created_at"]
    list_select_related = ["issuer", "signer"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in DecisionDraft._meta.fields]

    def has_add_permission(self, request):
        return False
