"""gunicorn's settings for `make serve` (gunicorn also reads this file by itself when started in this folder).

gunicorn believes X-Forwarded-Proto and its like from the addresses in ``forwarded_allow_ips``, by default
127.0.0.1 and ::1, and then tells Django the request came over HTTPS. Served directly, a client on the machine
could claim HTTPS that way and skip the redirect; so the headers are believed only where the site believes them,
behind a proxy (DIPLOTRACK_BEHIND_PROXY=1), and from the proxy's addresses (FORWARDED_ALLOW_IPS, by default the
proxy on this machine).
"""

import os


def _on(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


if _on("DIPLOTRACK_BEHIND_PROXY"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}  # nor from a Unix socket, which gunicorn would trust whatever the list says
