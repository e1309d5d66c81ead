"""Russian: cue words, title patterns, datelines, dates and case forms.

Names and places are inflected (Лаврова, Абдрахмановым, в Астане): ``lemmas`` gives every dictionary form of a
word with pymorphy3, so the gazetteer matches "Сергеем Лавровым" to the alias "Сергей Лавров". The analyser is
loaded once per process and its answers cached.
"""

import re
from functools import lru_cache

from events.models import Meeting

Kind = Meeting.Kind
CODE = "ru"

W = r"[А-ЯЁа-яё]"
# Одна из двух стран в родительном падеже, как её пишут после должности или ведомства: "МИД России", "посол РК".
_KZ_OR_RU = r"(?:Казахстана|России|РФ|РК|Республики\s+Казахстан|Российской\s+Федерации)"

# --- morphology --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def lemmas(word):
    """Every dictionary form of ``word`` (lower case, ё as е), the word itself included."""
    word = word.lower().replace("ё", "е")
    forms = {word}
    for parse in _analyzer().parse(word)[:4]:
        forms.add(parse.normal_form.replace("ё", "е"))
    # A surname the dictionary does not hold may be read as an adjective ('Идрисовым' → 'идрисовый'): its own stem too.
    if surname := _DECLINED_SURNAME.match(word):
        forms.add(surname.group(1))
    return frozenset(forms)


_DECLINED_SURNAME = re.compile(r"^(\w+(?:ов|ев|ин|ын))(?:а|у|ым|е)$")


_MASCULINE_SURNAME = re.compile(r"^[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын)$")


@lru_cache(maxsize=16384)
def nominative(word, place=False):
    """The nominative of a name or place as written in any case: 'Моргуловым' → 'Моргулов'; a word that does not
    decline ('Тлеуберди', 'Сочи') stays as it is; each part of a double name declines ('Касым-Жомартом').
    ``place``: read it as a place first ('в Астану' → 'Астана', not the man's name 'Астан')."""
    parses = _analyzer().parse(word)
    if place:
        parses = sorted(parses, key=lambda parse: "Geox" not in parse.tag.grammemes)  # a stable sort
    fixed = any("Fixd" in parse.tag.grammemes and parse.normal_form == word.lower() for parse in parses)
    if fixed or _MASCULINE_SURNAME.search(word):
        # 'Турсунов', 'Нурбеков': a masculine surname as it stands, not the genitive plural of a first name.
        return word
    if "-" in word and all(parse.normal_form == word.lower() for parse in parses):
        return "-".join(nominative(part, place) for part in word.split("-"))
    surname = _DECLINED_SURNAME.match(word)
    if surname and any(
        {"Surn", "masc"} <= set(p.tag.grammemes) and p.normal_form == surname.group(1).lower() for p in parses
    ):
        return surname.group(1)  # 'Токаеве': the man's surname, not a woman's name 'Токаева'
    for parse in parses:
        if {"Name", "Surn", "Patr", "Geox"} & set(parse.tag.grammemes) or parse.tag.POS == "NOUN":
            form = parse.inflect({"nomn", "sing"}) if "Pltm" not in parse.tag.grammemes else None
            text = form.word if form else parse.normal_form
            return _case_like(text, word)
    if surname:
        return surname.group(1)  # 'Идрисовым', read as an adjective: the surname's stem is its nominative
    return word


# Женская фамилия в именительном падеже: "Абдыкаликова", "Захарова", "Кулбаева", "Матвиенко" не склоняется.
_FEMININE_SURNAME = re.compile(r"^[А-ЯЁ][а-яё]+(?:ова|ева|ёва|ина|ына|ская|цкая)$")


def nominative_name(name):
    """The nominative of a whole name: 'Алексеем Бородавкиным' → 'Алексей Бородавкин'. A woman named in the
    nominative keeps her surname: 'Мадина Абдыкаликова' is not the genitive of a man's 'Абдыкаликов' — a first name
    that is only a woman's, in the nominative, says in which case and gender the surname after it stands."""
    words = name.split()
    if len(words) >= 2 and _FEMININE_SURNAME.match(words[-1]):
        first = _analyzer().parse(words[0].lower())
        woman = any({"Name", "femn", "nomn"} <= set(p.tag.grammemes) for p in first)
        man = any({"Name", "masc"} <= set(p.tag.grammemes) for p in first)  # 'Нурлана': also a man's, declined
        if woman and not man:
            return name
    return " ".join(nominative(word) for word in words)


_NOT_NAMES = {"VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "PREP", "CONJ", "PRCL"}


@lru_cache(maxsize=16384)
def looks_like_name(name):
    """Whether capitalised words can be a person's name: none of them a verb, participle or other word that is
    never a name ("Провел Переговоры" in a headline), and one at least a name or a word the dictionary does not
    know (most Kazakh surnames)."""
    words = name.split()
    namish = False
    for word in words:
        parses = _analyzer().parse(word.lower())
        best = parses[0]
        if best.tag.POS in _NOT_NAMES and best.score > 0.5:
            return False
        if not best.is_known or any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses[:3]):
            namish = True
    return namish


def _case_like(text, model):
    parts, source = text.split("-"), model.split("-")
    return "-".join(
        p[:1].upper() + p[1:] if i < len(source) and source[i][:1].isupper() else p for i, p in enumerate(parts)
    )


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip


def transliterate(text):
    """A Latin spelling for a new name, in the usual English-language news style: 'Игорь Моргулов' → 'Igor Morgulov'."""
    out = []
    for i, char in enumerate(text):
        lower = char.lower()
        latin = _TRANSLIT.get(lower)
        if latin is None:
            out.append(char)
            continue
        start_of_word = i == 0 or not text[i - 1].isalpha()
        if lower == "е" and (start_of_word or text[i - 1].lower() in "аеёиоуыэюяьъ"):
            latin = "ye"
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


# --- dates -------------------------------------------------------------------------------------------------------

_MONTH_STEMS = [
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7), ("август", 8),
    ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
]  # fmt: skip
MONTH_GENITIVE = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|янв|фев|мар|апр|июн|июл|авг|сент|сен|окт|ноя|дек)\.?(?!" + W + ")"
)
MONTH_IN = (
    r"(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
    r"|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)(?!" + W + ")"
)
_YEAR = r"(?:\s+(?P<y>(?:19|20)\d{2})(?:\s*(?:года|году|г\.))?)?"
_WEEKDAY = r"(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
WEEKDAYS = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]

