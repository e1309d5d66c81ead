"""Production settings, headers, escaping of article text everywhere, and what anonymous visitors cannot reach."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from events.models import Meeting
from tests.factories import MeetingFactory
from tests.ingest_helpers import import_text

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 30 + "-production-test-key-0123456789abcdef",
    "ALLOWED_HOSTS": "diplotrack.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def collected_static():
    """Production serves static files by their hashed names, from the manifest `make serve` writes first."""
    result = manage("collectstatic", "--no-input", "-v0", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_is_clean_in_production_settings(collected_static):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE_HTTPS_CLAIM = """
from django.test import Client
response = Client(HTTP_HOST="diplotrack.example.org").get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
print(response.status_code, response.get("Location", ""))
"""


@pytest.mark.parametrize(("behind_proxy", "redirected"), [("", True), ("1", False)])
def test_a_claim_of_https_in_a_header_is_believed_only_behind_a_proxy(behind_proxy, redirected, collected_static):
    env = {**PRODUCTION_ENV, "DIPLOTRACK_BEHIND_PROXY": behind_proxy}
    result = manage("shell", "-c", PROBE_HTTPS_CLAIM, env=env)
    status, _, location = result.stdout.strip().splitlines()[-1].partition(" ")
    assert (status == "301" and location.startswith("https://")) == redirected, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


HOSTILE = """ date 2021-04-08 MOSCOW, April 7 /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Kazakh
Foreign Minister Mukhtar Tleuberdi in Moscow on Wednesday <script>alert('x')</script>
and "><img src=x onerror=alert(1)>.

The ministers discussed <b onmouseover=alert(2)>trade</b> and the CIS."""


def test_hostile_article_text_is_inert_on_every_page_and_in_the_admin(client, reference, admin_client):
    result = import_text(HOSTILE)
    assert result.status == "created", result.message
    meeting = Meeting.objects.get()
    source = meeting.sources.get()
    pages = [
        "/",
        reverse("events:meeting-list"),
        reverse("events:meeting-list") + "?q=alert",
        meeting.get_absolute_url(),
        source.get_absolute_url(),
        reverse("people:person-detail", args=["sergey-lavrov"]),
        reverse("events:timeline"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for dangerous in ("<script>alert", "<img src=x", "<b onmouseover"):
            assert dangerous not in body, (url, dangerous)
    for url in [
        reverse("admin:events_source_change", args=[source.pk]),
        reverse("admin:events_meeting_change", args=[meeting.pk]),
    ]:
        body = admin_client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
    preview = admin_client.post(reverse("admin:events_source_import"), {"text": HOSTILE, "preview": "1"})
    assert "<script>alert" not in preview.content.decode()


def test_anonymous_visitors_reach_no_draft_and_no_admin(client, reference):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title="Unpublished talks")
    assert client.get(draft.get_absolute_url()).status_code == 404
    for url in ["/meetings/?q=Unpublished", "/meetings.csv", "/meetings.json", "/meetings.ics", "/timeline/"]:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Unpublished talks" not in content, url
    for url in ["/admin/", "/admin/events/meeting/", f"/admin/events/meeting/{draft.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
