"""Settings shared by every environment; values come from the environment (django-environ).

Embedded defaults (SQLite under var/, a filesystem broker, console email) let the
application run with no server; production sets DATABASE_URL and CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

from config.observability import init_sentry, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY phải được đặt khi DEBUG tắt.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "guardian",
    "config.apps.AxesConfig",
    "csp",
    "config.apps.PeriodicTasksConfig",
    "viewflow",
    "viewflow.workflow",
    "pgtrigger",
    "pghistory",
    "accounts",
    "dossiers",
    "workflows",
    "movement",
    "province",
    "documents",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.RequestIdMiddleware",
    "config.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "notifications.context.unread_notifications",
                "config.context.field_limits",
            ],
        },
    },
]

# An empty DATABASE_URL means "not set".
DB_PREPARE = env.str("DB_PREPARE", default="on") != "off"
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'antt.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool keeps connections across requests within a process.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN", default=1),
        "max_size": env.int("DB_POOL_MAX", default=10),
        # How long a request waits for a free connection before it fails (psycopg's
        # default, 30 s, outlasts the load balancer's patience).
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
    }
    # No JIT: a page's queries are short index reads whose estimated cost can still cross
    # jit_above_cost on a large table, and compiling them cost 0.3–2.4 s a query (issue #14:
    # the inbox 754 ms with JIT, 404 ms without). Index reads priced for SSDs
    # (random_page_cost 1.1, not the spinning-disk 4): with 4 the planner hashes a whole
    # table (every unit) to join the 50 rows of a page. Set on each pooled connection.
    DATABASES["default"]["OPTIONS"]["options"] = env.str(
        "DB_OPTIONS", default="-c jit=off -c random_page_cost=1.1"
    )
    # A few fixed-text reads are prepared, planned once per connection (dossiers.prepared).
    # psycopg prepares nothing while the threshold is None (Django's default); the ORM's own
    # cursors bind client-side and are never prepared, and the preparing cursor asks with
    # prepare=True, so the threshold is set out of reach: nothing is prepared by count.
    # DB_PREPARE=off for a pooler that cannot keep a session's statements (PgBouncer
    # before 1.22 in transaction mode, or with max_prepared_statements at 0).
    if DB_PREPARE:
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2**31 - 1
else:
    # The embedded run has a web server, a worker and beat on one SQLite file: a deferred
    # transaction that reads, then writes, fails at once with "database is locked" when
    # another process writes (the busy timeout does not apply to that upgrade); taking the
    # write lock at BEGIN makes them wait their turn instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
# A connection the database dropped (restart, failover, terminated backend) is found out
# before a request uses it, not by the request failing; with the pool, Django turns this
# into psycopg_pool's check of each connection it hands out.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
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
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
# The 8 hours run from the last request, written at most every 5 minutes
# (config.middleware.SessionMiddleware), not on every page.
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Nothing after a step's commit may fail its answer (DESIGN.md): messages travel in a
# signed cookie, never in the database, and config.middleware.SessionMiddleware lets the
# refresh of an unchanged session fail quietly (the session simply is not extended).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Lock-out after repeated failed logins (per user name and IP address).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address behind trusted proxies (accounts.client_ip): how many proxies stand in
# front of the application (0: none, the connection's address counts) and which header they
# append the client's address to.
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(
    env.list("AXES_PROXY_HEADERS", default=["HTTP_X_FORWARDED_FOR"])
)

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ANTT <no-reply@antt.local>")

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={})
if CELERY_BROKER_URL.startswith("filesystem://") and not CELERY_BROKER_TRANSPORT_OPTIONS:
    # Every folder of kombu's filesystem transport under var/ (its control folder defaults
    # to ./control); config/celery.py creates them when the Celery app is configured.
    _queue_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "in"),
        "data_folder_out": str(_queue_dir / "in"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# JSON lines with the request id and the acting user (config/observability.py).
LOGGING = logging_config(env("LOG_LEVEL", default="INFO"), json=env.bool("LOG_JSON", default=True))
SENTRY_DSN = env("SENTRY_DSN", default="")
init_sentry(
    SENTRY_DSN,
    environment=env("SENTRY_ENVIRONMENT", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

# /healthz (config/health.py): what counts as too old, and how long the broker may take.
HEALTHZ_BEAT_MAX_AGE = env.int("HEALTHZ_BEAT_MAX_AGE", default=300)  # seconds
HEALTHZ_EMAIL_MAX_AGE = env.int("HEALTHZ_EMAIL_MAX_AGE", default=3600)  # seconds
HEALTHZ_BROKER_TIMEOUT = env.float("HEALTHZ_BROKER_TIMEOUT", default=2.0)  # seconds

# Content-Security-Policy (django-csp): scripts and styles from our own origin only — no
# inline handlers or <script> bodies in templates (static/js/ holds them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# One periodic sweep for reminders and escalations (DESIGN.md "Deadlines"); django-celery-
# beat's DatabaseScheduler copies these entries into its tables, editable in the admin.
CELERY_BEAT_SCHEDULE = {
    "sweep-deadlines": {"task": "notifications.tasks.sweep_deadlines", "schedule": 60.0},
    "daily-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=17, minute=0),
    },
    "periodic-report-reminders": {
        "task": "notifications.tasks.remind_periodic_reports",
        "schedule": crontab(hour=7, minute=0),
    },
}
NOTIFICATIONS_SWEEP_BATCH = env.int("NOTIFICATIONS_SWEEP_BATCH", default=500)
NOTIFICATIONS_SWEEP_PAUSE = env.float("NOTIFICATIONS_SWEEP_PAUSE", default=0.0)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
