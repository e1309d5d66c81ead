"""Measure the importer against hand-made annotations (a gold file of articles and the contacts they report).

The metric: a gold event is *core* when it was held, is not of kind "other" and has two participants or more. A
meeting matches a gold event when its date agrees (a gold "YYYY-MM" accepts any day of that month, a gold null any
date) and at least a third of the people agree both ways, surnames compared with spelling tolerance. A match is
*strict* when the city agrees too (former names count as the current one) and two thirds of the people agree both
ways. Meetings from an article that match no gold event are false positives, and so is every meeting from an
article that reports no contact.
"""

import difflib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from events.models import Source

# Gold kinds and the kinds of a meeting that count as right (talks on the sidelines may be told as talks).
KIND_OF = {
    "state visit": {"state_visit"},
    "official visit": {"official_visit"},
    "working visit": {"working_visit"},
    "talks": {"talks"},
    "phone call": {"phone_call"},
    "consultations": {"consultations"},
    "multilateral meeting": {"multilateral", "talks"},
    "ceremony": {"ceremony"},
    "signing": {"ceremony"},
}

# The part of the set kept unread while the importer is worked on: the odd-numbered files of the second batch.
HELD_OUT_RANGES = {"e": (34, 51), "r": (24, 41)}
PARTS = ("read", "held-out")


def is_held_out(filename):
    found = re.fullmatch(r"([a-z])(\d+)\.txt", Path(filename).name)
    if not found or found.group(1) not in HELD_OUT_RANGES:
        return False
    number = int(found.group(2))
    low, high = HELD_OUT_RANGES[found.group(1)]
    return low <= number <= high and number % 2 == 1


def in_part(filename, part):
    return part is None or (part == "held-out") == is_held_out(filename)


# Former and variant names of cities, folded to the current one.
CITY_ALIASES = {
    "nur-sultan": "astana",
    "nursultan": "astana",
    "akmola": "astana",
    "tselinograd": "astana",
    "akmolinsk": "astana",
    "alma-ata": "almaty",
    "oskemen": "ust-kamenogorsk",
}


def fold(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"\s+", " ", text)


def city_key(name):
    key = re.sub(r"\s*\(.*\)$", "", fold(name))
    return CITY_ALIASES.get(key, key)


def surname(name):
    words = fold(name).replace("-", " ").split()
    return words[-1] if words else ""


def same_person(a, b):
    first, second = surname(a), surname(b)
    return first == second or difflib.SequenceMatcher(None, first, second).ratio() >= 0.8


def agreement(gold_people, found_people):
    """(recall, precision) of the people: the share of each side found on the other."""
    hit_gold = sum(1 for g in gold_people if any(same_person(g, f) for f in found_people))
    hit_found = sum(1 for f in found_people if any(same_person(g, f) for g in gold_people))
    recall = hit_gold / len(gold_people) if gold_people else 1.0
    precision = hit_found / len(found_people) if found_people else (1.0 if not gold_people else 0.0)
    return recall, precision


def date_agrees(gold, found):
    if gold is None:
        return True
    if found is None:
        return False
    return found.startswith(gold) if len(gold) < 10 else found == gold


def city_agrees(gold, found):
    return gold is None or (found is not None and city_key(gold) == city_key(found))


def is_core(event):
    return (
        event.get("status", "held") == "held"
        and event.get("kind") != "other"
        and len(event.get("participants", [])) >= 2
    )


def flat(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).casefold().strip()


