"""Settings for the Ivanovo civic participation portal, read from the environment.

With no DATABASE_URL and no REDIS_URL the portal runs on the embedded default: SQLite, Celery tasks
run in-process, e-mail printed to the console. Setting them switches to PostgreSQL and Redis.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


FLAGS = {
    **dict.fromkeys(["1", "true", "yes", "on"], True),
    **dict.fromkeys(["0", "false", "no", "off"], False),
}


def env_flag(name, default):
    """The yes-or-no environment variable ``name``, ``default`` when unset or empty. A value that
    is none of 1/0, true/false, yes/no, on/off (in any case) stops start-up: a typo must not
    silently turn a setting off."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return FLAGS[value.lower()]
    except KeyError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not understood: use 1 or 0, true or false, yes or no, on or off."
        ) from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: even `make run` shows the portal's own error pages, as residents see them.
DEBUG = env_flag("DJANGO_DEBUG", False)
# Without DJANGO_ALLOWED_HOSTS the portal answers on this machine only (the embedded default of
# `make run`, the tests): plain HTTP, a development key, static files as they are. Given host
# names, or DJANGO_DEBUG=0 said outright, and no debugging, it is a production portal: a key of
# its own (it refuses to start without one: a server exposed by mistake would otherwise sign
# sessions with a key anyone can read here), HTTPS, hashed static files.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
PRODUCTION = not DEBUG and ("DJANGO_DEBUG" in os.environ or bool(env_list("DJANGO_ALLOWED_HOSTS")))
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0 or DJANGO_ALLOWED_HOSTS names the "
            "portal's hosts."
        )
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The portal's public address, for links printed on paper (the QR codes on invitation slips).
PORTAL_URL = (
    os.environ.get("PORTAL_URL")
    or (f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000")
).rstrip("/")

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
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ivanovo_portal.accounts",
    "ivanovo_portal.places",
    "ivanovo_portal.documents",
    "ivanovo_portal.recommendations",
    "ivanovo_portal.indicators",
    "ivanovo_portal.accessibility",
    "ivanovo_portal.audit",
    "ivanovo_portal.pagecache",
    "ivanovo_portal.meetings",
    "surveys",
    "monitoring",
    "consultations",
    "campaign",
    # After the apps whose work its demo cases and the conference it was presented at come from.
    "toolkit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ivanovo_portal.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ivanovo_portal.middleware.refuse_null_characters",
    "django.middleware.common.CommonMiddleware",
    "ivanovo_portal.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ivanovo_portal.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ivanovo_portal.urls"
WSGI_APPLICATION = "ivanovo_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ivanovo_portal.context_processors.project",
            ],
            # The project package is not an app: its template tags are named here.
            "libraries": {"markdown": "ivanovo_portal.templatetags.markdown"},
        },
    },
]

# Databases: PostgreSQL from DATABASE_URL, otherwise an SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")

# The page cache (ivanovo_portal/pagecache) keeps its pages and table versions apart: anyone can
# make it store pages (one per address asked for), so in production it is a Redis of its own that
# evicts the least recently used (docker-compose.yml), never the broker's.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", REDIS_URL)


def _cache(url, name, entries):
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": name,
            "OPTIONS": {"MAX_ENTRIES": entries},
        }
    return {
        "BACKEND": "ivanovo_portal.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ivanovo"),
    }


CACHES = {
    "default": _cache(REDIS_URL, "default", 300),
    "pages": _cache(PAGE_CACHE_URL, "pages", 2000),
}

# Nearly every request but a kept page's reads its session: with the page cache's Redis, each
# session is read from a copy there, written to the database and there. That Redis may evict the
# copy (the session is then read from the database), and it is shared by every process: a copy in
# each process's memory would let one serve a session another has changed (logged out, say).
if PAGE_CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "pages"