# "накануне саммита", "накануне предстоящего визита": before an event, not the day before.
_EVE_OF = (
    rf"\s+(?:{W}+(?:ого|его|ей|их|ой)\s+)?(?:саммит|визит|встреч|переговор|заседани|совещани|форум|конференци"
    rf"|выбор|праздник|дн|годовщин|открыти|начал|поездк|турне|сесси|съезд|инаугураци){W}*"
)
PATTERNS = [
    ("range", re.compile(rf"(?<!\d)(?P<d1>\d{{1,2}})\s*[-–—]\s*(?P<d2>\d{{1,2}})\s+(?P<m>{MONTH_GENITIVE}){_YEAR}")),
    # "с 8 по 9 октября", "с 8 до 10 октября": the first day is where the range starts.
    (
        "range",
        re.compile(
            rf"(?<!{W})с\s+(?P<d1>\d{{1,2}})\s+(?:по|до)\s+(?P<d2>\d{{1,2}})\s+(?P<m>{MONTH_GENITIVE}){_YEAR}", re.I
        ),
    ),
    ("dmy", re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_GENITIVE}){_YEAR}", re.IGNORECASE)),
    (
        "month",
        re.compile(rf"(?<!{W})(?:в|во|с|до|к)\s+(?:начале\s+|конце\s+|середине\s+)?(?P<m>{MONTH_IN}){_YEAR}", re.I),
    ),
    ("month", re.compile(rf"(?<!{W})(?:начале|конце|середине)\s+(?P<m>{MONTH_GENITIVE}){_YEAR}", re.IGNORECASE)),
    ("iso", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("dotted", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})\b")),
    ("year", re.compile(rf"(?<!{W})(?:в|с|во)\s+(?P<y>(?:19|20)\d{{2}})\s*(?:году|г\.)")),
    ("today", re.compile(rf"(?<!{W})(?:сегодня|сегодняшн{W}*)(?!{W})", re.IGNORECASE)),
    # "накануне" alone is the day before; "накануне саммита" is before the summit, not a date.
    ("yesterday", re.compile(rf"(?<!{W})(?:вчера|накануне(?!{_EVE_OF}))(?!{W})", re.IGNORECASE)),
    # "в понедельник", "в этот понедельник", "в прошлую (минувшую) пятницу": the latest such day.
    ("weekday", re.compile(rf"(?<!{W})(?:в|во)\s+(?:(?:эт|прошл|минувш){W}*\s+)?(?P<w>{_WEEKDAY})(?!{W})", re.I)),
    ("this_year", re.compile(rf"(?<!{W})в\s+этом\s+году", re.IGNORECASE)),
    ("last_year", re.compile(rf"(?<!{W})в\s+прошлом\s+году", re.IGNORECASE)),
    ("next_year", re.compile(rf"(?<!{W})в\s+следующем\s+году", re.IGNORECASE)),
    ("earlier", re.compile(r"^\s*(?:Ранее|Прежде)(?!\s+(?:сегодня|в этот день))")),
]
EVE = re.compile(r"накануне\s+$")


# День сообщения, названный словом "сегодня": "заявил сегодня, 8 апреля, в Нур-Султане".
TODAY_DATE = re.compile(rf"(?<!{W})сегодня,?\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_GENITIVE})(?!\s+\d{{4}})", re.IGNORECASE)
# День недели с числом и месяцем: вместе со сроками должностей он даёт год статьи без даты.
WEEKDAY_DATE = re.compile(
    rf"(?<!{W})(?:в|во)\s+(?P<w>{_WEEKDAY}),?\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_GENITIVE})(?!\s+\d{{4}})",
    re.IGNORECASE,
)


def month_number(text):
    text = text.lower().strip(".")
    if text.startswith("мар"):
        return 3
    for stem, number in _MONTH_STEMS:
        if text.startswith(stem[:3] if len(text) <= 4 else stem):
            return number
    raise KeyError(text)


def weekday_number(text):
    return WEEKDAYS.index(text.lower())


TIMESTAMP = re.compile(
    rf"^\s*(?:(?:Опубликовано|Обновлено|Дата публикации)\s*:?\s*)?(?P<date>\d{{1,2}}\s+{MONTH_GENITIVE}\s+\d{{4}}"
    r"(?:\s*(?:года|г\.))?|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+(?:в\s+)?\d{1,2}:\d{2})?\s*[,|\-–—]?\s*(?P<rest>.{0,60})$",
    re.IGNORECASE,
)
# Captions, links and calls to share or subscribe around the text of a page.
NOISE = re.compile(
    rf"^\s*(?:читайте\s+также|см\.\s+также|фото|источник|теги|поделиться)\s*[:©|]|^\s*фото\s*[—–-]"
    rf"|^\s*(?:подписывайтесь|подпишитесь)(?!{W})|^\s*(?:поделиться|читать далее|продолжение)\s*$",
    re.IGNORECASE,
)
DATELINE_DATE = rf"\d{{1,2}}\s+{MONTH_GENITIVE}(?:\s+\d{{4}}(?:\s*(?:года|г\.))?)?"

# --- kinds of contact ----------------------------------------------------------------------------------------------

