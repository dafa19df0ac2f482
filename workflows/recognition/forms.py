from django import forms

from dossiers.models import AuthorityMarker, DocumentKind, RecognitionCycle, Unit
from dossiers.reference.seed import REGISTRATION_DOSSIER

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        error_messages={"required": "Vui lòng chọn đơn vị."},
    )
    cycle = forms.ModelChoiceField(
        label="Đợt xét công nhận",
        queryset=RecognitionCycle.objects.filter(is_open=True),
        error_messages={"required": "Vui lòng chọn đợt."},
    )
    households_total = forms.IntegerField(
        label="Tổng số hộ gia đình (khu dân cư)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text="Chỉ khu dân cư ghi; cơ quan, doanh nghiệp, cơ sở giáo dục, xã bỏ trống.",
    )
    households_registered = forms.IntegerField(
        label="Số hộ đã đăng ký, ký cam kết", required=False, min_value=0, max_value=1_000_000
    )
    commitment = forms.CharField(
        label="Nội dung đăng ký phấn đấu",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    has_party_organisation = forms.TypedChoiceField(
        label="Đơn vị có tổ chức Đảng (chi bộ, đảng bộ)?",
        choices=[("1", "Có"), ("0", "Không")],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Circular 124, Art. 9 cl. 2 a: the registration dossier, sent with the registration.
        kinds = DocumentKind.objects.filter(code__in=REGISTRATION_DOSSIER).order_by("order")
        for kind in kinds:
            self.fields[f"file_{kind.code}"] = forms.FileField(label=kind.name, required=False)
        self.fields["file_party_resolution"].help_text = "Nơi có tổ chức Đảng."
        self.fields[
            "file_security_plan"
        ].help_text = (
            "Xã, phường; cơ quan, doanh nghiệp, cơ sở giáo dục (khu dân cư không phải nộp)."
        )

    def documents(self) -> dict:
        return {
            name.removeprefix("file_"): upload
            for name, upload in self.cleaned_data.items()
            if name.startswith("file_") and upload
        }


class DecisionFieldsForm(forms.Form):
    issued_on = forms.DateField(
        label="Ngày ban hành",
        widget=DATE_INPUT,
        error_messages={
            "required": "Vui lòng nhập ngày ban hành.",
            "invalid": "Ngày không hợp lệ.",
        },
    )
    signer_name = forms.CharField(
        label="Người ký",
        max_length=200,
        error_messages={"required": "Vui lòng nhập họ tên người ký."},
    )
    signer_title = forms.CharField(
        label="Chức vụ",
        max_length=200,
        initial="Chủ tịch",
        error_messages={"required": "Vui lòng nhập chức vụ người ký."},
    )
    authority = forms.ChoiceField(
        label="Thẩm quyền ký", choices=AuthorityMarker.choices, initial=AuthorityMarker.TM
    )
    summary = forms.CharField(
        label="Trích yếu",
        max_length=500,
        error_messages={"required": "Vui lòng nhập trích yếu."},
    )


class RecordedDecisionFieldsForm(forms.Form):
    """A higher authority's decision as issued, recorded not numbered: the Minister's
    recognition (Circular 124, Art. 10 cl. 4) or the Minister's Bằng khen."""

    reference = forms.CharField(
        label="Số, ký hiệu quyết định (ghi đúng như trên văn bản, ví dụ 1234/QĐ-BCA)",
        max_length=64,
        error_messages={
            "required": "Vui lòng nhập số, ký hiệu quyết định như trên văn bản đã ban hành.",
            "max_length": "Số, ký hiệu quyết định không quá 64 ký tự.",
        },
    )
    issued_on = forms.DateField(
        label="Ngày quyết định",
        widget=DATE_INPUT,
        error_messages={
            "required": "Vui lòng nhập ngày quyết định.",
            "invalid": "Ngày không hợp lệ.",
        },
    )
