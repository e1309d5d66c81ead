"""Partial dates: a date plus how much of it is known."""

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


def format_partial(value, precision):
    """'9 October 2019', 'April 2024' or '2024', by precision."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def fits_precision(value, precision):
    """A month-precise date is stored as the 1st; a year-precise one as 1 January."""
    if value is None:
        return True
    if precision == Precision.MONTH:
        return value.day == 1
    if precision == Precision.YEAR:
        return value.day == 1 and value.month == 1
    return True