def source_of(path, sources):
    """The stored Source of an article file: found by a passage from the middle of its text."""
    body = Path(path).read_text(encoding="utf-8", errors="replace")
    body = re.sub(r"\A date \d{4}-\d{2}-\d{2}\n", "", body)  # the file's date line is not part of the stored text
    lines = [line.strip() for line in body.splitlines() if len(line.strip()) > 80]
    probe = flat(lines[len(lines) // 2][10:70] if lines else body.strip()[:60])
    for source, text in sources:
        if probe and probe in text:
            return source
    return None


@dataclass
class Tally:
    tp_strict: int = 0
    tp_loose: int = 0
    fp: int = 0
    fn: int = 0
    distractor_meetings: int = 0
    refused: int = 0
    other_found: int = 0
    other_total: int = 0
    fields: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list = field(default_factory=list)

    @property
    def gold_core(self):
        return self.tp_loose + self.fn

    def f1(self, tp):
        if not self.gold_core + self.fp:
            return 1.0
        return 2 * tp / (2 * tp + self.fp + (self.gold_core - tp))


def meeting_facts(meeting):
    people = [p.person.name if p.person_id else p.name_as_written for p in meeting.participants.all()]
    place = meeting.place.name if meeting.place_id else None
    return (meeting.date.isoformat() if meeting.date else None), place, people


def evaluate(gold_path, articles_dir, language=None, part=None):
    """Score what the database holds against the gold file; returns a dict of figures and the misses.

    ``part`` limits the score to the files read while working on the importer ("read") or to those kept unread
    ("held-out"); the misses of the held-out part are counted, never listed, so that it stays unread."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    sources = [(s, flat(f"{s.title} {s.text}")) for s in Source.objects.only("id", "title", "text")]
    tally = Tally()
    matched = {}
    for article in gold:
        if language and article.get("language", "en") != language:
            continue
        if not in_part(article["file"], part):
            continue
        source = source_of(Path(articles_dir) / article["file"], sources)
        if source is None:
            tally.refused += 1
        meetings = (
            list(source.meetings.prefetch_related("participants__person").select_related("place")) if source else []
        )
        if not article["relevant"]:
            tally.distractor_meetings += len(meetings)
            tally.fp += len(meetings)
            for meeting in meetings:
                tally.misses.append(f"{article['file']} reports no contact, yet gave: {meeting}")
            continue
        facts = {m.pk: meeting_facts(m) for m in meetings}
        meetings_by_pk = {m.pk: m for m in meetings}
        used = set()
        for index, event in enumerate(article["events"]):
            best, best_score = None, 0
            for pk, (day, _, people) in facts.items():
                if pk in used or not date_agrees(event.get("date"), day):
                    continue
                recall, precision = agreement(event.get("participants", []), people)
                if recall >= 0.34 and precision >= 0.34 and recall + precision > best_score:
                    best, best_score = pk, recall + precision
            if event.get("kind") == "other" and event.get("status", "held") == "held" and event.get("participants"):
                tally.other_total += 1
                tally.other_found += best is not None
                if best is None:
                    tally.misses.append(f"{article['file']}#{index} other kind missed: {event.get('participants')}")
            if best is None:
                if is_core(event):
                    tally.fn += 1
                    tally.misses.append(
                        f"{article['file']}#{index} missed: {event.get('date')} {event.get('participants')}"
                    )
                continue
            used.add(best)
            matched[(article["file"], index)] = best
            if not is_core(event):
                continue
            day, place, people = facts[best]
            recall, precision = agreement(event.get("participants", []), people)
            checks = {
                "date": date_agrees(event.get("date"), day),
                "place": city_agrees(event.get("city"), place),
                "participants": recall >= 0.66 and precision >= 0.66,
            }
            for name, ok in checks.items():
                tally.fields[name][0] += ok
                tally.fields[name][1] += 1
            kind = meetings_by_pk[best].kind
            if event.get("kind", "").lower() in KIND_OF:
                right = kind in KIND_OF[event["kind"].lower()]
                tally.fields["kind"][0] += right
                tally.fields["kind"][1] += 1
                if not right:
                    tally.misses.append(f"{article['file']}#{index} kind {event['kind']} → {kind}")
            if event.get("status") in ("held", "planned"):
                tally.fields["stage"][0] += meetings_by_pk[best].stage == event["status"]
                tally.fields["stage"][1] += 1
            tally.tp_loose += 1
            if all(checks.values()):
                tally.tp_strict += 1
            else:
                tally.misses.append(
                    f"{article['file']}#{index} partly: date {event.get('date')} → {day}; place {event.get('city')} → "
                    f"{place}; people {event.get('participants')} → {people}"
                )
        for pk in set(facts) - used:
            tally.fp += 1
            day, place, people = facts[pk]
            tally.misses.append(f"{article['file']} extra meeting: {day} {place} {people}")
    groups_path = Path(gold_path).with_name("same_meetings.json")
    groups = json.loads(groups_path.read_text(encoding="utf-8")) if groups_path.exists() else []
    evaluated = {
        a["file"] for a in gold if (not language or a.get("language", "en") == language) and in_part(a["file"], part)
    }
    groups = [g for g in groups if all(name in evaluated for name, _ in g)]
    merged = 0
    for group in groups:
        found = [matched.get((name, index)) for name, index in group]
        if len(set(found)) == 1 and found[0] is not None:
            merged += 1
        elif part != "held-out" and not any(is_held_out(name) for name, _ in group):
            told = ", ".join(
                f"{name}#{index} → {pk or 'nothing'}" for (name, index), pk in zip(group, found, strict=True)
            )
            tally.misses.append(f"one contact, not merged (meeting ids): {told}")
    return {
        "lang": language or "all",
        "part": part or "all",
        "gold_core_events": tally.gold_core,
        "tp_strict": tally.tp_strict,
        "tp_loose": tally.tp_loose,
        "fp": tally.fp,
        "fn": tally.fn,
        "f1_strict": round(tally.f1(tally.tp_strict), 3),
        "f1_loose": round(tally.f1(tally.tp_loose), 3),
        "distractor_meetings": tally.distractor_meetings,
        "articles_refused": tally.refused,
        "field_accuracy": {name: f"{ok}/{total}" for name, (ok, total) in tally.fields.items()},
        "same_meeting_groups_merged": f"{merged}/{len(groups)}",
        "other_kinds_found": f"{tally.other_found}/{tally.other_total}",
        "misses": tally.misses if part != "held-out" else [],
    }


def languages_in(gold_path):
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    return sorted({article.get("language", "en") for article in gold})
