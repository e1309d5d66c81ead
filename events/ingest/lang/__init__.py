"""What belongs to one language: cue words, title patterns, datelines, date shapes, case forms.

Each module here exposes the same names; the pipeline's steps (read → extract → resolve → merge) are shared
and ask ``for_text`` which module reads a given article. Adding a language means adding a module and its tests.
"""

import re

from events.ingest.lang import en, ru

MODULES = {en.CODE: en, ru.CODE: ru}
# Languages recognised but not read yet: by the letters their alphabet has and Russian's has not.
# (Kazakh's і is left out: Ukrainian and Belarusian write it too.)
UNREAD = {"kk": ("Kazakh", re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһ]"))}
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")


_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")


def detect(text, sample=20_000):
    """'ru' when Cyrillic letters outnumber Latin ones in the article's opening, else 'en'. A Cyrillic text where one
    word in five or more has letters of another alphabet is in that language ('kk'); a Russian text that spells a
    Kazakh name in Kazakh stays Russian."""
    head = text[:sample]
    if len(_CYRILLIC.findall(head)) <= len(_LATIN.findall(head)):
        return en.CODE
    words = _CYRILLIC_WORD.findall(head)
    for code, (_, letters) in UNREAD.items():
        marked = sum(1 for word in words if letters.search(word))
        if marked >= 3 and marked * 5 >= len(words):
            return code
    return ru.CODE


def get(code):
    return MODULES.get(code, en)
