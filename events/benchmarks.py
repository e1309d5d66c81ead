"""Shared by the benchmark commands: one way to print and keep their figures."""

import json
from pathlib import Path


def report(stdout, rows, heading="measure", output=None):
    """Print (label, value) rows as a two-column table; write them to ``output`` as JSON if given."""
    width = max(len(label) for label, _ in [(heading, ""), *rows])
    stdout.write(f"{heading:<{width}}  value")
    for label, value in rows:
        stdout.write(f"{label:<{width}}  {value}")
    if output:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dict(rows), indent=2) + "\n")
