"""Which outlet an article comes from: by the marker of its dateline or byline, or by the address of its page."""

import json
import urllib.parse
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "fixtures" / "reference" / "outlets.json"


class Outlets:
    """The outlets as reference data names them: ``named('KAZINFORM')`` and ``for_address('https://en.inform.kz/…')``
    both give 'Kazinform'."""

    def __init__(self, rows):
        self.markers, self.domains, self.countries = {}, [], {}
        for name, markers, domains, country in rows:
            self.countries[name] = country or ""
            for marker in [name, *markers]:
                self.markers.setdefault(" ".join(marker.lower().split()), name)
            for domain in domains:
                host, _, path = domain.lower().removeprefix("www.").partition("/")
                self.domains.append((host, "/" + path if path else "", name))
        # The most specific first: a domain with a path before the bare domain.
        self.domains.sort(key=lambda row: (-len(row[1]), -len(row[0])))

    @classmethod
    def from_database(cls):
        """The outlets in the database, or the reference file's when the table is empty."""
        from events.models import Outlet

        rows = list(Outlet.objects.values_list("name", "markers", "domains", "country__code"))
        return cls(rows) if rows else cls.reference()

    @staticmethod
    @cache
    def reference():
        """The reference file's outlets: for reading articles without a database."""
        rows = json.loads(REFERENCE.read_text(encoding="utf-8"))
        return Outlets(
            [
                (f["name"], f["markers"], f["domains"], (f.get("country") or [""])[0])
                for f in (row["fields"] for row in rows)
            ]
        )

    def named(self, text):
        """The outlet a dateline or byline marker stands for ('ТАСС', 'Kazinform'), or ''."""
        return self.markers.get(" ".join(text.lower().split()), "")

    def country_of(self, name):
        """The code of the country an outlet reports from ('KZ' for Kazinform), or '' when unknown."""
        return self.countries.get(name, "")

    def for_address(self, url):
        """The outlet whose domain serves ``url`` (a subdomain counts: en.inform.kz is inform.kz), or ''."""
        parts = urllib.parse.urlsplit(url or "")
        host = (parts.hostname or "").removeprefix("www.")
        path = parts.path.lower()
        for domain, prefix, name in self.domains:
            if (host == domain or host.endswith("." + domain)) and path.startswith(prefix):
                return name
        return ""
