import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.ingest.evaluation import PARTS, evaluate, languages_in


class Command(BaseCommand):
    help = (
        "Measure the importer: import ARTICLES_DIR into a throwaway SQLite database (the real one is untouched) "
        "and score the result against GOLD.json, per language: precision and recall as F1 (strict and loose), "
        "per-field accuracy, meetings from articles that report no contact, merged groups, refused articles, "
        "and one line per miss."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", help="The annotations: a JSON list of articles and the contacts they report.")
        parser.add_argument("articles", help="The folder of article files the annotations describe.")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON, without the misses.")
        parser.add_argument("--score-only", action="store_true", help="Score the database as it is; import nothing.")
        parser.add_argument(
            "--save",
            default="",
            help="Also write the figures, with today's date, to this JSON file (the about page shows "
            "events/data/evaluation.json).",
        )

    def handle(self, *args, gold, articles, score_only, save, **options):
        as_json = options["json"]
        if not Path(gold).is_file():
            raise CommandError(f"{gold}: no such annotations file.")
        if not Path(articles).is_dir():
            raise CommandError(f"{articles}: no such folder.")
        if score_only:
            return self.score(gold, articles, as_json=as_json)
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'evaluation.sqlite3'}"}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            for step in (["migrate", "--no-input", "-v0"], ["load_reference"]):
                subprocess.run([*manage, *step], env=env, check=True, stdout=subprocess.DEVNULL)
            imported = subprocess.run(
                [*manage, "import_articles", articles], env=env, capture_output=True, text=True, check=False
            )
            for line in imported.stdout.splitlines():
                if line.startswith("failed"):
                    self.stdout.write(line)
            scored = [*manage, "evaluate_import", gold, articles, "--score-only", *(["--json"] if as_json else [])]
            result = subprocess.run(scored, env=env, capture_output=True, text=True, check=False)
            self.stdout.write(result.stdout, ending="")
            if result.returncode:
                raise CommandError(
                    result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "scoring failed"
                )
            if save:
                figures = subprocess.run(
                    [*manage, "evaluate_import", gold, articles, "--score-only", "--json"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                measured = {"measured": datetime.date.today().isoformat(), "results": json.loads(figures.stdout)}
                Path(save).write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
                self.stdout.write(f"Figures written to {save}.")

    def score(self, gold, articles, as_json=False):
        results = [
            evaluate(gold, articles, code, part) for code in [*languages_in(gold), None] for part in (*PARTS, None)
        ]
        if as_json:
            self.stdout.write(json.dumps([{k: v for k, v in r.items() if k != "misses"} for r in results]))
            return
        # Only the misses of the part that is read: the held-out part is scored and never shown.
        for line in next(r for r in results if r["lang"] == "all" and r["part"] == "read")["misses"]:
            self.stdout.write(f"  {line}")
        columns = [
            ("language", "lang"),
            ("part", "part"),
            ("core events", "gold_core_events"),
            ("strict TP", "tp_strict"),
            ("loose TP", "tp_loose"),
            ("FP", "fp"),
            ("FN", "fn"),
            ("F1 strict", "f1_strict"),
            ("F1 loose", "f1_loose"),
            ("date", None),
            ("place", None),
            ("people", None),
            ("kind", None),
            ("held/planned", None),
            ("other kinds", "other_kinds_found"),
            ("from unrelated", "distractor_meetings"),
            ("merged groups", "same_meeting_groups_merged"),
            ("refused", "articles_refused"),
        ]
        rows = []
        for result in results:
            fields = result["field_accuracy"]
            extra = {
                "date": fields.get("date", "-"),
                "place": fields.get("place", "-"),
                "people": fields.get("participants", "-"),
                "kind": fields.get("kind", "-"),
                "held/planned": fields.get("stage", "-"),
            }
            rows.append([str(result[key]) if key else extra[label] for label, key in columns])
        header = [label for label, _ in columns]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
