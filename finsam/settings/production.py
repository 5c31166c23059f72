"""Production. Required environment: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL.

Optional: DJANGO_CSRF_TRUSTED_ORIGINS, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL, FINSAM_MEDIA_ROOT,
FINSAM_LOGG (json, the default: one JSON object per log line; text: as in development),
DATABASE_CONN_MAX_AGE (seconds a worker keeps its database connection; default 60, 0: a new
one per request).
"""

import copy
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

# Persistent database connections: each gunicorn worker keeps its connection for a minute
# instead of opening one per request (PostgreSQL's connect and its first read of every
# table's metadata would otherwise come with each request: the history page touches 32
# tables). A connection that broke is noticed before the request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Sätt DJANGO_SECRET_KEY till en lång slumpmässig hemlighet.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Sätt DJANGO_ALLOWED_HOSTS, t.ex. finsam.exempel.se")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The health check (finsam/halsa.py): the proxy or load balancer probes each instance over
# plain HTTP, without X-Forwarded-Proto; a redirect to https would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "finsam@localhost")

# Logs as JSON lines (finsam/loggformat.py) for a log collector; FINSAM_LOGG=text keeps the
# plain lines of development. The filters of base.LOGGING (utan_traceback_403) stay.
FINSAM_LOGG = os.environ.get("FINSAM_LOGG", "json")
if FINSAM_LOGG not in ("json", "text"):
    raise ImproperlyConfigured("FINSAM_LOGG ska vara json eller text.")
if FINSAM_LOGG == "json":
    LOGGING = copy.deepcopy(LOGGING)  # noqa: F405
    LOGGING["formatters"] = {"json": {"()": "finsam.loggformat.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
