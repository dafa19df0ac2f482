"""Forms of the self-assessment page (Circular 124, Art. 9 cl. 1 a, c): an answer per
criterion, the sub-unit figures (Art. 6 cl. 5, Art. 7 cl. 6) and the evaluation meeting by
seat. They check what was typed; the services decide (`services.unit_head`,
`services.meeting`)."""

from django import forms

from dossiers.guards import AsciiIntegerField, TextField
from dossiers.reference.meeting_seats import seats_for

from .forms import KeyedForm, yes_no
from .services.meeting import MAX_TEXT as MAX_NAME

MAX_EXPLANATION = 5000
SUB_UNITS_INVALID = "Số đầu mối phải là số nguyên không âm."


class AnswerForm(KeyedForm):
    """The unit's answer on one criterion: met or not, and an explanation (met_12,
    explanation_12)."""

    met = forms.TypedChoiceField(
        choices=[("1", "Đạt"), ("0", "Chưa đạt")],
        coerce=yes_no,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Vui lòng chọn “Đạt” hoặc “Chưa đạt”."},
    )
    explanation = TextField(label="Giải trình", max_length=MAX_EXPLANATION)

    def answer(self) -> tuple:
        return self.cleaned_data["met"], self.cleaned_data["explanation"]


def _count():
    return AsciiIntegerField(
        required=False,
        max_value=1_000_000,
        error_messages={"invalid": SUB_UNITS_INVALID, "min_value": SUB_UNITS_INVALID},
    )


class SubUnitsForm(forms.Form):
    """(sub-units, sub-units rated): the figures of Art. 6 cl. 5 / Art. 7 cl. 6."""

    sub_units_total = _count()
    sub_units_rated = _count()

    def figures(self) -> tuple:
        return self.cleaned_data["sub_units_total"], self.cleaned_data["sub_units_rated"]


class MeetingForm(forms.Form):
    """The meeting's date (meeting-held_on)."""

    held_on = forms.DateField(
        required=False, error_messages={"invalid": "Ngày họp đánh giá không hợp lệ."}
    )


class AttendeeForm(forms.Form):
    """Who sat in one seat (meeting-<seat>-name, meeting-<seat>-position)."""

    name = TextField(label="Họ và tên", max_length=MAX_NAME, strip=False)
    position = TextField(label="Chức vụ", max_length=MAX_NAME, strip=False)


def meeting_forms(data, unit_kind):
    """The meeting form and a form per seat, or None when the page did not post them."""
    seats = seats_for(unit_kind)
    if not seats or data is None or "meeting-held_on" not in data:
        return None
    return MeetingForm(data, prefix="meeting"), {
        s.code: AttendeeForm(data, prefix=f"meeting-{s.code}") for s in seats
    }


def form_errors(form, label="") -> list[str]:
    """A form's errors as sentences for the page and the autosave answer."""
    head = f"{label}: " if label else ""
    return [f"{head}{e}" for errors in form.errors.values() for e in errors]
