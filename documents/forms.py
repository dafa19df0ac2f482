"""The draft's fields (the committee's staff) and the upload boxes (the administrator's
certificate, anyone's PDF to check)."""

from django import forms

from workflows.recognition.forms import DecisionFieldsForm

from . import signing
from .services import signers_of

MAX_CHECK_BYTES = 20 * 1024 * 1024


class SignerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return " — ".join(part for part in (user.get_full_name(), user.position) if part)


class DraftFieldsForm(DecisionFieldsForm):
    """The decision's fields less its date and signer's name: a draft has no number and
    no date (both fixed when the signer signs), and names its signer among the issuer's."""

    issued_on = None
    signer_name = None
    signer = SignerChoice(
        label="Người ký",
        queryset=None,
        empty_label="— Chọn lãnh đạo ký —",
        error_messages={
            "required": "Vui lòng chọn người ký.",
            "invalid_choice": "Người ký không thuộc lãnh đạo của cơ quan ban hành.",
        },
    )
    field_order = ["signer", "signer_title", "authority", "summary"]

    def __init__(self, data=None, *, issuer=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["signer"].queryset = signers_of(issuer) if issuer else signers_of(None).none()


class CertificateUploadForm(forms.Form):
    pkcs12 = forms.FileField(
        label="Tệp chứng thư số (.p12, .pfx)",
        error_messages={"required": "Vui lòng chọn tệp PKCS#12."},
    )
    passphrase = forms.CharField(
        label="Mật khẩu của tệp",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12")
        if upload is not None:
            cleaned["data"] = upload.read()
            try:
                cleaned["facts"] = signing.read_pkcs12(cleaned["data"], cleaned["passphrase"])
            except signing.DomainError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return cleaned


class CheckUploadForm(forms.Form):
    pdf = forms.FileField(
        label="Tệp PDF nhận được",
        error_messages={
            "required": "Vui lòng chọn tệp PDF cần kiểm tra.",
            "empty": "Tệp đã chọn không có nội dung.",
        },
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_CHECK_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).")
        return upload
