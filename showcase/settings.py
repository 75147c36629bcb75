"""Settings for the Dyver × Runflow Showcase.

Everything that differs between a laptop, CI and production comes from the
environment through environs, which raises on a malformed value instead of
guessing. `make run` writes `var/dev.env` with fresh dev keys; production sets
real values (see README).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = Env()
# pytest imports these settings; tests never read the developer's var/dev.env.
TESTING = env.bool("TESTING", False) or "pytest" in sys.modules
if not TESTING:
    env.read_env(env.str("SHOWCASE_ENV_FILE", str(VAR_DIR / "dev.env")), recurse=False)

DEBUG = env.bool("DEBUG", False)

if DEBUG or TESTING:
    SECRET_KEY = env.str("SECRET_KEY", "dev-only-insecure-key-" + "x" * 40)
else:
    SECRET_KEY = env.str("SECRET_KEY")  # required: raises when missing

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG or TESTING else []
)
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "allauth",
    "allauth.account",
    "showcase",
    "accounts",
    "teams",
    "connections",
    "batches",
    "gallery",
    "guide",
    "sandbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "teams.middleware.CurrentTeamMiddleware",
]

ROOT_URLCONF = "showcase.urls"
WSGI_APPLICATION = "showcase.wsgi.application"

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
                "django.template.context_processors.csp",
                "teams.context_processors.current_team",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.dj_db_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'showcase.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + immediate transactions: web, worker and beat share one file without
    # "database is locked" under ordinary dev load.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not :memory:, so live-server and worker threads share the test database.
    # TEST_ISOLATION=<name> keeps concurrent local test runs apart.
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            VAR_DIR / f"test{'-' + _iso if (_iso := env.str('TEST_ISOLATION', '')) else ''}.sqlite3"
        )
    }
else:
    # Tests: worker and live-server threads must not keep connections open, or the
    # test database cannot be dropped at the end.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else env.int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- cache (allauth's rate limits live here) -----------------------------------
CACHES = {"default": env.dj_cache_url("CACHE_URL", "locmem://")}

# --- auth ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "teams:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "gallery:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
if env.bool("DISABLE_RATE_LIMITS", False):
    ACCOUNT_RATE_LIMITS = False  # allauth's own off switch; otherwise its defaults apply

# Django 6.1 mailers. Dev prints mail to the console; tests use locmem (the test
# runner swaps it in); production sends through SMTP.
_mail_backend = env.str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _mail_backend}}
if _mail_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env.str("EMAIL_HOST", "localhost"),
        "port": env.int("EMAIL_PORT", 25),
        "username": env.str("EMAIL_HOST_USER", ""),
        "password": env.str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env.bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Dyver × Runflow <showcase@localhost>")

# --- i18n / static / media ------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env.bool("USE_S3", False):
    # Production media on S3 (django-storages); credentials from AWS_* env vars.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
SERVE_MEDIA = env.bool("SERVE_MEDIA", DEBUG or TESTING)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 200
UPLOAD_MAX_IMAGE_BYTES = env.int("UPLOAD_MAX_IMAGE_BYTES", 20 * 1024 * 1024)

# --- secrets at rest ------------------------------------------------------------
# A list of Fernet keys: the first encrypts, every one decrypts. Rotate by
# putting a new key first, then `manage.py rotate_encryption_keys`.
if DEBUG or TESTING:
    FIELD_ENCRYPTION_KEYS = env.list(
        "FIELD_ENCRYPTION_KEYS", ["ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="]
    )
else:
    FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")

# --- celery ---------------------------------------------------------------------
# Default: kombu's filesystem transport under var/, an embedded broker that needs
# no service. Compose and CI point CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_FOLDER = VAR_DIR / (
    f"broker-test{'-' + env.str('TEST_ISOLATION', '') if env.str('TEST_ISOLATION', '') else ''}"
    if TESTING
    else "broker"
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT = "showcase.broker:Transport"  # atomic writes, see broker.py
    for sub in ("out", "processed", "control"):
        (CELERY_BROKER_FOLDER / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "out"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "out"),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        "store_processed": False,
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Runflow --------------------------------------------------------------------
RUNFLOW_API_BASE = env.str("RUNFLOW_API_BASE", "https://api.runflow.io").rstrip("/")
SANDBOX_ENABLED = env.bool("SANDBOX_ENABLED", DEBUG or TESTING)
SANDBOX_BASE = env.str("SANDBOX_BASE", f"{SITE_URL}/sandbox").rstrip("/")
RUNFLOW_TIMEOUT_S = env.float("RUNFLOW_TIMEOUT_S", 15.0)
# Sandbox prices (the real API prices its own): per stage of each succeeded item.
RUNFLOW_PRICE_PER_STAGE = env.decimal("RUNFLOW_PRICE_PER_STAGE", Decimal("0.205"))
RUNFLOW_MAX_BATCH_ITEMS = env.int("RUNFLOW_MAX_BATCH_ITEMS", 100)

# Sandbox behaviour knobs (tests shrink them).
SANDBOX_RATE_LIMIT_PER_MINUTE = env.int("SANDBOX_RATE_LIMIT_PER_MINUTE", 120)
SANDBOX_WEBHOOK_BASE_DELAY_S = env.float("SANDBOX_WEBHOOK_BASE_DELAY_S", 2.0)
SANDBOX_WEBHOOK_MAX_ATTEMPTS = env.int("SANDBOX_WEBHOOK_MAX_ATTEMPTS", 6)
SANDBOX_FETCH_MAX_BYTES = env.int("SANDBOX_FETCH_MAX_BYTES", 25 * 1024 * 1024)

# --- sandbox
# Rate-limit window: SANDBOX_RATE_LIMIT_PER_MINUTE is scaled to it (tests use 1 s).
SANDBOX_RATE_WINDOW_S = env.int("SANDBOX_RATE_WINDOW_S", 60)
SANDBOX_FETCH_TIMEOUT_S = env.float("SANDBOX_FETCH_TIMEOUT_S", 10.0)
SANDBOX_WEBHOOK_TIMEOUT_S = env.float("SANDBOX_WEBHOOK_TIMEOUT_S", 10.0)
# Under tests the sandbox fetches images and posts webhooks to loopback hosts only.
SANDBOX_LOOPBACK_ONLY = env.bool("SANDBOX_LOOPBACK_ONLY", TESTING)
# kombu's filesystem transport sleeps 1 s whenever every worker slot is busy, which caps
# a worker at ~concurrency tasks a second (a 100-item batch: 70 s instead of 37 s here).
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS["polling_interval"] = env.float("CELERY_POLL_S", 0.1)
# --- end sandbox

# --- batches flow ---------------------------------------------------------------
# The poller: every 2 s, poll the batches whose backoff (2 s growing to 30 s) is due.
CELERY_BEAT_SCHEDULE = {
    "batches-poll-due": {"task": "batches.tasks.batch_poll_due", "schedule": 2.0},
}
RUNFLOW_POLL_MIN_S = env.float("RUNFLOW_POLL_MIN_S", 2.0)
RUNFLOW_POLL_MAX_S = env.float("RUNFLOW_POLL_MAX_S", 30.0)
RUNFLOW_WEBHOOK_TOLERANCE_S = env.int("RUNFLOW_WEBHOOK_TOLERANCE_S", 300)
# Result images are copied only from the connection's API host or these hosts.
RUNFLOW_RESULT_HOSTS = env.list("RUNFLOW_RESULT_HOSTS", [])
RUNFLOW_COPY_MAX_BYTES = env.int("RUNFLOW_COPY_MAX_BYTES", 30 * 1024 * 1024)
THUMBNAIL_PX = env.int("THUMBNAIL_PX", 480)
# Persistent SQLite connections for a gunicorn on SQLite (the webhook bench sets it); off by
# default because the threaded dev server would open one per request thread.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("SQLITE_CONN_MAX_AGE", 0)

# --- security -------------------------------------------------------------------
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "<CSP_NONCE_SENTINEL>"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"] + env.list("CSP_IMG_SRC", []),
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- logging --------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.log_level("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
