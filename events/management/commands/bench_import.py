import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from events.benchmarks import report
from events.ingest import Importer
from events.ingest.synthetic import generate
from events.models import Meeting


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Benchmark the article importer on generated articles: articles per second, and how many of the "
        "generated contacts it recovers. Everything it writes is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--output", default="bench-results/import.json", help="Where to write the figures.")

    def handle(self, *args, articles, seed, output, **options):
        corpus = generate(articles, seed=seed)
        importer = Importer()
        importer.import_text(corpus[0].text)  # warm up dateparser's caches outside the timing
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
        rate = len(corpus) / elapsed
        rows = [
            ("articles", f"{len(corpus)}"),
            ("seconds", f"{elapsed:.2f}"),
            ("articles per second", f"{rate:.1f}"),
            ("failed", f"{sum(r.status == 'failed' for r in results)}"),
            ("contact precision", f"{scores['precision']:.3f}"),
            ("contact recall", f"{scores['recall']:.3f}"),
            ("contact F1 (date, place, participants)", f"{scores['f1']:.3f}"),
            ("meetings from other country pairs", f"{scores['false_pairs']}"),
        ]
        figures = {
            "database": connection.vendor,
            "articles": len(corpus),
            "seconds": round(elapsed, 2),
            "articles per second": round(rate, 1),
            "failed": sum(r.status == "failed" for r in results),
            **{key: round(value, 3) for key, value in scores.items()},
        }
        report(self.stdout, rows, output=output, figures=figures)

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
