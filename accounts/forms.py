from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form, with Vietnamese labels and messages and the request passed to
    the backends so django-axes can count failures."""

    username = forms.CharField(
        label="Tên đăng nhập", widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sau nhiều lần sai, "
        "tài khoản sẽ bị tạm khóa.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
    }


class EmailForm(forms.Form):
    """Hồ sơ cá nhân: the address notifications are sent to (empty: no e-mail)."""

    email = forms.EmailField(
        label="Địa chỉ thư điện tử",
        required=False,
        max_length=254,
        help_text="Thông báo được gửi tới địa chỉ này theo tùy chọn nhận thông báo của bạn.",
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@donvi.gov.vn)."},
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's password change, its labels in Vietnamese whatever the locale files hold."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "Mật khẩu hiện tại không đúng. Vui lòng nhập lại.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không khớp.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password1"].help_text = (
            "Ít nhất 8 ký tự, không quá giống thông tin cá nhân, không phải mật khẩu phổ biến, "
            "không chỉ gồm chữ số."
        )