CUES = [
    (
        Kind.PHONE_CALL,
        rf"телефонн{W}*\s+(?:разговор|переговор|бесед|контакт){W}*|по\s+телефону|созвонил{W}*"
        rf"|видеоконференц{W}*|в\s+режиме\s+видеосвязи|видеосвяз{W}*"
        # "Провел разговор с …": a conversation held, not a talk at a meeting (a "беседа") nor talks.
        rf"|(?:пров[её]л{W}*|состоял{W}*)\s+(?:{W}+\s+)?разговор{W}*",
    ),
    (Kind.CONSULTATIONS, rf"консультаци{W}*"),
    (Kind.STATE_VISIT, rf"государственн{W}*\s+визит{W}*"),
    (Kind.OFFICIAL_VISIT, rf"официальн{W}*\s+визит{W}*"),
    (Kind.WORKING_VISIT, rf"рабоч{W}*\s+(?:визит|поездк){W}*"),
    (
        Kind.CEREMONY,
        rf"церемони{W}*|торжественн{W}*\s+при[её]м{W}*|при[её]м{W}*\s+по\s+случаю|верительн{W}*\s+грамот{W}*"
        rf"|возлож{W}*\s+(?:цвет|венок|венки|венк){W}*",
    ),
    # Демарш: посол или поверенный вызван, нота вручена.
    (
        Kind.DEMARCHE,
        # "вызвал посла", и в страдательном залоге "был вызван посол".
        rf"(?:вызва(?:л|ла|ло|ли|н|на|но|ны)|вызов(?:ет|ут))\s+(?:в\s+(?:МИД|министерство)|посла|посол|временного\s+поверенного"
        rf"|поверенного|МИД|министерство)|нот{W}*\s+протеста|(?:вручил|передал){W}*\s+(?:{W}+\s+){{0,2}}нот[уы]"
        rf"|вручен{W}*\s+нот{W}*|демарш{W}*"
        rf"|приглаш[её]н{W}*\s+в\s+(?:МИД|министерство)"
        rf"|в\s+(?:МИД|[Мм]инистерство\s+иностранных\s+дел)(?:\s+[А-ЯЁ]{W}*){{0,2}}\s+(?:был[аи]?\s+)?(?:приглаш[её]н|вызван){W}*",
    ),
    # Послание: письмо, телеграмма, поздравление или соболезнование от одного другому.
    (
        Kind.MESSAGE,
        rf"(?:поздравительн|приветственн|соболезнующ){W}*\s+(?:послани|телеграмм|письм|адрес){W}*"
        rf"|(?:направил|направили|направила|обменял|обменялись|получил){W}*\s+(?:{W}+\s+)?(?:послани|телеграмм|письм){W}*"
        rf"|в\s+(?:своем\s+|своём\s+)?(?:послании|письме|телеграмме)(?!{W})"
        rf"|поздравил{W}*|поздравлени{W}*|выразил{W}*\s+(?:{W}+\s+)?соболезновани{W}*",
    ),
    (
        Kind.TALKS,
        rf"переговор{W}*|разговор{W}*|встрет{W}*|встреч[аеиуы]{W}*|бесед(?:а|е|у|ы|ой|ам|ами|ах)?(?!{W})|беседовал{W}*"
        # "принял посла", не "принял верительные грамоты", не "принял послание" и не "примет саммит" (примет у себя
        # собрание): принимают человека.
        # "был принят президентом": received, told in the passive with who received.
        rf"|(?:был|была|были)\s+принят{W}*\s+(?:{W}+\s+){{0,2}}?(?:президент|глав|министр|премьер|посл|заместител){W}*"
        rf"|(?:прин[яи]л{W}*|прим(?:ет|ут)|принима(?:ет|ют))(?![^,.;]{{0,40}}?\s(?:верительн|копи|послани|письм|телеграмм|нот[уы]\b|поздравлени"
        rf"|решени|мер[ыу]?\b|закон|участи|саммит|заседани|совещани|форум|конференци|мероприяти|эстафет))"
        rf"|визит{W}*|посетил{W}*|посещени{W}*|прибыл{W}*|прибыти{W}*|пров[её]л{W}*\s+(?:встреч|переговор|бесед){W}*"
        rf"|совместн{W}*\s+пресс-конференци{W}*"
        # "X обсудил с Y вопросы": обсуждение с кем-то — это встреча с ним.
        rf"|обсудил{W}*(?=(?:\s+[^\s,.;:]+){{0,3}}?\s+со?\s)",
    ),
]
CUES = [(kind, re.compile(rf"(?<!{W})(?:{pattern})", re.IGNORECASE)) for kind, pattern in CUES]

MULTILATERAL_CUE = re.compile(
    # Not "встреча министров иностранных дел двух стран", the two sides' talks.
    rf"(?<!{W})(?:(?:Совет|Совещани|Конференци|Встреч|Заседани){W}*\s+министров\s+иностранных\s+дел"
    rf"(?!\s+(?:двух|обеих|обоих|наших)(?!{W}))|СМИД|саммит{W}*|министерск{W}*\s+(?:встреч|совещани|заседани){W}*"
    rf"|заседани{W}*\s+(?:Совета|СМИД)|делегаци{W}*|в\s+формате|Совещани{W}*\s+министров"
    rf"|(?:Встреч|Совещани|Заседани|Конференци){W}*\s+глав\s+(?:МИД|внешнеполитических\s+ведомств))",
    re.IGNORECASE,
)
# Ministers as a group: with three countries or more named beside them, a meeting of many.
MINISTERS = re.compile(
    rf"(?<!{W})(?:министр(?:ов|ы|ам)|глав(?:ы|ам|ами)?\s+(?:МИД|внешнеполитических\s+ведомств))(?!{W})", re.IGNORECASE
)
# Министры группы государств: "министры иностранных дел государств – членов ШОС", "главы МИД прикаспийских
# государств", "министры иностранных дел ОДКБ" (сокращение организации, не "РФ"); не "министры иностранных дел
# двух стран".
MINISTERS_OF_MANY = re.compile(
    rf"(?<!{W})(?:министр{W}*\s+иностранных\s+дел|глав{W}*\s+(?:МИД|внешнеполитических\s+ведомств))\s+"
    rf"(?:(?:(?!двух|обеих|обоих|наших){W}+\s+)?(?:государств|стран)(?!{W})|(?P<org>(?-i:[А-ЯЁ]{{2,5}}))(?!{W}))",
    re.IGNORECASE,
)
# Собрание, в название которого входят министры: "заседание Совета министров иностранных дел ОДКБ".
GATHERING_OF = re.compile(rf"(?<!{W})(?:совет|совещани|заседани|встреч|конференци){W}*\s+$", re.IGNORECASE)
# Встреча министров, а не глав государств: переговоры на её полях — её часть.
MINISTERIAL = re.compile(rf"(?<!{W})(?:министров|СМИД|министерск{W}*|глав\s+(?:МИД|внешнеполитических))(?!{W})", re.I)
PARTICIPATION = re.compile(
    rf"(?<!{W})(?:принял{W}*\s+участие|прим(?:ет|ут)\s+участие|участ{W}*|председательств{W}*|открыл{W}*|пров[её]л{W}*"
    rf"|прошл{W}*|проход{W}*|состоял{W}*|заседал{W}*|местом\s+проведения|в\s+рамках|на\s+полях|в\s+кулуарах|прибыл{W}*|завершил{W}*)(?!{W})",
    re.IGNORECASE,
)
BILATERAL_VERB = re.compile(
    rf"(?<!{W})(?:встретил{W}*\s+с|переговоры\s+с|встреч{W}*\s+с|беседу\s+с|двусторонн{W}*"
    rf"|пров[её]л{W}*\s+(?:переговоры|встречу|беседу))",
    re.IGNORECASE,
)
# People who joined a contact already told: "в переговорах приняли участие министры".
JOINED = re.compile(
    rf"(?<!{W})(?:принял{W}*\s+участие|принимают\s+участие|участвовал{W}*|участву(?:ет|ют)|присутствовал{W}*"
    rf"|присутствуют|представлял{W}*|в\s+их\s+числе|среди\s+них)(?!{W})",
    re.IGNORECASE,
)
DISCUSSION = re.compile(
    rf"(?<!{W})(?:обсудил{W}*|обсуждали|говорили|поговорили|обменял{W}*\s+мнениями|рассмотрел{W}*|подписал{W}*)",
    re.IGNORECASE,
)


