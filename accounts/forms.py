from django import forms
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
