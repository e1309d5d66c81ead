"""gunicorn as `make serve` runs it: a claim of HTTPS in a forwarded header is believed only behind a proxy."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_security import PRODUCTION_ENV

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serve():
    started = []

    def start(**env):
        port = free_port()
        command = [str(GUNICORN), "diplotrack.wsgi", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
        environment = {**os.environ, **PRODUCTION_ENV, **env}
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        started.append(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.2)
        pytest.fail("gunicorn did not start")

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def claim_https(port):
    """A plain HTTP request from this machine that says, in its headers, it came over HTTPS."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "diplotrack.example.org", "X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on"}
    connection.request("GET", "/no-such-page/", headers=headers)
    response = connection.getresponse()
    return response.status, response.getheader("Location") or ""


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")
@pytest.mark.parametrize(
    ("env", "redirected"),
    [
        ({"DIPLOTRACK_BEHIND_PROXY": ""}, True),
        ({"DIPLOTRACK_BEHIND_PROXY": "", "FORWARDED_ALLOW_IPS": "*"}, True),
        ({"DIPLOTRACK_BEHIND_PROXY": "1"}, False),
    ],
    ids=["served-directly", "served-directly-whatever-gunicorn-is-told", "behind-a-proxy"],
)
def test_gunicorn_believes_a_forwarded_https_claim_only_behind_a_proxy(serve, env, redirected):
    status, location = claim_https(serve(**env))
    assert (status == 301 and location.startswith("https://")) == redirected, (status, location)
