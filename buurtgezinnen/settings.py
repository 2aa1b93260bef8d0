"""Settings for Buurtgezinnen, read from the environment (12-factor).

Every secret can also be given as a file: ``SECRET_KEY_FILE=/run/secrets/key`` instead of
``SECRET_KEY=...`` (see ``SECRET_NAMES``).
The defaults are safe for production; the demo and the tests switch things off explicitly.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


SECRET_NAMES = ("SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "HUEY_URL", "CACHE_URL")


def _env_file_secrets() -> None:
    """Let ``NAME_FILE`` provide ``NAME`` for each secret (Docker/Kubernetes secrets)."""
    for name in SECRET_NAMES:
        path = os.environ.get(f"{name}_FILE")
        if path and name not in os.environ:
            os.environ[name] = Path(path).read_text(encoding="utf-8").strip()


_env_file_secrets()
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# The demo logs in with printed TOTP secrets; see org.checks for what refuses it in production.
DEMO_MODE = env.bool("DEMO_MODE", default=False)
# Behind TLS in production; the local demo runs on plain http://127.0.0.1.
HTTPS = env.bool("HTTPS", default=True)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    # A local key, made once and kept under var/, so a developer or the demo needs no setup.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    "huey.contrib.djhuey",
    "buurtgezinnen.core",
    "buurtgezinnen.org",
    "buurtgezinnen.audit",
    "buurtgezinnen.families",
    "buurtgezinnen.public",
    "buurtgezinnen.recruitment",
    "buurtgezinnen.matching",
    "buurtgezinnen.agenda",
    "buurtgezinnen.concerns",
    "buurtgezinnen.agreements",
    "buurtgezinnen.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (static files need neither): the CSP, Permissions-Policy and no-store.
    "csp.middleware.CSPMiddleware",
    "buurtgezinnen.core.middleware.BrowserDefencesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "buurtgezinnen.org.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "buurtgezinnen.org.middleware.RequireTwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "buurtgezinnen.urls"
WSGI_APPLICATION = "buurtgezinnen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "buurtgezinnen.org.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite (WAL) under var/ by default; PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Users and login
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "buurtgezinnen.org.adapters.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "agenda:start"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "buurtgezinnen.org.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Buurtgezinnen] "
# django-axes is the one lockout mechanism; allauth's own login-failure limit is switched off.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Buurtgezinnen"
MFA_RECOVERY_CODE_COUNT = 10

# The reverse proxies in front of gunicorn whose X-Forwarded-For is believed (core.client). 0: the
# header is ignored. AXES_IPWARE_PROXY_COUNT is the name older deployments used.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("AXES_IPWARE_PROXY_COUNT", default=0)
)
if TRUSTED_PROXY_COUNT < 0:
    raise ValueError("TRUSTED_PROXY_COUNT must be 0 or more")

# Password guessing (decision 3, org.lockout): within the cool-off window, failures per account and
# address together, per account over all addresses and per address over all accounts each have a
# limit; reaching one refuses the next attempt before the password is checked.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", default=5)
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=20)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
# The account holder hears of an attack at most once in this time.
LOCKOUT_NOTICE_INTERVAL = timedelta(hours=env.int("LOCKOUT_NOTICE_HOURS", default=24))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "buurtgezinnen.org.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "buurtgezinnen.org.adapters.axes_username"
AXES_CLIENT_IP_CALLABLE = "buurtgezinnen.core.client.client_address"
AXES_LOCKOUT_CALLABLE = "buurtgezinnen.org.views.locked_out"
AXES_VERBOSE = False

# Sessions live in the database (decision 44): every app server sees them, and a restart or flush
# of the cache (Redis) logs nobody out. org.tasks.clear_expired_sessions removes old ones nightly.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions end after 60 minutes without activity and 10 hours in all (org.middleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=60)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=10)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Security headers; the TLS-only ones follow HTTPS.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): scripts and styles only from our own files, no inline
# script or style, no eval; images also as data: URIs (the CSS's icons, the TOTP QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploaded and generated files (the signed agreements as PDF): under var/, served only through
# views that check access, never as static files.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Mail: console by default; the demo writes files under var/mail; production sets EMAIL_URL.
_email = env.email("EMAIL_URL", default="consolemail://")
vars().update(_email)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=_email["EMAIL_BACKEND"])
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Buurtgezinnen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: huey. sqlite:// (default, a file under var/) or redis://… in production.
HUEY_URL = env.str("HUEY_URL", default=f"sqlite:///{VAR_DIR / 'huey.sqlite3'}")
HUEY_IMMEDIATE = env.bool("HUEY_IMMEDIATE", default=False)


def _huey_settings(url: str, immediate: bool) -> dict[str, object]:
    common: dict[str, object] = {"name": "buurtgezinnen", "immediate": immediate, "utc": True}
    if url.startswith("sqlite://"):
        return {**common, "huey_class": "huey.SqliteHuey", "filename": url[len("sqlite:///") :]}
    if url.startswith(("redis://", "rediss://")):
        return {**common, "huey_class": "huey.RedisHuey", "url": url}
    raise ValueError("HUEY_URL must start with sqlite:// or redis://")


HUEY = _huey_settings(HUEY_URL, HUEY_IMMEDIATE)

# Application logs carry no personal data: every line passes the redacting formatter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacted": {
            "()": "buurtgezinnen.core.logging.RedactingFormatter",
            "format": "{asctime} {levelname} {name}: {message}",
            "style": "{",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "redacted"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Configured here, so run_huey adds no second handler of its own.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# django-auditlog: who changed what; sensitive values are masked per model in audit/registry.py.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True

FORM_RENDERER = "buurtgezinnen.core.forms.FormRenderer"
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional setting until Django 6
