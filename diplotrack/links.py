"""Addresses of the pages a list links by the dozen (a row per meeting, a link per participant): each reversed once,
not once per row. Keyed by what reverse() reads besides its arguments: the script prefix and the URLconf."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def link(viewname, **kwargs):
    return _reversed(get_script_prefix(), get_urlconf(), viewname, tuple(kwargs.items()))


@lru_cache(maxsize=65536)
def _reversed(prefix, urlconf, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
