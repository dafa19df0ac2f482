import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def test_login_page_speaks_vietnamese(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    for text in ("Đăng nhập hệ thống", "Tên đăng nhập", "Mật khẩu"):
        assert text in html
    assert "Username" not in html and "Password" not in html


def test_login_then_home_is_my_inbox(client):
    UserFactory(username="canbo")
    response = client.post(
        reverse("login"), {"username": "canbo", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("inbox")
    assert "Việc của tôi" in response.content.decode()


def test_wrong_password_message_in_vietnamese_keeps_the_username(client):
    UserFactory(username="canbo")
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="canbo"' in html


def test_repeated_failures_lock_the_account_even_with_the_right_password(client):
    UserFactory(username="canbo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_password_validators_refuse_weak_passwords():
    with pytest.raises(ValidationError) as error:
        validate_password("12345678")
    assert error.value.messages


def test_logout_returns_to_login(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
