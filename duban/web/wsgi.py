"""WSGI entry for gunicorn: `gunicorn duban.web.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
application = get_wsgi_application()
