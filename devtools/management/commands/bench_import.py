import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from devtools.benchmarks import report
from devtools.pathological import shapes
from devtools.synthetic import generate
from events.ingest import Importer
from events.models import Meeting


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Benchmark the article importer on generated articles, in English and in Russian: articles per second, and "
        "how many of the generated contacts it recovers; then the slowest of a set of oddly shaped articles at the "
        "size limit. Everything it writes is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="Generated articles per language.")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--output", default="bench-results/import.json", help="Where to write the figures.")

    def handle(self, *args, articles, seed, output, **options):
        importer = Importer()
        rows, figures = [], {"database": connection.vendor, "articles": articles}
        for language, name in (("en", "English"), ("ru", "Russian")):
            corpus = generate(articles, seed=seed, language=language)
            importer.import_text(corpus[0].text)  # warm up the date parser and the morphology outside the timing
            elapsed, results, scores = self.run(importer, corpus)
            rate = len(corpus) / elapsed
            figures[language] = {
                "seconds": round(elapsed, 2),
                "articles per second": round(rate, 1),
                "failed": sum(r.status == "failed" for r in results),
                **{key: round(value, 3) for key, value in scores.items()},
            }
            rows += [
                (f"{name}: articles", f"{len(corpus)} in {elapsed:.2f} s"),
                (f"{name}: articles per second", f"{rate:.1f}"),
                (f"{name}: contact F1 (date, place, participants)", f"{scores['f1']:.3f}"),
                (f"{name}: meetings from other country pairs", f"{scores['false_pairs']}"),
            ]
        # Backwards-compatible headline figures: the English run.
        figures.update({key: figures["en"][key] for key in ("articles per second", "f1", "failed")})
        worst = self.pathological(settings.DIPLOTRACK_MAX_ARTICLE_BYTES)
        figures["pathological"] = worst
        slowest = max(worst, key=lambda row: row["seconds"])
        figures["pathological worst seconds"] = slowest["seconds"]
        rows += [(f"odd shape: {row['shape']}", f"{row['seconds']:.2f} s, {row['status']}") for row in worst]
        report(self.stdout, rows, output=output, figures=figures)

    def run(self, importer, corpus):
        try:
            with transaction.atomic():
                Meeting.objects.all().delete()
                start = time.perf_counter()
                results = [
                    importer.import_text(article.text, filename=f"synthetic-{n}") for n, article in enumerate(corpus)
                ]
                elapsed = time.perf_counter() - start
                scores = self.score(corpus, results)
                raise Rollback
        except Rollback:
            pass
        return elapsed, results, scores

    def pathological(self, size):
        """Each odd shape imported (and rolled back) once: seconds and outcome."""
        importer = Importer(dry_run=True)
        found = []
        for shape, text in shapes(size).items():
            start = time.perf_counter()
            result = importer.import_text(text, filename=shape)
            found.append({"shape": shape, "seconds": round(time.perf_counter() - start, 2), "status": result.status})
        return found

    def score(self, corpus, results):
        expected, found, false_pairs = 0, 0, 0
        correct = 0
        for article, result in zip(corpus, results, strict=True):
            meetings = result.created + result.merged
            if article.date is None:
                false_pairs += len(meetings)
                found += len(meetings)
                continue
            expected += 1
            found += len(meetings)
            for meeting in meetings:
                people = {p.person.slug for p in meeting.participants.select_related("person")}
                place = meeting.place.name if meeting.place else None
                if meeting.date == article.date and place == article.place and people == article.people:
                    correct += 1
                    break
        precision = correct / found if found else 0.0
        recall = correct / expected if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "false_pairs": false_pairs}
