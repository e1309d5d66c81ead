"""Marking text in another language than the page's, so that screen readers read it with the right voice."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@register.filter
def lang_attr(text):
    """' lang="ru"' for a text written in Cyrillic letters (a Russian or Kazakh spelling), else nothing."""
    return mark_safe(' lang="ru"') if CYRILLIC.search(str(text or "")) else ""
