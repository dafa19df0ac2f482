"""Forms of the reward pages. The nominee rows are plain prefixed forms (collective-0 …
collective-4, person-0 … person-4): an empty row is ignored, a started one is checked."""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from dossiers.models import (
    NominationDocumentKind,
    NominationType,
    Nominee,
    RewardForm,
    Unit,
)
from workflows.recognition.forms import DATE_INPUT, RecordedDecisionFieldsForm

from .services import APPRAISAL_OUTCOMES

MAX_COLLECTIVES = 5
MAX_PEOPLE = 5


class NominationForm(forms.Form):
    form = forms.ModelChoiceField(
        label="Hình thức khen thưởng",
        queryset=RewardForm.objects.filter(active=True),
        error_messages={"required": "Vui lòng chọn hình thức khen thưởng."},
    )
    type = forms.ChoiceField(
        label="Loại khen thưởng",
        choices=[("", "---------"), *NominationType.choices],
        error_messages={"required": "Vui lòng chọn loại khen thưởng."},
    )
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Vui lòng nhập năm.",
            "invalid": "Năm không hợp lệ.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    simplified = forms.BooleanField(
        label="Thủ tục đơn giản (khen thưởng đột xuất: chỉ cần tờ trình và bản tóm tắt)",
        required=False,
    )
    summary = forms.CharField(
        label="Tóm tắt thành tích",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": "Đơn vị đã chọn không thuộc thẩm quyền đề nghị của bạn.",
    }

    def label_from_instance(self, obj):
        return obj.name


class BasisChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": "Khen thưởng làm căn cứ không hợp lệ hoặc bạn không được xem.",
    }

    def label_from_instance(self, obj):
        n = obj.nomination
        return f"{obj} — {n.form} năm {n.year} ({n.get_type_display().lower()})"


class CollectiveRowForm(forms.Form):
    unit = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    @property
    def is_blank(self) -> bool:
        return not self.data.get(self.add_prefix("unit"))

    def nominee(self) -> dict:
        return {"unit": self.cleaned_data["unit"]}


CITIZEN_ID = RegexValidator(
    r"^\d{12}$", "Số định danh cá nhân gồm đúng 12 chữ số.", code="citizen_id"
)


