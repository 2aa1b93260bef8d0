"""The project's settings with what the tests need: plain http, immediate huey, fast hashing."""

import tempfile
from pathlib import Path

from buurtgezinnen.settings import *  # noqa: F403
from buurtgezinnen.settings import STORAGES

HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
DEBUG = False
DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {"huey_class": "huey.MemoryHuey", "name": "tests", "immediate": True}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite: a test database in a file (not shared-cache memory), so that concurrent transactions
# wait for each other as in production instead of failing with "database table is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405

# Generated files (agreement PDFs) go to a directory of their own per test run.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="buurtgezinnen-media-"))
