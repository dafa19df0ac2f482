"""The lock-out counts failures per client, not per proxy (issue 12): behind the trusted
TLS proxy the client's address comes from X-Forwarded-For, as many places from the right as
there are trusted proxies; without a configured proxy the header is ignored (a client could
forge it) and the connection's address counts."""

import importlib
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from accounts.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"
PROXY = "10.0.0.2"


def _post(client, password, forwarded=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": "canbo", "password": password}, **headers)


def _lock_out(client, forwarded=None):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "sai", forwarded)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, None, PROXY),
        (0, "203.0.113.5", PROXY),  # no trusted proxy: the header is the client's own word
        (1, None, PROXY),  # did not pass the proxy: the connection counts
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # a forged left entry is ignored
        (2, "198.51.100.1, 203.0.113.5", "198.51.100.1"),
        (1, "not-an-address", PROXY),
    ],
)
def test_client_ip_from_the_trusted_proxy_header(settings, count, forwarded, expected):
    settings.AXES_IPWARE_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": PROXY} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_behind_the_proxy_one_client_locked_out_does_not_lock_out_another(settings, client):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    UserFactory(username="canbo")
    _lock_out(client, forwarded="203.0.113.5")
    assert _post(client, PASSWORD, forwarded="203.0.113.5").status_code == 429
    other = _post(client, PASSWORD, forwarded="198.51.100.7")
    assert other.status_code == 302 and "_auth_user_id" in client.session


def test_without_a_configured_proxy_the_header_cannot_dodge_the_lock_out(settings, client):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    UserFactory(username="canbo")
    _lock_out(client, forwarded="203.0.113.5")
    assert _post(client, PASSWORD, forwarded="198.51.100.7").status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("env", "expected"), [({}, 1), ({"AXES_PROXY_COUNT": "2"}, 2)])
def test_production_trusts_the_configured_proxies(monkeypatch, env, expected):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "antt.example.vn")
    monkeypatch.delenv("AXES_PROXY_COUNT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("config.settings.production", None)
    production = importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)
    assert production.AXES_CLIENT_IP_CALLABLE == "accounts.client_ip.client_ip"
    assert production.AXES_IPWARE_PROXY_COUNT == expected
