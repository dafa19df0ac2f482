"""Hồ sơ cá nhân: a user changes their own e-mail address and password (issue 13)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def test_a_user_sets_their_email_address(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("profile"), {"email": "canbo@congan.gov.vn"}, follow=True)
    assert "Đã lưu địa chỉ thư điện tử." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "canbo@congan.gov.vn"


def test_a_bad_address_is_refused_in_vietnamese_and_kept_as_typed(client):
    user = UserFactory(email="cu@antt.local")
    client.force_login(user)
    html = client.post(reverse("profile"), {"email": "khong-phai-dia-chi"}).content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ" in html
    assert 'value="khong-phai-dia-chi"' in html
    user.refresh_from_db()
    assert user.email == "cu@antt.local"


def test_nobody_changes_another_users_address():
    with pytest.raises(PermissionDenied):
        services.email_set(acting_user=UserFactory(), user=UserFactory(), email="x@y.vn")


def test_a_user_changes_their_password_in_vietnamese(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("password-change")
    page = client.get(url).content.decode()
    assert "Mật khẩu hiện tại" in page and "Nhập lại mật khẩu mới" in page
    wrong = client.post(
        url, {"old_password": "sai", "new_password1": "x", "new_password2": "x"}
    ).content.decode()
    assert "Mật khẩu hiện tại không đúng" in wrong
    new = "Binh-Minh-2026-antt"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.url == reverse("profile")
    user.refresh_from_db()
    assert user.check_password(new)


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and "/dang-nhap/" in response.url
