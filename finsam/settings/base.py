"""Settings shared by every environment. See dev.py, test.py and production.py."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    # Background tasks (Django's task framework, backported): the PDFs are made by a worker,
    # `manage.py db_worker`, from a queue in the database (finsam.rapporter.pdfjobb).
    "django_tasks",
    "django_tasks_db",
    "finsam",
    "insatser",
    "budget",
    "uppfoljning",
    # The roof: the documents, the start page and the commands that need every app.
    "finsam.rapporter",
    # The demo data and its `load_demo` command (app label "demo").
    "fixtures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: everything below runs in the scope of the user's förbund.
    "finsam.scoping.ForbundScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of the login views.
    "axes.middleware.AxesMiddleware",
]

# Outside any scope (commands, migrations, the demo loader, tests that call services
# directly) a förbund's model is queried unscoped; a request always runs in one
# (finsam/scoping.py). False makes a query there raise too.
SCOPES_DISABLED_OUTSIDE_SCOPE = True

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

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
                "finsam.context_processors.roll",
                "finsam.notiser.context_processors.notiser",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The queue of background tasks is a table in the same database: no other server. The
# worker (`manage.py db_worker`) runs beside the web server; `make run` starts both.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_USER_MODEL = "finsam.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses logins while a user or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the user's unread notices counted in the same query.
    "finsam.notiser.backends.NotisBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "finsam:start"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): five failures lock the user name for one hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# A user name is locked from one address only: an attacker elsewhere cannot lock out the real
# user. Behind reverse proxies the address comes from X-Forwarded-For (finsam/proxy.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "finsam.proxy.client_ip"
#: How many reverse proxies that append to X-Forwarded-For stand in front of the app (0: none).
FINSAM_TRUSTED_PROXIES = int(os.environ.get("FINSAM_TRUSTED_PROXIES", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
FORMAT_MODULE_PATH = ["finsam.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("FINSAM_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
#: The largest picture the kansli may upload to a report (finsam.rapportbilder), in bytes.
FINSAM_RAPPORTBILD_MAX_BYTE = 2 * 1024 * 1024

# What is kept under the data token (finsam/dataversion.py: built reports, checklists, the
# history's counts, the insats pages' content) is in each process's own memory. Django's
# default keeps 300 entries; the kept pages alone are one per user, URL and day, so 300
# would make the kept reports give way under a national installation's use.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FINSAM_CACHE_MAX_ENTRIES", "2000"))},
    }
}

# Django's widget templates written in Python, byte for byte (finsam/formrenderer.py).
FORM_RENDERER = "finsam.formrenderer.PythonRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# Content-Security-Policy: only our own scripts, styles and images; no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
X_FRAME_OPTIONS = "SAMEORIGIN"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# django.request (404, 403, 500 …) is written once, by the console handler: not passed on
# to the `django` logger, whose handlers (Django's console in DEBUG, mail_admins, which
# sends nothing without ADMINS) would print it a second time in `make run`. A 403 is one
# line without a traceback (finsam/loggfilter.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"utan_traceback_403": {"()": "finsam.loggfilter.UtanTraceback403"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
            "filters": ["utan_traceback_403"],
        },
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
