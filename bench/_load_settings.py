"""The production settings, with the load benchmark's URLs: the app plus its baseline page.

Only bench/load.py uses it (DJANGO_SETTINGS_MODULE for the gunicorn it starts)."""

from trellis.settings import *  # noqa: F403

ROOT_URLCONF = "bench._load_urls"
