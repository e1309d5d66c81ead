"""Bar charts drawn as SVG on the server: no JavaScript, nothing loaded from elsewhere.

Each bar may lead somewhere (the list filtered to it); bars may be split into series (stacked, with a legend); every
chart comes with its numbers as a table, for screen readers and for reading exact values. Labels thin out when the
bars are many, so they never run into each other, and the text stays readable when the chart shrinks to a phone's
width (the labels are drawn large in a narrow drawing).
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, LABEL_SPACE = 640, 180, 26
LABEL_WIDTH = 44  # the room a label needs: a year, or a short word, at the font size of the charts
# Room left around the bars for the text drawn beyond them, at the phone's font size (twice the desktop's): half a
# year's label each side, so the first and last years are not clipped, and a value above the tallest bar.
SIDE_ROOM, TOP_ROOM = 30, 28
SERIES = 5  # colours available (site.css: .series-0 … .series-4)


@dataclass
class Bar:
    label: str
    values: list
    url: str
    x: float
    width: float
    scale: float
    show_label: bool
    keep_label: bool  # shown at phone width too, where labels are drawn twice as large and half as many
    keep_value: bool = False  # the tallest bar's value, shown whatever the labels' thinning

    def svg(self, names):
        """The bar as SVG, its parts stacked from the axis up: built here rather than in the template, which cost a
        tenth of a person page's time with the bars of thirty-five years."""
        total = sum(self.values)
        parts, bottom = [], HEIGHT - LABEL_SPACE
        for index, value in enumerate(self.values):
            if not value:
                continue
            height = value * self.scale
            bottom -= height
            parts.append(
                format_html(
                    '<rect class="series-{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>',
                    index % SERIES,
                    _svg(self.x),
                    _svg(bottom),
                    _svg(self.width),
                    _svg(height),
                    self.label,
                    value,
                    names[index] if len(names) > 1 else "",
                )
            )
        centre = _svg(self.x + self.width / 2)
        keep = " keep" if self.keep_label else ""
        if total and (self.show_label or self.keep_value):
            kept = " keep" if self.keep_label or self.keep_value else ""
            parts.append(
                format_html('<text x="{}" y="{}" dy="-3" class="value{}">{}</text>', centre, _svg(bottom), kept, total)
            )
        if self.show_label:
            parts.append(
                format_html('<text x="{}" y="{}" dy="-8" class="label{}">{}</text>', centre, HEIGHT, keep, self.label)
            )
        # A hit area the height of the chart: a thin bar is easy to miss with a finger.
        hit = format_html(
            '<rect class="hit" x="{}" y="0" width="{}" height="{}"/>', _svg(self.x), _svg(self.width), HEIGHT
        )
        inner = mark_safe("".join(parts))
        if not self.url:
            return format_html("<g>{}{}</g>", hit, inner)
        # Named by its title (the label and the total) where its text is thinned out, by its text elsewhere.
        return format_html('<a href="{}"><title>{}: {}</title>{}{}</a>', self.url, self.label, total, hit, inner)


def _svg(number):
    """A coordinate as SVG text, formatted here: the template's number localisation costs more than the page's
    queries when there are many bars."""
    return f"{number:.1f}"


