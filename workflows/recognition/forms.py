from django import forms

from dossiers.guards import AsciiIntegerField, IdListField, TextField
from dossiers.models import AuthorityMarker, DocumentKind, RecognitionCycle, Unit, UnitKind
from dossiers.reference.seed import REGISTRATION_DOSSIER
from dossiers.registration import cycle_province_check, open_cycles_for
from dossiers.services import DomainError
from workflows import deadlines

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        error_messages={"required": "Vui lòng chọn đơn vị."},
    )
    cycle = forms.ModelChoiceField(
        label="Đợt xét công nhận",
        queryset=RecognitionCycle.objects.none(),
        error_messages={"required": "Vui lòng chọn đợt."},
    )
    # ASCII digits within a bound (dossiers.guards): 2147483648 or "２０２６" is a field
    # error, never a database error.
    households_total = AsciiIntegerField(
        label="Tổng số hộ gia đình (khu dân cư)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text="Chỉ khu dân cư ghi.",
    )
    households_registered = AsciiIntegerField(
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
        # Only a residential area counts its households (Circular 124, Art. 4 cl. 1): the
        # fields are left out when no unit of the user is one, and the page hides them
        # (static/js/register.js) while another kind of unit is chosen.
        self.residential_ids = [
            str(pk)
            for pk in units.filter(kind=UnitKind.RESIDENTIAL_AREA).values_list("pk", flat=True)
        ]
        if not self.residential_ids:
            del self.fields["households_total"], self.fields["households_registered"]
        # Only the open cycles of the provinces of the user's units (dossiers.registration).
        self.fields["cycle"].queryset = open_cycles_for(units).order_by("-year", "name")
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

    def clean(self):
        data = super().clean()
        unit, cycle = data.get("unit"), data.get("cycle")
        if unit and unit.kind != UnitKind.RESIDENTIAL_AREA:  # the fields were hidden
            data["households_total"] = data["households_registered"] = None
        if unit and cycle:
            try:
                cycle_province_check(cycle=cycle, unit=unit, on=deadlines.today())
            except DomainError as error:
                self.add_error("cycle", str(error))
        return data

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
    proposal_office = forms.CharField(
        label="Theo đề nghị của (cơ quan trình)",
        max_length=255,
        required=False,
        help_text="Ví dụ: Công an phường Gò Dầu",
    )
    proposal_number = forms.CharField(label="Số tờ trình", max_length=64, required=False)
    proposal_date = forms.DateField(
        label="Ngày tờ trình",
        widget=DATE_INPUT,
        required=False,
        error_messages={"invalid": "Ngày không hợp lệ."},
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


class KeyedForm(forms.Form):
    """A form for one row of a page, its fields posted as `<field>_<key>` (verdict_12,
    remark_12, met_12): the names the pages and their scripts use."""

    def add_prefix(self, field_name):
        return f"{field_name}_{self.prefix}" if self.prefix else field_name


def yes_no(value):
    return {"1": True, "0": False}.get(value)


class VerdictForm(KeyedForm):
    """The officer's verdict on one criterion, met or not, and a remark (Circular 124,
    Art. 9 cl. 1 b; Art. 10 cl. 2)."""

    verdict = forms.TypedChoiceField(
        choices=[("1", "Đạt"), ("0", "Chưa đạt")],
        coerce=yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Vui lòng chọn “Đạt” hoặc “Chưa đạt”."},
    )
    remark = TextField(label="Nhận xét")


class StepForm(forms.Form):
    """The outcome and the comment of a review or appraisal; the outcome is the service's
    to judge (`services.review`)."""

    outcome = forms.CharField(required=False, max_length=32)
    comment = TextField(label="Ý kiến", max_length=10_000)


def verdict_forms(data, criteria) -> list[VerdictForm]:
    return [VerdictForm(data, prefix=str(c.pk)) for c in criteria]


def verdicts_of(forms_) -> dict:
    """{criterion id: (met, remark)} for the criteria given a verdict."""
    return {
        int(f.prefix): (f.cleaned_data["verdict"], f.cleaned_data["remark"])
        for f in forms_
        if f.cleaned_data["verdict"] is not None
    }


CHECK_FIELDS = "Vui lòng sửa các ô báo lỗi dưới đây."
FOREIGN = "Có mục đã chọn không thuộc danh sách chờ xử lý."


class ChosenForm(forms.Form):
    """The rows ticked on a decision page (checkboxes named `name`): ids in ASCII digits,
    each once, among the ids `listed` (any when None: the service then judges); `foreign`
    keeps the ids ticked but not listed, and `reason` is the revocation's reason."""

    reason = TextField(label="Lý do thu hồi")

    def __init__(self, data=None, *, name, listed, **kwargs):
        super().__init__(data, **kwargs)
        self.name, self.foreign = name, []
        self.listed = None if listed is None else {int(pk) for pk in listed}
        self.fields[name] = IdListField(label="Mục đã chọn")

    def clean(self):
        ids = self.cleaned_data.get(self.name) or []
        self.foreign = [pk for pk in ids if self.listed is not None and pk not in self.listed]
        if self.foreign:
            self.add_error(self.name, FOREIGN)
        return self.cleaned_data

    def chosen(self) -> list[int]:
        return self.cleaned_data[self.name]

    def ticked(self, pk, default=True) -> bool:
        """As typed: the page shows again what was ticked."""
        return default if not self.is_bound else str(pk) in self.data.getlist(self.name)

    def id_errors(self):
        return self.errors.get(self.name, []) if self.is_bound else []


class ResultForm(KeyedForm):
    """One row's result in a decision (recognised or awarded, by default) and its reason
    (result_12, reason_12)."""

    result = forms.TypedChoiceField(
        choices=[("1", "Có"), ("0", "Không")],
        coerce=yes_no,
        empty_value=True,
        required=False,
        error_messages={"invalid_choice": "Kết quả không hợp lệ."},
    )
    reason = TextField(label="Lý do")

    def row(self) -> dict:
        """What the page shows again: the result and reason as typed, and the errors."""
        return {
            "result": self["result"].value() != "0",
            "reason": self["reason"].value() or "",
            "errors": [*self.errors.get("result", []), *self.errors.get("reason", [])],
        }


def all_valid(*forms_) -> bool:
    """Every form validated (not stopping at the first), so each shows its errors."""
    return all([f.is_valid() for f in forms_])
