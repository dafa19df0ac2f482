"""The dashboard's filters and the report form, with Vietnamese errors and the guards of
`dossiers.guards` on what users type."""

import datetime

from django import forms

from dossiers.guards import AsciiIntegerField, TextField
from dossiers.models import UnitKind

from .models import ReportPeriod

CHOICE_ERRORS = {"invalid_choice": "Lựa chọn không hợp lệ.", "required": "Vui lòng chọn."}


class DashboardFilter(forms.Form):
    """Cycle, kind of unit, commune: each within what the user may count."""

    dot = forms.ModelChoiceField(
        queryset=None, required=False, label="Đợt", empty_label=None, error_messages=CHOICE_ERRORS
    )
    loai = forms.ChoiceField(
        choices=[("", "Mọi loại đơn vị"), *UnitKind.choices],
        required=False,
        label="Loại đơn vị",
        error_messages=CHOICE_ERRORS,
    )
    dia_ban = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Xã, phường",
        empty_label="Toàn bộ địa bàn",
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, data, *, cycles, communes):
        super().__init__(data)
        self.fields["dot"].queryset = cycles
        self.fields["dia_ban"].queryset = communes
        self.fields["dia-ban"] = self.fields.pop("dia_ban")  # the lists' query name


class ReportForm(forms.Form):
    period = forms.ChoiceField(
        choices=ReportPeriod.choices, label="Kỳ báo cáo", error_messages=CHOICE_ERRORS
    )
    year = AsciiIntegerField(min_value=2000, max_value=2100, label="Năm")
    issuer = forms.ModelChoiceField(
        queryset=None, label="Cơ quan báo cáo", empty_label=None, error_messages=CHOICE_ERRORS
    )
    issuing_body = TextField(max_length=255, required=True, label="Tên cơ quan ban hành")
    signer_name = TextField(max_length=200, required=True, label="Người ký")
    signer_title = TextField(max_length=200, required=True, label="Chức vụ người ký")

    def __init__(self, *args, offices, **kwargs):
        kwargs.setdefault("initial", {"year": datetime.date.today().year})
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = offices