class PersonRowForm(forms.Form):
    use_required_attribute = False  # the empty rows must not block the browser
    full_name = forms.CharField(
        label="Họ và tên",
        max_length=200,
        widget=forms.TextInput(attrs={"size": 16}),
        error_messages={"required": "Vui lòng nhập họ và tên."},
    )
    citizen_id = forms.CharField(
        label="Số định danh cá nhân",
        max_length=12,
        validators=[CITIZEN_ID],
        widget=forms.TextInput(attrs={"size": 12, "inputmode": "numeric"}),
        error_messages={
            "required": "Vui lòng nhập số định danh cá nhân (12 chữ số).",
            "max_length": "Số định danh cá nhân gồm đúng 12 chữ số.",
        },
    )
    position = forms.CharField(
        label="Chức vụ",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"size": 12}),
    )
    workplace = UnitChoiceField(
        label="Đơn vị công tác",
        queryset=Unit.objects.none(),
        error_messages={"required": "Vui lòng chọn đơn vị công tác."},
    )
    achievement = forms.CharField(
        label="Thành tích",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 22}),
    )
    basis = BasisChoiceField(
        label="Khen thưởng làm căn cứ",
        queryset=Nominee.objects.none(),
        required=False,
        empty_label="(không)",
    )
    user = forms.IntegerField(required=False, widget=forms.HiddenInput)

    TYPED = ("full_name", "citizen_id", "position", "workplace", "achievement", "basis")

    def __init__(self, *args, units, bases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = units
        self.fields["basis"].queryset = bases

    @property
    def is_blank(self) -> bool:
        return not any(self.data.get(self.add_prefix(name), "").strip() for name in self.TYPED)

    def clean(self):
        data = super().clean()
        workplace, user_id = data.get("workplace"), data.get("user")
        # The unit head suggested from a recognised dossier, kept only if still the head of
        # the chosen workplace.
        data["user"] = workplace.heads.filter(pk=user_id).first() if workplace and user_id else None
        return data

    def nominee(self) -> dict:
        data = self.cleaned_data
        row = {
            "full_name": data["full_name"].strip(),
            "citizen_id": data["citizen_id"],
            "position": data["position"].strip(),
            "workplace": data["workplace"],
            "achievement": data["achievement"].strip(),
            "basis": data["basis"],
        }
        if data["user"] is not None:
            row["user"] = data["user"]
        return row


def nominee_rows(data, *, units, bases, initial_collectives=(), initial_people=()):
    """The five collective rows and five person rows, bound to `data` on a POST."""
    collectives = [
        CollectiveRowForm(
            data,
            prefix=f"collective-{i}",
            units=units,
            initial=initial_collectives[i] if i < len(initial_collectives) else None,
        )
        for i in range(MAX_COLLECTIVES)
    ]
    people = [
        PersonRowForm(
            data,
            prefix=f"person-{i}",
            units=units,
            bases=bases,
            initial=initial_people[i] if i < len(initial_people) else None,
        )
        for i in range(MAX_PEOPLE)
    ]
    return collectives, people


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại tài liệu",
        choices=NominationDocumentKind.choices,
        error_messages={"required": "Vui lòng chọn loại tài liệu."},
    )
    nominee = forms.ModelChoiceField(
        label="Báo cáo thành tích của",
        queryset=Nominee.objects.none(),
        required=False,
        empty_label="(chọn người, tập thể)",
    )
    file = forms.FileField(
        label="Tệp (PDF, ảnh JPEG/PNG, DOCX, XLSX)",
        error_messages={"required": "Vui lòng chọn tệp.", "empty": "Tệp rỗng."},
    )

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = nomination.nominees.select_related("unit")

    def clean(self):
        data = super().clean()
        if data.get("kind") == NominationDocumentKind.ACHIEVEMENT and not data.get("nominee"):
            self.add_error("nominee", "Vui lòng chọn người, tập thể của báo cáo thành tích.")
        if data.get("kind") != NominationDocumentKind.ACHIEVEMENT:
            data["nominee"] = None
        return data


class AppraiseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả thẩm định",
        choices=list(APPRAISAL_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn kết quả thẩm định."},
    )
    comment = forms.CharField(
        label="Ý kiến thẩm định, lý do trả lại, nội dung cần bổ sung (ghi đầy đủ, một lần)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )


def _count(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=999,
        error_messages={
            "required": f"Vui lòng nhập {label.lower()}.",
            "invalid": f"{label} phải là số.",
            "min_value": f"{label} không được âm.",
            "max_value": f"{label} không hợp lệ.",
        },
    )


class VoteForm(forms.Form):
    members_total = _count("Tổng số thành viên Hội đồng")
    members_present = _count("Số thành viên dự họp")
    votes_for = _count("Số phiếu tán thành")
    votes_against = _count("Số phiếu không tán thành")
    voted_on = forms.DateField(
        label="Ngày họp",
        widget=DATE_INPUT,
        error_messages={"required": "Vui lòng nhập ngày họp.", "invalid": "Ngày không hợp lệ."},
    )


# A higher authority's decision as issued (the Minister's Bằng khen): the same fields as
# the Minister's recognition decision.
RecordedDecisionForm = RecordedDecisionFieldsForm


class SentForm(forms.Form):
    sent_on = forms.DateField(
        label="Ngày gửi quyết định",
        widget=DATE_INPUT,
        error_messages={
            "required": "Vui lòng nhập ngày gửi quyết định.",
            "invalid": "Ngày không hợp lệ.",
        },
    )
