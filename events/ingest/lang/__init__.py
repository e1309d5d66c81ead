"""What belongs to one language: cue words, title patterns, datelines, date shapes, case forms.

Each module here exposes the same names; the pipeline's steps (read → extract → resolve → merge) are shared
and ask ``for_text`` which module reads a given article. Adding a language means adding a module and its tests.
"""

import re

from events.ingest.lang import en, ru

MODULES = {en.CODE: en, ru.CODE: ru}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def detect(text, sample=20_000):
    """'ru' when Cyrillic letters outnumber Latin ones in the article's opening, else 'en'."""
    head = text[:sample]
    return ru.CODE if len(_CYRILLIC.findall(head)) > len(_LATIN.findall(head)) else en.CODE


def get(code):
    return MODULES.get(code, en)
