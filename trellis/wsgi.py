"""The WSGI entry point: gunicorn (``make serve``) and runserver both load it, so both
refuse to serve with unsafe production settings (trellis/deploy.py)."""

import os

from django.core.wsgi import get_wsgi_application

from trellis.deploy import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
refuse_unsafe_production()
application = get_wsgi_application()