def stacked_chart(rows, names, title):
    """``rows``: (label, [value per series], address or "") in display order; ``names``: the series' names."""
    rows = list(rows)
    if not rows:
        return None
    totals = [sum(values) for _, values, _ in rows]
    top = max(totals) or 1
    tallest = totals.index(top)
    slot = min((WIDTH - 2 * SIDE_ROOM) / len(rows), 120)  # wide enough for a label such as "multilateral meeting"
    every = max(1, math.ceil(LABEL_WIDTH / slot))
    scale = (HEIGHT - LABEL_SPACE - TOP_ROOM) / top
    offset = (WIDTH - slot * len(rows)) / 2
    last = len(rows) - 1
    bars = [
        Bar(
            label=str(label),
            values=list(values),
            url=url,
            x=offset + index * slot + slot * 0.1,
            width=slot * 0.8,
            scale=scale,
            # Counted from the last bar, which is always labelled: the end of the period is what readers look for.
            show_label=(last - index) % every == 0,
            keep_label=(last - index) % (every * 2) == 0,
            keep_value=index == tallest,
        )
        for index, (label, values, url) in enumerate(rows)
    ]
    used = [index for index in range(len(names)) if any(values[index] for _, values, _ in rows)]
    return {
        "title": title,
        "svg": mark_safe("".join(bar.svg(names) for bar in bars)),  # each part escaped by format_html
        "width": WIDTH,
        "height": HEIGHT,
        "axis": {"x1": 0, "y1": HEIGHT - LABEL_SPACE, "x2": WIDTH, "y2": HEIGHT - LABEL_SPACE},
        "legend": [(f"series-{index % SERIES}", names[index]) for index in used] if len(names) > 1 else [],
        "columns": names if len(names) > 1 else [],
        "table": [(label, values, sum(values), url) for label, values, url in rows],
    }


RANKED_WIDTH, RANKED_ROW, NAME_COLUMN = 340, 26, 150


def ranked_chart(rows, title):
    """``rows``: (label, value, address or "") of categories, drawn as horizontal bars in the order given, each
    with its label on its left and its value at its end. Every label is shown at any width: long ones such as
    "multilateral meeting" need no thinning, as the labels of a row of upright bars do."""
    rows = list(rows)
    if not rows:
        return None
    top = max(value for _, value, _ in rows) or 1
    room = RANKED_WIDTH - NAME_COLUMN - 34  # the longest bar, with its value after it
    parts = []
    for index, (label, value, url) in enumerate(rows):
        y = index * RANKED_ROW
        length = value * room / top
        inner = format_html(
            '<rect class="hit" x="0" y="{}" width="{}" height="{}"/>'
            '<text class="name" x="{}" y="{}" dy="17">{}</text>'
            '{}<text class="count" x="{}" y="{}" dy="17">{}</text>',
            y,
            RANKED_WIDTH,
            RANKED_ROW,
            NAME_COLUMN - 6,
            y,
            label,
            format_html(
                '<rect class="series-0" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                NAME_COLUMN,
                y + 4,
                _svg(length),
                RANKED_ROW - 8,
                label,
                value,
            )
            if value
            else "",
            _svg(NAME_COLUMN + length + 4),
            y,
            value,
        )
        if url:
            parts.append(format_html('<a href="{}"><title>{}: {}</title>{}</a>', url, label, value, inner))
        else:
            parts.append(format_html("<g>{}</g>", inner))
    height = RANKED_ROW * len(rows)
    return {
        "title": title,
        "kind": "ranked",
        "svg": mark_safe("".join(parts)),  # each part escaped by format_html
        "width": RANKED_WIDTH,
        "height": height,
        "axis": {"x1": NAME_COLUMN, "y1": 0, "x2": NAME_COLUMN, "y2": height},
        "legend": [],
        "columns": [],
        "table": [(label, [value], value, url) for label, value, url in rows],
    }


def bar_chart(counts, title, link=None):
    """``counts``: (label, value) pairs in display order; ``link(label)``: where a bar leads, if anywhere."""
    return stacked_chart([(label, [value], link(label) if link else "") for label, value in counts], [title], title)


def every_year(rows):
    """Rows of counts per year (dicts with "year"), with the years between the first and the last filled with
    zeros, so the time axis is honest."""
    found = {row["year"]: row for row in rows}
    if not found:
        return []
    empty = {key: 0 for key in next(iter(found.values())) if key != "year"}
    return [found.get(year, {**empty, "year": year}) for year in range(min(found), max(found) + 1)]


def per_year(rows):
    """(year, n) for every year between the first and the last of ``rows``."""
    return [(row["year"], row["n"]) for row in every_year(rows)]
