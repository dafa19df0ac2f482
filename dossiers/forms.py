from django import forms

from .imports import MAX_IMPORT_BYTES


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label="Tệp dữ liệu (.csv hoặc .xlsx)",
        error_messages={"required": "Vui lòng chọn tệp cần nhập."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).")
        return upload
