"""Small bar charts drawn as SVG on the server: no JavaScript, nothing loaded from elsewhere."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, LABEL_SPACE = 640, 160, 22


@dataclass
class Bar:
    label: str
    value: int
    x: str
    y: str
    width: str
    height: str
    show_label: bool

    def svg(self):
        """The bar as SVG: built here rather than in the template, which cost a tenth of a person page's time with
        the bars of thirty-five years."""
        value = (
            format_html('<text x="{}" y="{}" dy="-3" class="value">{}</text>', self.x, self.y, self.value)
            if self.value
            else ""
        )
        label = (
            format_html('<text x="{}" y="{}" dy="-6" class="label">{}</text>', self.x, HEIGHT, self.label)
            if self.show_label
            else ""
        )
        return format_html(
            '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}"/>{}{}</g>',
            self.label,
            self.value,
            self.x,
            self.y,
            self.width,
            self.height,
            value,
            label,
        )


def _svg(number):
    """A coordinate as SVG text, formatted here: the template's number localisation costs more than the page's
    queries when there are many bars."""
    return f"{number:.1f}"


def bar_chart(counts, title):
    """``counts``: (label, value) pairs in display order."""
    counts = list(counts)
    if not counts:
        return None
    top = max(value for _, value in counts) or 1
    slot = min(WIDTH / len(counts), 120)  # wide enough for a label such as "multilateral meeting"
    every = max(1, len(counts) // 16)  # keep labels legible when there are many bars
    bars = []
    for index, (label, value) in enumerate(counts):
        height = (HEIGHT - LABEL_SPACE - 14) * value / top
        bars.append(
            Bar(
                label=str(label),
                value=value,
                x=_svg((WIDTH - slot * len(counts)) / 2 + index * slot + slot * 0.1),
                y=_svg(HEIGHT - LABEL_SPACE - height),
                width=_svg(slot * 0.8),
                height=_svg(height),
                show_label=index % every == 0,
            )
        )
    return {
        "title": title,
        "svg": mark_safe("".join(bar.svg() for bar in bars)),  # each part escaped by format_html
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - LABEL_SPACE,
    }


def per_year(rows):
    """Fill the gaps between the first and last year so the time axis is honest."""
    counts = {row["year"]: row["n"] for row in rows}
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
