import os

from django.core.checks import ERROR, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtgezinnen.settings")

application = get_wsgi_application()

# gunicorn runs no system checks; the one that guards production against DEMO_MODE runs here.
_errors = [m for m in run_checks(tags=["buurtgezinnen"]) if m.level >= ERROR]
if _errors:
    raise ImproperlyConfigured("; ".join(str(m) for m in _errors))
