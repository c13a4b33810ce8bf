"""Django settings, all from the environment (see README "Configuration").

SQLite is the default so that one command runs the whole app on a laptop;
production and CI set DATABASE_URL to PostgreSQL.
"""

from pathlib import Path

import dj_database_url

from trellis.deploy import DEVELOPMENT_SECRET_KEY
from trellis.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("TRELLIS_VAR_DIR", str(BASE_DIR.parent / "var")))

# Development defaults, so every command and the tests run on a bare checkout; serving
# outside TRELLIS_MODE=development refuses a missing or weak key, DEBUG on, no
# ALLOWED_HOSTS or a non-https SITE_URL (trellis/deploy.py, called by trellis/wsgi.py).
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
# The Django test runner adds "testserver" itself; no other setting allows it.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Links in mail (password reset, invitations) are built from this, never from the Host.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks_db",
    "trellis.jobs",
    "trellis.mail",
    "trellis.accounts",
    "trellis.audit",
    "trellis.clients",
    "trellis.plans",
    "trellis.measures",
    "trellis.library",
    "trellis.progress",
    "trellis.demo",  # the demo stories and `seed-demo`; nothing imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trellis.accounts.middleware.RequestBodyLimitMiddleware",
    "trellis.accounts.dates.DateStyleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "trellis.accounts.middleware.SessionLimitMiddleware",
    "trellis.accounts.middleware.AdminGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "trellis.accounts.middleware.NoStoreMiddleware",
]

# Request bodies. Larger ones are refused (413) before anything reads them, and a file
# upload needs a signed-in user (403, or its files dropped); what is accepted stays in
# memory, never on disk.
# Set the proxy's limit to match (nginx: client_max_body_size 5m).
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", 5 * 1024 * 1024, minimum=64 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
FILE_UPLOAD_HANDLERS = [
    "trellis.accounts.uploads.SignedInUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
]

ROOT_URLCONF = "trellis.urls"
WSGI_APPLICATION = "trellis.wsgi.application"

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
            ],
            "string_if_invalid": "",
            # Dates the practice's way everywhere: {{ d|day }}, {{ t|moment }}.
            "builtins": ["trellis.accounts.templatetags.dates"],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'trellis.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Kept between requests (a new PostgreSQL connection costs ~27 ms of server CPU).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,  # a kept connection the server dropped is reopened
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Django's SQLite backend with a schema editor that keeps the append-only triggers
    # through the table rebuilds of a migration (trellis/sqlite/schema.py).
    DATABASES["default"]["ENGINE"] = "trellis.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Each transaction takes the write lock when it begins. With SQLite's default
    # (deferred), two requests that both read and then write deadlock on the lock upgrade
    # and one fails at once with "database is locked", whatever the timeout; begun
    # immediate, the second waits its turn (https://www.sqlite.org/lang_transaction.html).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Tests use a file too: an in-memory database shared between threads locks whole
    # tables at once, which is not how the embedded default behaves under concurrency.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Defence in depth: a REPLACE's deletion then fires DELETE triggers too (the
    # no-replace triggers refuse a clash with a protected row for every client anyway).
    # WAL: readers never wait for the writer, and the writer never waits for readers
    # (https://www.sqlite.org/wal.html); the busy timeout above covers writer after writer.
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA recursive_triggers = ON; PRAGMA journal_mode = WAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60, minimum=60)

# Idle logoff: the session cookie expires this long after the last request.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 15 * 60, minimum=60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# Not saved on every request: the idle clock restarts at most once a minute
# (trellis/accounts/middleware.py), so idle logoff falls 15 to 16 minutes after the last
# request and reads do not all write the session row.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute limit: a session ends this long after login, however active.
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind the documented HTTPS proxy (README "Running in production"), which sets
# X-Forwarded-Proto and strips any the client sent: only then may Django trust it.
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Treatment plans: a plan's review falls this many days after its start unless set.
PLAN_REVIEW_DEFAULT_DAYS = env_int("PLAN_REVIEW_DEFAULT_DAYS", 90, minimum=1)
# Caseload dashboard defaults; a practice admin can set its own on the dashboard.
DASHBOARD_REVIEW_WARNING_DAYS = env_int("DASHBOARD_REVIEW_WARNING_DAYS", 14, minimum=0)
DASHBOARD_NO_IMPROVEMENT_WEEKS = env_int("DASHBOARD_NO_IMPROVEMENT_WEEKS", 8, minimum=1)
DASHBOARD_NO_SESSION_WEEKS = env_int("DASHBOARD_NO_SESSION_WEEKS", 3, minimum=1)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# The practice's imported ICD-10-CM code set (`trellis icd10 import`); the shipped set
# is used until there is one.
ICD10CM_FILE = Path(env_str("TRELLIS_ICD10CM_FILE", str(VAR_DIR / "icd10cm" / "icd10cm.tsv")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Mail: the console by default (the demo prints reset links); SMTP with EMAIL_HOST set.
_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "")
if not _EMAIL_BACKEND:
    _EMAIL_BACKEND = (
        "django.core.mail.backends.smtp.EmailBackend"
        if env_str("EMAIL_HOST", "")
        else "django.core.mail.backends.console.EmailBackend"
    )
_SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST", "127.0.0.1"),
    "port": env_int("EMAIL_PORT", 25, minimum=1),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
    "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Trellis <no-reply@trellis.invalid>")

# Background jobs (trellis/jobs): Django's tasks, kept in the database by django-tasks-db, so
# SQLite and PostgreSQL both work without another server. `trellis worker` runs them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}
# The periodic jobs, declared in one place.
TRELLIS_SCHEDULE = "trellis.schedule.PERIODIC"
# A running job whose worker has been silent this long is taken to be abandoned and runs
# again (the worker beats every quarter of it).
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 60, minimum=5)
# Finished jobs are kept this many days for the admin's jobs page, then pruned.
JOB_RETENTION_DAYS = env_int("JOB_RETENTION_DAYS", 30, minimum=1)

# Logs carry who and what, never client data: the audit log is the record of access.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
        # The library's own worker logs task arguments; Trellis's logs ids and outcomes.
        "django_tasks_db": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# One throttle for every way in (trellis/accounts/throttle.py): at most this many
# password checks per email, and per client address, within the window.
AUTHENTICATION_BACKENDS = ["trellis.accounts.backends.ThrottledModelBackend"]
LOGIN_LOCKOUT_FAILURES = env_int("LOGIN_LOCKOUT_FAILURES", 10, minimum=1)
LOGIN_LOCKOUT_IP_FAILURES = env_int("LOGIN_LOCKOUT_IP_FAILURES", 50, minimum=1)
LOGIN_LOCKOUT_WINDOW = env_int("LOGIN_LOCKOUT_WINDOW", 15 * 60, minimum=60)
PASSWORD_RESET_LIMIT = env_int("PASSWORD_RESET_LIMIT", 5, minimum=1)
# The Django admin can change anyone's practice and role: not reachable unless enabled.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