def discussant(name, before_verb, inferred=False, listed=None):
    """Whether a person named beside a verb is its subject: word order is free, so the name must be in the
    nominative ("обсудили Лавров и Абдрахманов", not "обсудили визит Путина"). A known person's name is nominative
    when written as the reference data lists it (``listed``), which settles forms the dictionary reads two ways
    ("Лаврова"); others are looked up. "Главы МИД двух стран" are the ministers wherever they stand."""
    if inferred:
        return True
    if listed is not None:
        return listed
    surname = name.split()[-1] if name.split() else name
    parses = [p for p in _analyzer().parse(surname) if {"Surn", "Name"} & set(p.tag.grammemes)]
    if not parses:
        return before_verb
    return any("nomn" in p.tag for p in parses)


# Verbs whose subjects are named after them: "делегации возглавили …".
LED_BY = re.compile(rf"(?<!{W})(?:возглавлял{W}*|возглавил{W}*|во\s+главе\s+с)", re.IGNORECASE)
# Words before a cue that make it the subject of the talks, not the contact: "подготовка к визиту".
PREPARATION = re.compile(rf"(?<!{W})(?:подготовк{W}*|подготови{W}*)\s+(?:к\s+)?(?:{W}+\s+){{0,2}}$", re.IGNORECASE)
# Who spoke at a ceremony or a meeting of many: "Выступая перед гостями, X отметил", "В свою очередь Y …".
SPEECH = re.compile(
    rf"(?<!{W})(?:выступ{W}*|обращаясь|в\s+свою\s+очередь|взял{W}*\s+слово|в\s+(?:своем|приветственном)\s+"
    rf"(?:выступлении|слове))(?!{W})",
    re.IGNORECASE,
)
# Где может начаться второе предложение в составе одного: "…, а затем был принят …", "… и был принят …", "…; позже …".
CLAUSE_JOIN = re.compile(
    rf",\s+а\s+(?:также\s+|затем\s+|потом\s+)?|;\s+|,\s+и\s+|\s+и\s+(?=(?:был|была|были|затем|также|потом)(?!{W}))"
)
# Глагол речи: кто говорит на встрече многих ("Министр иностранных дел России Сергей Лавров заявил …").
SAID = re.compile(
    rf"(?<!{W})(?:заявил|отметил|подчеркнул|сказал|предложил|призвал|указал|изложил){W}*(?!{W})", re.IGNORECASE
)
SIDELINES = re.compile(rf"(?<!{W})(?:на\s+полях|в\s+кулуарах)", re.IGNORECASE)
# Предложение о только что названном контакте: "Переговоры прошли в режиме видеоконференции".
CONTACT_SUBJECT = re.compile(rf"^\s*(?:Переговоры|Встреча|Беседа|Разговор)(?!{W})")
# Посол, названный раньше, подлежащее одним своим званием: «Посол был вызван в МИД».
ENVOY_SUBJECT = re.compile(rf"^\W*(?:Посол|Временный\s+поверенный(?:\s+в\s+делах)?)\s+(?:был|была)(?!{W})")
# A visit said to be someone's, by a possessive pronoun: "его первый официальный визит".
OWN_VISIT = re.compile(rf"(?<!{W})(?:его|ее|её)\s+(?:{W}+\s+){{0,2}}визит{W}*", re.IGNORECASE)
# A traveller's arrival: done by one side alone, it is not yet a contact with the other.
ARRIVAL = re.compile(rf"(?<!{W})(?:прибыл|прилетел|приехал){W}*", re.IGNORECASE)
# The one who hosts, named after a passive: "Лавров был принят Президентом".
PASSIVE_HOST = re.compile(rf"(?<!{W})(?:был|была|были)\s+(?:также\s+)?(?:принят|приняты|принята)(?!{W})", re.I)
HOST_VERB = re.compile(rf"(?<!{W})(?:принял|приняла|приветствовал{W}*)(?!{W})(?!\s+участие)", re.IGNORECASE)
# A capital named by its country: "в казахстанской столице", "столицы России".
CAPITAL = re.compile(
    rf"(?<!{W})(?:(?P<adj>казахстанск|российск){W}*\s+столиц{W}*|столиц{W}*\s+(?P<of>Казахстана|России|РФ|РК))(?!{W})",
    re.IGNORECASE,
)
# Russian names the destination with a noun in the accusative ("визит в Казахстан"); an adjective before a person
# ("казахстанский коллега") is not matched as a destination.
NATIONALITY_OF_PERSON = re.compile(r"(?!)")
VISIT_TARGET = re.compile(
    rf"(?:визит{W}*(?:\s+{W}+){{0,3}}\s+в|посетил{W}*|посещени{W}*|прибыл{W}*\s+в|поездк{W}*\s+в|приезд{W}*\s+в)\s+$",
    re.IGNORECASE,
)
# Посетитель между визитом и тем, куда он: «визита министра иностранных дел Казахстана Мурата Нуртлеу в Россию».
VISITOR_TARGET = re.compile(
    rf"(?<!{W})(?:визит|поездк|приезд){W}*\s+(?P<visitor>[^.;:!?]{{2,120}}?)\s+в\s+$", re.IGNORECASE
)
# Город как тот, кто принимает: "Алма-Ата стала местом проведения совета", "Астана приняла заседание".
PLACE_HOSTS = re.compile(rf"\s*(?:приняла|принял|стал{W}*\s+местом\s+(?:проведения|встречи))(?!{W})", re.IGNORECASE)
# Город как то, что посетили, до глагола или после: «Нуртлеу посетил Москву», «Москву посетил глава МИД».
VISITED_BEFORE = re.compile(rf"(?<!{W})посетил[аио]?\s+$", re.IGNORECASE)
VISITED_AFTER = re.compile(rf"\s+посетил[аио]?(?!{W})", re.IGNORECASE)
# Консул во всех падежах, но не «консультации» и не «консульство».
_CONSUL = rf"(?:ген)?консул(?:а|у|ом|е|ы|ов|ам|ами|ах)?(?!{W})"
# Город в должности посла или консула — место его службы, а не встречи: "генеральный консул России в Алматы X".
POSTED_AT = re.compile(
    rf"(?<!{W})(?:посол|посл[аоу]м?|{_CONSUL}|поверенн{W}*\s+в\s+делах)"
    rf"(?:\s+{_KZ_OR_RU})?\s+(?:в|во)\s+$",
    re.IGNORECASE,
)
PLACE_PREPOSITION = re.compile(
    rf"(?<!{W})(?:(?:в|во|на)\s+(?:(?:{W}+(?:ом|ем|ой)\s+)?(?:город{W}*|столиц{W}*|курорт{W}*)\s+)?|перед\s+(?:отлетом|вылетом|отъездом)\s+из\s+)$",
    re.IGNORECASE,
)
NOT_PARTICIPANT = re.compile(
    rf"(?<!{W})(?:(?<!особым\s)поручени{W}*|указани{W}*|послани{W}*|письм{W}*|от\s+имени|инициатив{W}*|договоренност{W}*"
    rf"|решени{W}*|указ{W}*|по\s+словам|памят{W}*|(?<!вновь\s)(?<!недавно\s)назначен{W}*|между\s+президентами|глав\s+государств"
    rf"|государственн{W}*\s+визит{W}*|привет{W}*|поздрав{W}*|передал{W}*|соболезновани{W}*|подготовк{W}*(?:\s+к)?|готов{W}*\s+к"
    # На фоне чего прошел контакт: "обсудили повестку в контексте визита президента X".
    rf"|в\s+контексте|в\s+свете|в\s+преддверии)"
    r"[^.;]{0,60}$",
    re.IGNORECASE,
)
# Прямая речь, введенная тире: "— Рассчитываем провести форум в ноябре, — сказал Лавров, открывая переговоры".
DASH_QUOTE = re.compile(
    rf"^\s*(?:—\s*)?[^—]{{12,}}?,\s*—\s*(?=(?:сказал|заявил|отметил|подчеркнул|добавил|сообщил|рассказал|пояснил)"
    rf"{W}*)"
)
# Пересказ без кавычек и тире перед глаголом речи: "Саммит пройдет в следующем году, заявил Лавров по итогам встречи".
SPEECH_FIRST = re.compile(
    rf"^\s*[^—«»\"]{{12,}}?,\s*(?=(?:сказал|заявил|отметил|подчеркнул|добавил|сообщил|рассказал|пояснил){W}*)"
)
# Должность в международной организации прямо перед именем: "Генеральный секретарь ОДКБ X", "генсек СВМДА X".
ORGANIZATION_OFFICE = re.compile(
    rf"(?<!{W})(?:генеральн{W}+\s+секретар{W}*|генсек{W}*)(?:\s+[^,;]{{0,100}}?)?\s*$", re.I
)
# Глава государства, названный только страной, как тот, кто принимает: "казахстанский лидер принял …".
LEADER = re.compile(
    rf"(?<!{W})(?:(?P<adj>казахстанск|российск){W}*\s+(?:лидер|президент){W}*"
    rf"|президент{W}*\s+(?P<of>{_KZ_OR_RU}))(?!{W})"
    rf"(?!\s*,?\s*(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ]))",
    re.IGNORECASE,
)
# Должность перед именем, что делает его главой государства ("Президент Казахстана X"), если только он не служит ему
# ("помощник президента X", "глава администрации президента X").
HEAD_OF_STATE_TITLE = re.compile(
    rf"(?<![-А-ЯЁа-яё])президент{W}*(?:\s+{_KZ_OR_RU})?\s*$",
    re.IGNORECASE,
)
IN_SERVICE_OF = re.compile(rf"(?<!{W})(?:помощник|советник|администраци|аппарат|пресс-секретар|спецпредставител)", re.I)
# Министерство, названное со страной: чиновник без своей страны, названный после него, служит ему.
MINISTRY = re.compile(
    rf"(?<!{W})(?:МИД|Министерств{W}*\s+иностранных\s+дел)\s+(?P<of>{_KZ_OR_RU})"
    rf"|(?<!{W})(?P<adj>казахстанск|российск){W}*\s+(?:МИД|внешнеполитическ{W}*\s+ведомств{W}*)",
    re.IGNORECASE,
)
# Заголовок стенограммы: слова того, кого он называет ("Выступление и ответы на вопросы СМИ Министра … С.В.Лаврова").
TRANSCRIPT_TITLE = re.compile(
    rf"^\s*(?:Выступлени{W}*|Ответы?\s+(?:[^\n]{{0,100}}?\s)?на\s+вопрос{W}*|Интервью|Заявлени{W}*\s+для\s+СМИ|Вступительн{W}*\s+слово"
    rf"|Стенограмм{W}*)(?!{W})",
    re.IGNORECASE,
)
# В сообщении о послании его писали и получали все названные, кроме тех, от чьего имени оно послано.
ON_BEHALF = re.compile(rf"(?<!{W})(?:от\s+имени|по\s+поручению)\s+[^.;]{{0,60}}$", re.IGNORECASE)
# The invitation that names the host of a visit: "по приглашению главы МИД России Сергея Лаврова".
# Контакт, на который приглашают и который еще не состоялся: "пригласил его в Москву с официальным визитом",
# "приглашение посетить"; не "по приглашению", которое называет принимающего.
INVITED_TO = re.compile(rf"(?<!{W})(?<!по )(?:приглас{W}*|приглаша{W}*|приглашени{W}*)[^.;,]{{0,50}}$", re.IGNORECASE)
INVITATION = re.compile(rf"(?<!{W})по\s+приглашению\s+[^.;]{{0,80}}$", re.IGNORECASE)
# A clause that describes someone or something just named; its dates are theirs ("Лавров, который прибыл …,").
RELATIVE_CLAUSE = re.compile(rf",\s*(?:котор{W}+|находящ{W}+|прибывш{W}+)(?!{W})[^,;]*(?=,|[.;!?]?\s*$)", re.IGNORECASE)
# Russian headlines announce with a future verb, which PLANNED already reads.
HEADLINE_PLANNED = re.compile(r"(?!)")
# Who "он" is, when a sentence names only the other side: "его принял Президент".
# What opens reported speech: "Лавров сообщил, что …".
REPORTED_SPEECH = re.compile(
    rf"(?<!{W})(?:сообщил|заявил|сказал|отметил|подчеркнул|напомнил|рассказал|добавил|указал){W}*,\s+что(?!{W})",
    re.IGNORECASE,
)
# Что кто-то напоминает: «Он напомнил, что президенты встречались в Москве 19 декабря».
RECALLED = re.compile(rf"(?<!{W})(?:напомнил{W}*|напомнив)(?:\s+журналистам)?,\s+что(?!{W})", re.IGNORECASE)
# Глагол "отметил" с дополнением, а не с придаточным: "отметил важность …", "подчеркнул необходимость …".
NOTED = re.compile(rf"(?<!{W})(?:отметил|подчеркнул|указал|напомнил|обратил{W}*\s+внимание){W}*", re.IGNORECASE)
PRONOUN = re.compile(rf"(?<!{W})(?:он|она|его|ее|её|ему|ей|ним|ней)(?!{W})", re.IGNORECASE)
SUBJECT_PRONOUN = re.compile(r"он|она", re.IGNORECASE)
# What opens a clause that describes the thing just named: "о саммите, который пройдет в следующем году".
RELATIVE = re.compile(rf"^\s*(?:котор{W}+|намеченн{W}+|запланированн{W}+|назначенн{W}+)(?!{W})", re.IGNORECASE)
_FUTURE_WORDS = (
    rf"буду|будем|будет|будут|состоится|состоятся|предстоит|предстоящ{W}*|планиру{W}*|намечен{W}*|запланирован{W}*"
    rf"|ожида{W}*|посетит|вызов(?:ет|ут)|провед[её]т|проведут|встретится|встретятся|пройд[её]т|пройдут|прим(?:ет|ут)"
    rf"|долж{W}*\s+(?:пройти|состояться|начаться|открыться)|готовит{W}*ся|готовят{W}*ся|намерен{W}*|отправится|прибудет|жд[её]т|жд[её]м|ждут|следующ{W}*"
)
FUTURE = re.compile(rf"(?<!{W})(?:{_FUTURE_WORDS})(?!{W})", re.IGNORECASE)
# Глагол состоявшегося контакта: "провел переговоры", "встретился", "обсудили" (прошедшее время).
DONE = re.compile(
    rf"(?<!{W})(?:пров[её]л{W}*|проведш{W}*|встретил{W}*|обсудил{W}*|беседовал{W}*|принял(?!{W}*\s+участие){W}*|посетил{W}*"
    rf"|подписал{W}*|состоял{W}*|прошл[иао]|направил{W}*|поздравил{W}*|вызвал{W}*"
    rf"|на\s+совместн{W}*\s+пресс-конференци{W}*)(?!{W})",
    re.IGNORECASE,
)
# Words that make a contact an announcement, not a report: the contact is stored as planned.
PLANNED = re.compile(rf"(?<!{W})(?:{_FUTURE_WORDS}|надеется|надеются|собирается|собираются)(?!{W})", re.IGNORECASE)
# Future words that describe a noun: participles and adjectives before it ("предстоящий саммит", "запланированного на
# осень форума"); a clause after it ("форум, который пройдет осенью") is a relative clause, read apart.
FUTURE_BEFORE_NOUN = re.compile(rf"предстоящ{W}*|запланированн{W}*|намеченн{W}*|планируем{W}*", re.IGNORECASE)
FUTURE_AFTER_NOUN = re.compile(r"(?!)")
FINITE_BEFORE = re.compile(r"(?!)")
# Встреча многих как тема или как веха времени, а не как то, в чем участвуют: "подготовка к саммиту", "накануне
# заседания СМИД".
TOPIC_OF = re.compile(
    rf"(?<!{W})(?:подготовк{W}*\s+к|повестк{W}*|итог{W}*|решени{W}*|накануне|в\s+преддверии)\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
# Глагол обсуждения прямо перед своим дополнением: "обсудил предстоящий визит".
DISCUSSED_NOUN = re.compile(rf"(?<!{W})(?:обсудил{W}*|обсуждали|рассмотрел{W}*)\s+$", re.IGNORECASE)
TOPIC_AFTER = re.compile(r"(?!)")
# Остаток названия встречи после слов, что делают её встречей многих: "(Совет министров иностранных дел) СНГ (СМИД)".
NAME_TAIL = re.compile(r"(?:\s+(?-i:[А-ЯЁ]{2,6})(?!\w))?(?:\s*\([^()]{1,80}\))?")
# Встреча многих как подлежащее: "Совет министров иностранных дел ОДКБ в Минске обсудил …".
MEETING_DID = re.compile(
    rf"(?:\s+в\s+[А-ЯЁ]{W}+)?\s+(?:обсудил|рассмотрел|утвердил|одобрил|принял(?!{W}*\s+участие)){W}*(?!{W})"
)
# Имя другого события прямо перед датой: "саммита ОДКБ в Астане в ноябре", "форума в Костанае 5 октября", "саммите
# глав государств прикаспийских стран, состоявшемся в Ашхабаде 29 июня" (причастный оборот при событии); и что
# делает его местом контакта ("на полях саммита 4 июля").
OCCASION_BEFORE_DATE = re.compile(
    rf"(?<!{W})(?:саммит|форум|выбор|юбиле|годовщин|съезд|чемпионат){W}*(?:\s+[А-ЯЁA-Z][\w+-]*){{0,4}}"
    rf"(?:,?\s+(?:состоявш|прошедш|проходивш|проведенн|проведённ){W}*)?"
    rf"(?:\s+(?:в|на)\s+[А-ЯЁ][\w-]+)?\s*(?:в|на)?\s*$",
    re.IGNORECASE,
)
# Достигнутое на другом событии, с его датой: "договоренности, достигнутые в ходе встреч президентов в прошлом году".
REACHED_AT = re.compile(
    rf"(?<!{W})(?:достигнут|принят){W}*\s+(?:в\s+ходе|на\s+полях|на|во\s+время|в\s+рамках)\s[^,;:]*$",
    re.IGNORECASE,
)
SETTING = re.compile(
    rf"(?<!{W})(?:на\s+полях|в\s+кулуарах|в\s+рамках|в\s+ходе|во\s+время|накануне|на|в)\s+(?:{W}+\s+){{0,2}}$",
    re.IGNORECASE,
)
OWNED_DATE = re.compile(
    rf"(?:подписан{W}*|намечен{W}*\s+на|запланирован{W}*\s+на|состоится|пройд[её]т|назначен{W}*\s+на)\s*$",
    re.IGNORECASE,
)

# --- people and titles ---------------------------------------------------------------------------------------------

# Министерство в титуле: "МИД" или полностью.
_MFA = r"(?:МИД|Министерства\s+иностранных\s+дел)"
# Страна с заглавной буквы и в шаблонах без учёта регистра: "области" — не страна.
_OF = r"(?-i:России|РФ|Российской\s+Федерации|Казахстана|РК|Республики\s+[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+(?:и|ана|ая))"
TITLE_WORDS = (
    rf"(?:(?:перв{W}+\s+)?(?:заместител{W}+|замглав{W}+)\s+(?:министра\s+иностранных\s+дел|главы\s+МИД)"
    rf"|замминистра\s+иностранных\s+дел|замглавы\s+МИД|замминистра"
    rf"|(?:заместител{W}+\s+премьер-министра\s*[-–—]\s*)?министр{W}*\s+иностранных\s+дел|глав{W}+\s+МИД"
    rf"|(?:(?:Чрезвычайн{W}+\s+и\s+Полномочн{W}+\s+)?посл(?:ом|а|у|ы)?|посол|(?<=о\s)после|(?<=при\s)после)(?:\s+по\s+особым\s+поручениям)?"
    rf"|временн{W}+\s+поверенн{W}+\s+в\s+делах|поверенн{W}+\s+в\s+делах"
    rf"|статс-секретар{W}*|государственн{W}+\s+секретар{W}*|специальн{W}+\s+представител{W}*|спецпредставител{W}*"
    rf"|помощник{W}*\s+(?:президента|главы\s+государства)"
    rf"|директор{W}*\s+(?:[^\s,.]+\s+){{0,3}}департамента(?:\s+(?:[^\s,.]+\s+){{0,3}}?{_MFA})?"
    # Глава консульства и главы регионов, к которым приезжает посол: "губернатор Омской области", "аким".
    rf"|генеральн{W}+\s+{_CONSUL}|{_CONSUL}|губернатор{W}*|(?:заместител{W}+\s+)?аким{W}*)"
)
# Регион после должности: "губернатор Астраханской области X", "заместитель акима области Жетысу X".
_REGION = (
    r"(?:(?-i:[А-ЯЁ])[а-яё\-]+(?:ой|ого)\s+(?:области|края)|(?:области|края)\s+(?-i:[А-ЯЁ])[а-яё\-]+"
    r"|(?:этого\s+|данного\s+)?региона|(?:этой\s+)?области|города\s+(?-i:[А-ЯЁ])[а-яё\-]+)"
)
# Прилагательное национальности: "украинского", "китайский", "казахстанская".
NATIONALITY = re.compile(rf"(?<!{W})[а-яё]+ск(?:ого|ий|ая|ой|ому|им|ие|их|ую|ом)(?!{W})")
UNKNOWN_TITLED = re.compile(
    # "Киргизия – министр иностранных дел X" в перечне делегаций: страна перед тире.
    # Написанная заглавными буквами — не страна: "АСТАНА. КАЗИНФОРМ – …" — агентство в дате и месте.
    r"(?:(?P<lead>(?-i:[А-ЯЁ][а-яё]+))\s+[-–—]\s+)?"
    # "украинского посла X": чей он, говорит прилагательное перед должностью.
    rf"(?:(?P<adj>{NATIONALITY.pattern})\s+)?"
    rf"(?<!{W})(?P<title>{TITLE_WORDS})(?:\s+(?:{_MFA}\s+)?(?P<of>{_OF}))?(?:\s+(?:в|во)\s+(?P<in>[А-ЯЁ]{W}+))?"
    rf"(?:\s+(?P<region>{_REGION})(?:\s+{_OF})?)?,?\s+"
    # A name is capitalized whatever the case of the title before it: "глава МИД принял участие" names nobody.
    r"(?P<name>(?-i:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?))",
    re.IGNORECASE,
)
# Должность после имени, через запятую: "Алексей Полищук, директор Второго департамента стран СНГ МИД России".
UNKNOWN_APPOSED = re.compile(
    r"(?P<name>(?-i:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)),\s+"
    rf"(?P<title>{TITLE_WORDS})(?:\s+(?:{_MFA}\s+)?(?P<of>{_OF}))?(?!{W})",
    re.IGNORECASE,
)
TITLE_KEYWORD = re.compile(rf"(?<!{W})(?:министр|посол|посла|замминистра|глав{W}+\s+МИД|президент|заместител)", re.I)
TITLE_RUN = re.compile(r"(?!)")
# The words of COUNTERPART that name someone by the office of another ("his Russian counterpart"), not by their own.
COUNTERPART_WORD = re.compile(r"коллег|визави|партнер", re.IGNORECASE)
COUNTERPART = re.compile(
    rf"(?<!{W})(?P<adj>казахстанск|российск|казахск){W}*\s+(?:коллег{W}*|визави|партнер{W}*|министр{W}*\s+иностранных\s+дел)"
    rf"(?!\s*,?\s*(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ]))"
    # In a minister's own words: "с моим коллегой".
    rf"|(?<!{W})(?:мой|моим|моего|моему|моем|моём)\s+(?:коллег{W}*|визави)(?!\s*,?\s*(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ]))"
    rf"|(?<!{W})(?:глав{W}*\s+(?:МИД|внешнеполитического\s+ведомства)|министр{W}*\s+иностранных\s+дел)"
    rf"\s+(?P<adj2>{_KZ_OR_RU})"
    rf"(?!\s*,?\s*(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ]))"
    # "Глава российского МИД", "главу казахстанской дипломатии", as "the head of the Kazakh foreign ministry".
    rf"|(?<!{W})глав{W}*\s+(?P<adj3>казахстанск|российск|казахск){W}*\s+(?:МИД|внешнеполитическ{W}*\s+ведомств{W}*"
    rf"|дипломати{W}*)(?!\s*,?\s*(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ]))",
    re.IGNORECASE,
)
# "Главы МИД двух стран", "министры иностранных дел двух стран": both foreign ministers of the day.
_BOTH = r"(?:двух|обеих)\s+стран|(?:Казахстана|РК)\s+и\s+(?:России|РФ)|(?:России|РФ)\s+и\s+(?:Казахстана|РК)"
BOTH_MINISTERS = re.compile(
    rf"(?<!{W})(?:глав{W}*\s+(?:МИД|внешнеполитических\s+ведомств)|министр{W}*\s+иностранных\s+дел|министр{W}*)"
    rf"\s+(?:{_BOTH})(?!{W})",
    re.IGNORECASE,
)
# Первое лицо множественного числа: в стенограмме министра — он и тот, с кем он встречался.
WE = re.compile(rf"(?<!{W})(?:мы|нами|нас|нам)(?!{W})", re.IGNORECASE)
# Говорящий в стенограмме как подлежащее: "Я только что встретился с …".
I_SUBJECT = re.compile(rf"(?<!{W})я(?!{W})", re.IGNORECASE)
# Имя и отчество — так министр обращается к коллеге ("Уважаемый Мухтар Бескенович", "с Муратом Абеновичем").
ADDRESSED = re.compile(rf"(?<!{W})(?P<first>[А-ЯЁ][а-яё]+)\s+[А-ЯЁ][а-яё]+(?:ович|евич|овн|евн|ұлы|улы|қызы){W}*")
ADJECTIVES = {"казахстанск": "KZ", "казахск": "KZ", "российск": "RU", "русск": "RU"}
NAME_CANDIDATE = re.compile(r"(?!)")
NAME_STOPWORDS = {
    "министр", "министра", "глава", "главы", "мид", "президент", "посол", "республики", "федерации", "российской",
    "казахстан", "россия", "россии", "казахстана", "совет", "совета", "форум", "форума", "по", "и", "в", "на", "с",
}  # fmt: skip
MONTHS_AND_DAYS = {"янв", "фев", "мар", "апр", "мая", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"}
# Город, названный со страной в скобках: "в Чолпон-Ате (Киргизия)".
PLACE_WITH_COUNTRY = re.compile(
    rf"(?<!{W})(?:в|во)\s+(?:город{W}*\s+|курорт{W}*\s+)?(?P<name>[А-ЯЁ][а-яё]{{2,}}(?:-[А-ЯЁ][а-яё]+)?)\s*"
    r"\((?P<country>[А-ЯЁ][а-яё]+)\)"
)
UNKNOWN_PLACE = re.compile(
    rf"(?<!{W})(?:в|во)\s+(?:город{W}*\s+)?(?P<name>[А-ЯЁ][а-яё]{{3,}}(?:-[А-ЯЁ][а-яё]+)?)(?=\s*[,.;]|\s+(?:с|со|на|для|где)\s|\s*$)"
)

# --- what was discussed --------------------------------------------------------------------------------------------

TOPICS = [
    ("security", rf"безопасност{W}*|стабильност{W}*"),
    ("trade-economic", rf"торгов{W}*|экономическ{W}*|экономик{W}*|инвестиц{W}*"),
    ("cultural-humanitarian", rf"культур{W}*|гуманитарн{W}*"),
    ("interregional cooperation", rf"межрегиональн{W}*|приграничн{W}*"),
    ("energy", rf"энергетик{W}*|энергетическ{W}*|нефт{W}*|газов{W}*|газа|АЭС"),
    ("transport", rf"транспорт{W}*|транзит{W}*"),
    ("space", rf"космо{W}*|Байконур{W}*"),
    ("education and science", rf"образовани{W}*|научн{W}*|наук{W}*|студент{W}*"),
    ("integration", rf"интеграц{W}*"),
    ("migration", rf"миграц{W}*|мигрант{W}*"),
    ("water", rf"трансграничн{W}*\s+рек{W}*|водн{W}*\s+ресурс{W}*"),
    ("Caspian", rf"Каспи{W}*"),
    ("consular", rf"консульск{W}*|визов{W}*"),
    ("health", rf"пандеми{W}*|коронавирус{W}*|COVID|вакцин{W}*"),
]
TOPICS = [(tag, re.compile(rf"(?<!{W})(?:{pattern})", re.IGNORECASE)) for tag, pattern in TOPICS]
REGIONS = [
    ("Central Asia", rf"Центральн{W}*\s+Ази{W}*"),
    ("South Caucasus", rf"Южн{W}*\s+Кавказ{W}*|Закавказ{W}*"),
    ("Middle East", rf"Ближн{W}*\s+Восток{W}*"),
    ("Ukraine", rf"Украин{W}*|украинск{W}*"),
    ("Afghanistan", rf"Афганистан{W}*|афганск{W}*"),
    ("Syria", rf"Сири{W}*|сирийск{W}*"),
    ("Korean Peninsula", rf"Корейск{W}*\s+полуостров{W}*"),
    ("Nagorno-Karabakh", rf"Карабах{W}*"),
    ("Iran nuclear programme", rf"иранск{W}*\s+ядерн{W}*"),
]
REGIONS = [(name, re.compile(rf"(?<!{W})(?:{pattern})")) for name, pattern in REGIONS]

# --- forums and agreements -----------------------------------------------------------------------------------------

FORUM = re.compile(
    rf"(?P<ord>[XVI]{{1,6}}|\d{{1,2}}(?:-?(?:й|го|м|ом))?)\s+(?:казахстанско-российск{W}*\s+|российско-казахстанск{W}*\s+)?"
    rf"Форум{W}*\s+межрегиональн{W}*\s+сотрудничеств{W}*"
)
FORUM_SHORT = re.compile(r"(?!)")
SIDE_FORUM = re.compile(r"(?!)")
SIDE_EVENT_LINK = re.compile(r"(?!)")
AGREEMENT_PERIOD_FIRST = re.compile(r"(?!)")
AGREEMENT_PERIOD_LAST = re.compile(
    rf"(?P<name>(?:План|Программ){W}*\s+(?:{W}+\s+){{0,6}}?на\s+)(?P<p1>(?:19|20)\d{{2}})\s*[-–]\s*(?P<p2>(?:19|20)\d{{2}})"
)
AGREEMENT_NAMED = re.compile(
    rf"(?P<name>(?:Договор|Соглашени|Меморандум|Протокол|Деклараци|Совместн{W}*\s+заявлени){W}*\s+(?:о|об|между|по)\s+"
    r"[^.;,«»]{3,140}?)(?=\s+(?:был|была|было|были|который|которое|подписан)|[.;,]|$)"
)
SIGNED = re.compile(rf"(?<!{W})(?:подписал{W}*|подписан{W}*|подписали)", re.IGNORECASE)
ORDINAL_WORDS = {}

# Offices a title names, the most specific first.
OFFICES = [
    (re.compile(rf"(?:заместител{W}*|замглав{W}*|замминистра)\s+(?:министра\s+)?(?:иностранных\s+дел|главы\s+МИД|МИД)"
                rf"|замминистра(?!{W})", re.I), "deputy_foreign_minister"),
    (re.compile(rf"министр{W}*\s+иностранных\s+дел|глав{W}*\s+МИД", re.I), "foreign_minister"),
    # "После" — предлог ("после переговоров"), а посол — лишь после предлога: "о после", "при после".
    (re.compile(rf"(?<!{W})(?:посол|посл[аоу]м?|(?:о|при)\s+после|посланник{W}*|поверенн{W}*\s+в\s+делах)"
                rf"(?!{W})", re.I), "ambassador"),
    (re.compile(rf"(?<!{W}){_CONSUL}", re.I), "consul"),
]  # fmt: skip
# Должности одной страны, что бы ни говорил текст: губернатор — глава российского региона, аким — казахстанского.
OWN_OFFICES = [(re.compile(rf"(?<!{W})губернатор", re.I), "RU"), (re.compile(rf"(?<!{W})аким", re.I), "KZ")]

# Названия встреч многих и заголовки для них ({org} — латинская аббревиатура организации).
MEETING_NAMES = (
    (rf"(?i)(?<!{W})СМИД\s+(?P<org>(?-i:[А-ЯЁ]{{2,6}}))(?!{W})", "{org} Council of Foreign Ministers"),
    # "Совет министров иностранных дел государств – участников СНГ", "заседание СМИД ОДКБ"
    (
        rf"(?i)(?<!{W})Совет{W}*\s+министров\s+иностранных\s+дел\s+(?:государств\s*[-–—]\s*(?:членов|участников)\s+)?"
        rf"(?P<org>(?-i:[А-ЯЁ]{{2,6}}))(?!{W})",
        "{org} Council of Foreign Ministers",
    ),
    (rf"(?i)(?<!{W})саммит{W}*\s+(?P<org>(?-i:[А-ЯЁ]{{2,6}}))(?!{W})", "{org} summit"),
    (
        rf"(?i)(?<!{W})(?:министр{W}*\s+иностранных\s+дел|глав{W}*\s+МИД)\s+(?:государств\s*[-–—]\s*(?:членов|участников)\s+)?"
        rf"(?P<org>(?-i:[А-ЯЁ]{{2,6}}))(?!{W})",
        "{org} foreign ministers' meeting",
    ),
)
