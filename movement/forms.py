"""Forms of the movement app: they validate what is typed (lengths, ranges, dates); the
services decide."""

import django_filters
from django import forms

from dossiers.guards import AsciiIntegerField, TextField, TextFilter, year_filter
from dossiers.models import AdministrativeArea

from .models import Inspection, ModelKind, ModelResult, ReferralKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionFilter(django_filters.FilterSet):
    nam = year_filter("plan__year")
    co_quan = django_filters.ModelChoiceFilter(
        field_name="plan__office",
        label="Cơ quan kiểm tra",
        queryset=AdministrativeArea.objects.none(),
    )
    don_vi = TextFilter(
        field_name="unit__name", lookup_expr="icontains", label="Tên đơn vị", max_length=100
    )

    class Meta:
        model = Inspection
        fields = []

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.filters["co_quan"].queryset = offices


class PlanForm(forms.Form):
    office = forms.ModelChoiceField(AdministrativeArea.objects.none(), label="Cơ quan kiểm tra")
    year = AsciiIntegerField(label="Năm", min_value=2000, max_value=2100)
    target = AsciiIntegerField(label="Số đơn vị phải kiểm tra", min_value=1, max_value=10000)
    note = TextField(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices


class InspectionForm(forms.Form):
    plan = forms.ModelChoiceField(None, label="Kế hoạch kiểm tra")
    unit_identifier = TextField(required=True, label="Mã đơn vị được kiểm tra", max_length=64)
    inspected_on = forms.DateField(label="Ngày kiểm tra", widget=DATE)
    team = TextField(required=True, label="Thành phần đoàn kiểm tra", max_length=500)

    def __init__(self, *args, plans, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.units = units

    def clean_unit_identifier(self):
        code = self.cleaned_data["unit_identifier"].strip()
        unit = self.units.filter(identifier=code).first()
        if unit is None:
            raise forms.ValidationError(f"Không tìm thấy đơn vị mã “{code}” trong địa bàn.")
        return unit


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label="Loại kiến nghị", choices=ReferralKind.choices)
    content = TextField(
        required=True,
        label="Nội dung kiến nghị",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModelForm(forms.Form):
    name = TextField(required=True, label="Tên mô hình", max_length=255)
    kind = forms.ChoiceField(label="Loại mô hình", choices=ModelKind.choices)
    unit_identifiers = TextField(
        required=True, label="Mã các đơn vị (cách nhau bởi dấu phẩy)", max_length=2000
    )
    established_on = forms.DateField(label="Ngày thành lập", widget=DATE)
    replicated_from = forms.ModelChoiceField(None, label="Nhân rộng từ mô hình", required=False)
    description = TextField(
        label="Nội dung hoạt động",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, models, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replicated_from"].queryset = models
        self.units = units

    def clean_unit_identifiers(self):
        codes = [c.strip() for c in self.cleaned_data["unit_identifiers"].split(",") if c.strip()]
        found = {u.identifier: u for u in self.units.filter(identifier__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                "Không tìm thấy đơn vị mã: " + ", ".join(missing) + " trong địa bàn của bạn."
            )
        if not codes:
            raise forms.ValidationError("Vui lòng nhập ít nhất một mã đơn vị.")
        return list(found.values())


class AssessmentForm(forms.Form):
    year = AsciiIntegerField(label="Năm", min_value=2000, max_value=2100)
    result = forms.ChoiceField(label="Kết quả", choices=ModelResult.choices)
    note = TextField(label="Nhận xét", max_length=500, required=False)


class MonthlyCheckForm(forms.Form):
    area = forms.ModelChoiceField(AdministrativeArea.objects.none(), label="Địa bàn")
    checked_on = forms.DateField(label="Ngày kiểm tra", widget=DATE)
    content = TextField(
        required=True,
        label="Nội dung kiểm tra",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    findings = TextField(
        label="Kết quả, phát hiện",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class CoProposalForm(forms.Form):
    note = TextField(label="Ý kiến của Mặt trận", max_length=1000, required=False)


__all__ = [
    "AssessmentForm",
    "CoProposalForm",
    "InspectionFilter",
    "InspectionForm",
    "ModelForm",
    "MonthlyCheckForm",
    "PlanForm",
    "ReferralForm",
]
