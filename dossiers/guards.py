"""The guards on what users type, in one place, for every form and list filter: numbers in
ASCII digits only (Python's int() also reads "２０２６" and "٢٠٢٦") and within the range the
database stores, ids each chosen once, text within its length and without NUL bytes
(PostgreSQL refuses them). A list whose filter is bad shows an empty page and a message,
never a 500 and never a wider list."""

import django_filters
from django import forms
from django.contrib import messages
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.http import urlencode

MAX_ID = 2**63 - 1  # BigAutoField (DEFAULT_AUTO_FIELD)
MAX_TEXT = 2000
NOT_DIGITS = "Vui lòng nhập số nguyên, chỉ gồm các chữ số 0–9."
NUL_MESSAGE = "Nội dung có ký tự không hợp lệ (NUL)."
BAD_FILTER = "Điều kiện lọc không hợp lệ: {errors} Danh sách để trống."


def ascii_digits(raw) -> bool:
    return isinstance(raw, str) and raw.isascii() and raw.isdigit()


class AsciiIntegerField(forms.IntegerField):
    """A whole number typed in ASCII digits, between min_value and max_value."""

    default_error_messages = {
        "invalid": NOT_DIGITS,
        "min_value": "Giá trị phải từ %(limit_value)s trở lên.",
        "max_value": "Giá trị không được lớn hơn %(limit_value)s.",
    }

    def __init__(self, *, min_value=0, max_value=MAX_ID, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value and not ascii_digits(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if len(value) > len(str(self.max_value)) + 1:  # int() of 5,000 digits raises
                raise ValidationError(
                    self.error_messages["max_value"],
                    code="max_value",
                    params={"limit_value": self.max_value},
                )
        return super().to_python(value)


class TextField(forms.CharField):
    """Free text within max_length (MAX_TEXT unless told), without NUL bytes."""

    def __init__(self, *, max_length=MAX_TEXT, required=False, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"max_length": "Tối đa %(limit_value)d ký tự (đã nhập %(show_value)d ký tự)."},
        )
        super().__init__(max_length=max_length, required=required, **kwargs)
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.ProhibitNullCharactersValidator)
        ]
        self.validators.append(validators.ProhibitNullCharactersValidator(message=NUL_MESSAGE))


class IdListField(forms.Field):
    """Ids chosen on a page (checkboxes of one name): ASCII digits, in the id range, each
    once. Which ids may be chosen is the form's business (`IdChoiceForm`)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": "Mục đã chọn không hợp lệ.",
        "range": "Mục đã chọn không tồn tại.",
        "duplicate": "Mỗi mục chỉ được chọn một lần.",
    }

    def __init__(self, *, required=False, **kwargs):
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids = []
        for raw in value:
            raw = str(raw).strip()
            if not ascii_digits(raw):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if len(raw) > 19 or not 1 <= int(raw) <= MAX_ID:
                raise ValidationError(self.error_messages["range"], code="range")
            if int(raw) in ids:
                raise ValidationError(self.error_messages["duplicate"], code="duplicate")
            ids.append(int(raw))
        return ids


class AsciiNumberFilter(django_filters.NumberFilter):
    field_class = AsciiIntegerField


class TextFilter(django_filters.CharFilter):
    field_class = TextField


class GuardedChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose error speaks Vietnamese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid_choice": "Lựa chọn không hợp lệ."})
        super().__init__(*args, **kwargs)


def year_filter(field_name):
    return AsciiNumberFilter(field_name=field_name, min_value=1900, max_value=2100, label="Năm")


def query_names(filterset_class, **names):
    """Give filters the query-string names of the pages ("trang-thai"), which are not
    Python identifiers."""
    for attribute, name in names.items():
        filterset_class.base_filters[name] = filterset_class.base_filters.pop(attribute)


class FilteredListMixin:
    """A ListView filtered by `filterset_class` over its scoped `base_queryset()`:
    filtering narrows the scoped list, never widens it; bad input gives an empty page
    and a message per field."""

    filterset_class = None

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        base = self.base_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base)
        return filtered(self.request, self.filterset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            typed=typed_in(self.filterset),
            query=query_of(self.filterset),
            **kwargs,
        )


def filtered(request, filterset):
    """The filterset's queryset, or none of it (with a message) when the filter is bad."""
    if not filterset.is_bound or filterset.is_valid():
        return filterset.qs
    errors = " ".join(
        f"{filterset.form.fields[name].label or name}: {' '.join(errs)}"
        for name, errs in filterset.form.errors.items()
    )
    messages.error(request, BAD_FILTER.format(errors=errors))
    return filterset.queryset.none()


def typed_in(filterset) -> dict:
    """What was typed in each filter, to show it again ("trang-thai" → typed.trang_thai)."""
    form = filterset.form
    return {name.replace("-", "_"): form[name].value() or "" for name in form.fields}


def query_of(filterset) -> str:
    """The valid filter values as a query string, for the pagination links."""
    if not filterset.is_bound or not filterset.is_valid():
        return ""
    data = {k: v for k, v in filterset.form.data.items() if k in filterset.filters and v}
    return urlencode(data)