# How long an anonymous visitor's page is kept at most (ivanovo_portal/pagecache): a change to
# what it shows is seen at once; the clock (an event becoming past) within this. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# Celery: Redis as broker; without REDIS_URL every task runs in-process, at once.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "portal")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
# A task killed at the hard limit is acknowledged, not redelivered: its document counts as stalled
# a while later (documents.models.STALL_MARGIN) and staff render it again.
CELERY_TASK_TIME_LIMIT = 300
# A message not acknowledged within the visibility timeout is delivered again, so the timeout must
# stay above the hard time limit plus the longest retry back-off (a retry waiting for its time is
# held unacknowledged): only a dead worker's task is ever redelivered.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Run by `celery beat`: one beat process per installation (docker-compose.yml's `beat` service).
CELERY_BEAT_SCHEDULE = {
    # Abandoned survey attempts and old sign-ins would otherwise stay in the database for good.
    "clear-expired-sessions": {
        "task": "ivanovo_portal.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    # Personal data past the retention period its app declared (GDPR Art. 5(1)(e)).
    "apply-retention": {
        "task": "ivanovo_portal.accounts.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=45),
    },
    # Officials are reminded of an answer the municipality owes before it falls due; once per
    # due date, however often this runs.
    "remind-answers-due": {
        "task": "ivanovo_portal.recommendations.tasks.send_answer_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Meeting registrants are reminded two days before; each once.
    "remind-meeting-registrants": {
        "task": "ivanovo_portal.meetings.tasks.send_reminders",
        "schedule": crontab(hour=10, minute=0),
    },
    # A render whose worker was killed is queued again within a minute: the broker would deliver
    # its message again only after the visibility timeout.
    "requeue-abandoned-documents": {
        "task": "ivanovo_portal.documents.tasks.requeue_abandoned_documents",
        "schedule": 60.0,
    },
    # A newsletter issue whose worker died is resumed within a minute.
    "resume-newsletters": {"task": "campaign.tasks.resume_sending", "schedule": 60.0},
    # The readings and downloads counted in Redis reach their rows within a minute.
    "write-counts": {"task": "ivanovo_portal.pagecache.tasks.write_counts", "schedule": 60.0},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: five failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Failures are forgotten after a whole login, password and code (accounts.throttling): a right
# password alone must not wipe out the wrong codes that followed it.
AXES_RESET_ON_SUCCESS = False
# Each failure is kept, with the typed name and the browser, in the person's login records.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Behind reverse proxies every request comes from the nearest proxy's address, and a lockout would
# shut out everyone. Given how many proxies stand in front, the client's address is the rightmost
# one in X-Forwarded-For that none of them wrote (accounts.throttling.client_ip): addresses the
# client made up itself lie further left and are never read.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "ivanovo_portal.accounts.throttling.client_ip"
# The second factor (accounts.second_factor): repeated wrong codes are throttled by axes per account
# and address, never per device, which would let anyone who knows a password lock its owner out.
OTP_TOTP_ISSUER = "Портал Иваново"
# The admin never shows an authenticator's key, its QR code or recovery codes: a superuser can
# remove a lost phone's device, not copy someone's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Online responses to one questionnaire from one client address within an hour before the browser
# must solve a proof of work to send another, which is then marked as sent in a burst (see the
# README's surveys section for why 30).
SURVEYS_BURST_THRESHOLD = int(os.environ.get("SURVEYS_BURST_THRESHOLD", "30"))
# Days the municipality has to answer a letter of recommendations, counted from the day it received
# it, and how many days before that the officials are reminded.
RECOMMENDATIONS_ANSWER_DAYS = int(os.environ.get("RECOMMENDATIONS_ANSWER_DAYS", "30"))
RECOMMENDATIONS_REMINDER_DAYS = int(os.environ.get("RECOMMENDATIONS_REMINDER_DAYS", "7"))
# Monitors' links are captured by a worker as evidence: only pages on these hosts (also after
# every redirect), fetched within this many seconds and up to this many bytes.
MONITORING_CAPTURE_HOSTS = env_list("MONITORING_CAPTURE_HOSTS", "www.ivanovo.bg,ivanovo.bg")
MONITORING_CAPTURE_TIMEOUT = int(os.environ.get("MONITORING_CAPTURE_TIMEOUT", "20"))
MONITORING_CAPTURE_MAX_BYTES = int(os.environ.get("MONITORING_CAPTURE_MAX_BYTES", "5242880"))
# The newsletter: messages a second the mail server or provider allows, and seconds after which a
# delivery a killed worker left "sending" is sent again (well above the SMTP timeout).
NEWSLETTER_RATE = float(os.environ.get("NEWSLETTER_RATE", "10"))
NEWSLETTER_LEASE = int(os.environ.get("NEWSLETTER_LEASE", "300"))

LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", _("Bulgarian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
FORMAT_MODULE_PATH = ["ivanovo_portal.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Without collectstatic (development, tests) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Generated documents are served through a view that checks permission, never from a public URL.
MEDIA_URL = "/media/"
# Behind nginx, the path of its internal location that serves MEDIA_ROOT: the view checks
# permission and nginx sends the file (X-Accel-Redirect). Empty: Django sends it.
X_ACCEL_REDIRECT_PREFIX = os.environ.get("X_ACCEL_REDIRECT_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail through SMTP when EMAIL_HOST is set, otherwise printed to the console.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", ""),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_flag("EMAIL_USE_TLS", True),
            "timeout": 20,
        },
    }
    if os.environ.get("EMAIL_HOST")
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@ivanovo.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Scripts and styles come from our own origin only: no inline script anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
