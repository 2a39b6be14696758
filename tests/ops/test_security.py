"""The security headers and cookies, with the values production.py really sets."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.ops.settings_probe import PRODUCTION_ENV, settings_read

pytestmark = pytest.mark.django_db

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture(scope="module")
def production_security() -> dict:
    return settings_read(
        "orbitcms.settings.production", PRODUCTION_SECURITY_SETTINGS, **PRODUCTION_ENV
    )


@pytest.fixture
def production_like(settings, production_security):
    for name, value in production_security.items():
        setattr(settings, name, value)
    return settings


def directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.processes  # production_security reads production.py in another process
def test_plain_http_is_redirected_to_https_except_the_health_check(campaign, production_like):
    response = Client().get("/nl/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/nl/"
    assert Client().get("/healthz").status_code == 200


@pytest.mark.processes  # production_security reads production.py in another process
def test_public_pages_carry_the_security_headers(campaign, production_like):
    response = Client().get("/nl/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.processes  # production_security reads production.py in another process
def test_only_the_admin_may_run_inline_scripts(campaign, production_like, admin_user):
    client = Client()
    client.force_login(admin_user)
    page_editor = client.get(f"/admin/pages/{campaign.pk}/edit/", secure=True)
    assert page_editor.status_code == 200
    assert "'unsafe-inline'" in directives(page_editor["Content-Security-Policy"])["script-src"]
    public = client.get("/nl/", secure=True)
    assert "'unsafe-inline'" not in directives(public["Content-Security-Policy"])["script-src"]


@pytest.mark.processes  # production_security reads production.py in another process
def test_cookies_are_secure_and_out_of_reach_of_scripts(production_like, admin_user):
    client = Client()
    login_form = client.get("/admin/login/", secure=True)
    csrf_cookie = login_form.cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"]
    login = client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": "password"},
        secure=True,
    )
    assert login.status_code == 302
    session_cookie = login.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]


def test_the_admin_login_locks_out_after_five_wrong_passwords(settings, admin_user):
    settings.AXES_ENABLED = True
    client = Client()
    statuses = [
        client.post("/admin/login/", {"username": "admin", "password": "wrong"}).status_code
        for _attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = client.post("/admin/login/", {"username": "admin", "password": "password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked out by it.
    other = Client()
    other.post("/admin/login/", {"username": "someone", "password": "wrong"})
    assert other.post("/admin/login/", {"username": "someone", "password": "x"}).status_code == 200


def test_weak_passwords_are_refused(admin_user):
    for weak in ("short1", "password1234", "123456789012", "admin-admin"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=admin_user)
    validate_password("correct horse battery staple", user=admin_user)
