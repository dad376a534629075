"""Settings shared by every environment. Values that vary come from the environment."""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from recovery_portal.container_secrets import read_secret_files
from recovery_portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is for a developer's machine only; real environment variables win over it.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"), overwrite=False)

# --- Container secrets: SECRET_KEY_FILE, DATABASE_URL_FILE, … name files holding the values ----------
read_secret_files()

SERVICE_NAME = "Recovery Portal"
TRUST_NAME = env("TRUST_NAME", default="Demo NHS Foundation Trust")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "recovery_portal",
    # The admin site asks for a verified second factor (recovery_portal.second_factor, ADR 0027).
    "recovery_portal.second_factor_admin.SecondFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # form widget templates for FORM_RENDERER = TemplatesSetting
    "simple_history",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "workstreams",
    "teams",
    "careplans",
    "college",
    "evaluation",
    "identity",
]

MIDDLEWARE = [
    "recovery_portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a signed-in user unless it is marked @login_not_required.
    # A form sent after the session ended is kept for its writer (recovery_portal/session_timeout.py).
    "recovery_portal.session_timeout.KeepEntryLoginRequiredMiddleware",
    # request.user.is_verified(): whether this session has passed a second factor.
    "recovery_portal.middleware.SecondFactorSessionMiddleware",
    # Staff and administrators reach nothing but the second-factor pages until they pass one.
    "recovery_portal.middleware.SecondFactorRequiredMiddleware",
    "recovery_portal.middleware.SessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "recovery_portal.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "recovery_portal.urls"
WSGI_APPLICATION = "recovery_portal.wsgi.application"

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
                "csp.context_processors.nonce",
                "recovery_portal.context_processors.service",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Re-check pooled connections so the app recovers by itself after PostgreSQL restarts.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # While the database is unreachable a request gives up within seconds and shows the 503 page,
    # rather than holding a web worker until the proxy times out.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
    # PostgreSQL's JIT compiler pays off on long analytic queries, not on a web page's: on the
    # dashboards it spent longer compiling (up to a second per aggregate at Trust scale) than the
    # query then took to run.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "recovery_portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# ASVS 2.1: at least 12 characters, no composition rules, common and similar passwords refused.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "recovery_portal.passwords.MaximumLengthValidator"},
    # ADR 0027: no long runs of one character or a repeated chunk, no words of the service, and nothing
    # from the breach list shipped in recovery_portal/data (with its source).
    {"NAME": "recovery_portal.passwords.RepetitionValidator"},
    {"NAME": "recovery_portal.passwords.ServiceWordsValidator"},
    {"NAME": "recovery_portal.passwords.BreachedPasswordValidator"},
]
LOGIN_URL = "login"
# --- Signing in with an identity service (ADR 0026); each is offered only when its issuer is set ------
# The Trust's staff identity service: Microsoft Entra ID (client secret) or NHS CIS2 (private_key_jwt and
# signed request objects). Accounts are matched by OIDC_STAFF_SUBJECT_CLAIM only (Entra ID: "oid").
OIDC_STAFF_ISSUER = env("OIDC_STAFF_ISSUER", default="")
OIDC_STAFF_CLIENT_ID = env("OIDC_STAFF_CLIENT_ID", default="")
OIDC_STAFF_CLIENT_SECRET = env("OIDC_STAFF_CLIENT_SECRET", default="")
# client_secret_basic, client_secret_post or private_key_jwt (with OIDC_STAFF_PRIVATE_KEY_FILE, a PEM file).
OIDC_STAFF_CLIENT_AUTH = env("OIDC_STAFF_CLIENT_AUTH", default="client_secret_basic")
OIDC_STAFF_PRIVATE_KEY_FILE = env("OIDC_STAFF_PRIVATE_KEY_FILE", default="")
OIDC_STAFF_SIGNING_ALG = env("OIDC_STAFF_SIGNING_ALG", default="RS256")
OIDC_STAFF_SIGNED_REQUEST_OBJECT = env.bool("OIDC_STAFF_SIGNED_REQUEST_OBJECT", default=False)
OIDC_STAFF_SCOPES = env("OIDC_STAFF_SCOPES", default="openid profile email")
OIDC_STAFF_SUBJECT_CLAIM = env("OIDC_STAFF_SUBJECT_CLAIM", default="sub")
OIDC_STAFF_GROUPS_CLAIM = env("OIDC_STAFF_GROUPS_CLAIM", default="groups")
# Group id=Trust role pairs, e.g. "3f2a…=Recovery Evaluation Team,9c1b…=Recovery College team". Set, the
# identity service's groups give and end those roles at every sign-in; empty, administrators give them.
OIDC_STAFF_GROUP_ROLES = env.dict("OIDC_STAFF_GROUP_ROLES", default={})
# NHS login for people who use services: private_key_jwt (RS512) only; a verified identity (P9) is needed.
NHS_LOGIN_ISSUER = env("NHS_LOGIN_ISSUER", default="")
NHS_LOGIN_CLIENT_ID = env("NHS_LOGIN_CLIENT_ID", default="")
NHS_LOGIN_PRIVATE_KEY_FILE = env("NHS_LOGIN_PRIVATE_KEY_FILE", default="")
NHS_LOGIN_SCOPES = env("NHS_LOGIN_SCOPES", default="openid profile")
NHS_LOGIN_VTR = env("NHS_LOGIN_VTR", default='["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]')
# Clock difference allowed when checking an ID token's times, and how long a started sign-in may take.
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=60)
OIDC_SIGN_IN_MINUTES = env.int("OIDC_SIGN_IN_MINUTES", default=15)
# Days an invitation to the portal (a person to their record, a supporter to what is shared) can be used.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in slows guessing down by address and by account, and never locks an owner out (ADR 0027,
# recovery_portal/sign_in.py). Failures from one address in a window before that address must wait:
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=30)
SIGN_IN_ADDRESS_WINDOW_MINUTES = env.int("SIGN_IN_ADDRESS_WINDOW_MINUTES", default=15)
# Failures to one account before each further attempt waits twice as long as the last, up to a ceiling.
SIGN_IN_SLOW_AFTER = env.int("SIGN_IN_SLOW_AFTER", default=5)
SIGN_IN_MAX_DELAY_SECONDS = env.int("SIGN_IN_MAX_DELAY_SECONDS", default=60)
SIGN_IN_FAILURE_MEMORY_MINUTES = env.int("SIGN_IN_FAILURE_MEMORY_MINUTES", default=60)
# How long a browser the owner signed in from is remembered, so that others' failures do not slow them.
SIGN_IN_KNOWN_BROWSER_DAYS = env.int("SIGN_IN_KNOWN_BROWSER_DAYS", default=90)
# Other public forms: at most this many attempts an hour, (per address, per account or e-mail address).
RATE_LIMITS = {
    scope: (
        (env.int(f"RATE_LIMIT_{name}_PER_ADDRESS", default=address), 3600),
        (env.int(f"RATE_LIMIT_{name}_PER_ACCOUNT", default=account), 3600),
    )
    for scope, name, address, account in [
        ("password-reset", "PASSWORD_RESET", 10, 3),
        ("registration", "REGISTRATION", 5, 3),
        ("enrolment", "ENROLMENT", 60, 20),
        ("invitation", "INVITATION", 30, 10),
        ("second-factor-setup", "SECOND_FACTOR_SETUP", 30, 10),
    ]
}
# Password accounts not signed in to for this many days are disabled by a nightly job (ADR 0027).
ACCOUNT_INACTIVE_DAYS = env.int("ACCOUNT_INACTIVE_DAYS", default=90)
# Hours the link that confirms a new student's e-mail address works for (once).
STUDENT_EMAIL_CONFIRMATION_HOURS = env.int("STUDENT_EMAIL_CONFIRMATION_HOURS", default=24)
# A password reset link works once, for at most an hour (ASVS 2.5.x).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
if PASSWORD_RESET_TIMEOUT > 3600:
    PASSWORD_RESET_TIMEOUT = 3600

# Sessions end after 30 minutes without a request (ASVS 3.3.2) and never outlive 12 hours.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
# Seconds before the idle timeout at which a signed-in page warns and offers to stay signed in (WCAG
# 2.2.1), and minutes a form sent after the session ended is kept for its writer to save (ADR 0027).
SESSION_TIMEOUT_WARNING_SECONDS = env.int("SESSION_TIMEOUT_WARNING_SECONDS", default=120)
KEPT_ENTRY_MINUTES = env.int("KEPT_ENTRY_MINUTES", default=30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "recovery_portal.views.errors.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The pinned NHS.UK design system, installed by npm.
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploaded evidence is served through views that check access, never straight from MEDIA_URL.
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"

# E-mail goes through Django's backends; the console backend prints messages by default.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="recovery-portal@localhost")

# Messages (recovery_portal.notifications, ADR 0025). Every link in every message is built from the
# portal's own address; people are reached through GOV.UK Notify, staff through EMAIL_* above.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
NOTIFY_API_KEY = env("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
NOTIFY_CALLBACK_TOKEN = env("NOTIFY_CALLBACK_TOKEN", default="")

# The FHIR API for other systems (ADR 0028): how long a bearer token lives, and the largest page.
FHIR_TOKEN_LIFETIME_SECONDS = env.int("FHIR_TOKEN_LIFETIME_SECONDS", default=300)
FHIR_MAX_PAGE_SIZE = env.int("FHIR_MAX_PAGE_SIZE", default=100)
# Hours a bulk export's files are kept for the client to fetch.
FHIR_EXPORT_HOURS = env.int("FHIR_EXPORT_HOURS", default=24)
# No text messages in these hours (local time); held until they end. Empty: none.
NOTIFY_QUIET_HOURS = env("NOTIFY_QUIET_HOURS", default="21:00-08:00")

# Celery: with no broker configured, tasks run in-process (the embedded default of `make run`).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Long report jobs must not be handed to a second worker while the first is still on them.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    # A web request that queues a job while Redis is away must not wait: without these, kombu retries
    # the connection for seconds whatever ``retry=False`` says (celery#6046). One immediate retry
    # replaces a pooled connection left broken by a Redis restart. Workers reconnect on their own
    # terms (broker_connection_retry), which these do not change.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2),
}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2)
# `make run` without Redis: a real worker and beat on Kombu's filesystem transport, messages as files
# under .run/broker (scripts/run.sh), so reminders, offer expiry and the report schedule run on a laptop.
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_folder = Path(env("CELERY_FILESYSTEM_BROKER_DIR", default=str(BASE_DIR / ".run" / "broker")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_folder),
        "data_folder_out": str(_broker_folder),
        "processed_folder": str(_broker_folder / "processed"),
        "store_processed": False,
    }
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic jobs are declared by each app in its schedule.py and gathered in recovery_portal/celery.py.
CELERY_TIMEZONE = TIME_ZONE

# Annual evaluation report: a worker holds a run for this many seconds, renewed after every section;
# when it lapses (the worker vanished) the reaper gives the run to another worker.
ANNUAL_REPORT_LEASE_SECONDS = env.int("ANNUAL_REPORT_LEASE_SECONDS", default=600)
# The domain in the UIDs of the Recovery College calendar feed's events: fixed, so that subscribed
# calendars recognise the same session whatever address the feed was read through (never the Host header).
CALENDAR_UID_DOMAIN = env("CALENDAR_UID_DOMAIN", default="recovery-portal.invalid")
# Hours an uploaded returns file that was never imported is kept (NHS numbers, risk answers) before the
# scheduled clean-up deletes it; a discarded file is deleted at once.
RETURN_IMPORT_STAGING_HOURS = env.int("RETURN_IMPORT_STAGING_HOURS", default=24)
# Return imports (ADR 0029): a CSV up to this size is checked within the upload request; a larger one,
# and every XLSX, is checked by a background job with a progress bar, so no request waits on a big file.
RETURN_IMPORT_IN_REQUEST_BYTES = env.int("RETURN_IMPORT_IN_REQUEST_BYTES", default=1_000_000)
# Refused before any other work: sheets wider than this many columns (the template has 35) or longer
# than this many rows, empty ones included, and XLSX files that unpack to more than this many bytes.
RETURN_IMPORT_MAX_COLUMNS = env.int("RETURN_IMPORT_MAX_COLUMNS", default=64)
RETURN_IMPORT_MAX_SHEET_ROWS = env.int("RETURN_IMPORT_MAX_SHEET_ROWS", default=250_000)
RETURN_IMPORT_MAX_UNPACKED_BYTES = env.int("RETURN_IMPORT_MAX_UNPACKED_BYTES", default=200_000_000)
# Seconds a check job may run before it is stopped and the person told the file took too long.
RETURN_IMPORT_JOB_SECONDS = env.int("RETURN_IMPORT_JOB_SECONDS", default=300)
# How long a dashboard's figures are kept (evaluation/dashboards/cache.py); 0: never.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)
# How long the counts of people published for the whole Trust's tree of units (ADR 0022) are kept and
# shared by every dashboard page (evaluation/dashboards/cache.py); 0: worked out for every page.
PUBLISHED_COUNTS_CACHE_SECONDS = env.int("PUBLISHED_COUNTS_CACHE_SECONDS", default=300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The dashboards' figures, shared by every web process through the Redis the jobs already use, so a
    # dashboard's seconds of aggregation are done once, not once per process. Without Redis (make run),
    # each process keeps its own. Short timeouts: with Redis away the figures are worked out instead.
    "dashboards": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CELERY_BROKER_URL,
        "KEY_PREFIX": "dashboards",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    if CELERY_BROKER_URL.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dashboards"},
    # Rate limits and sign-in slowing (recovery_portal/rate_limits.py): shared by every web process
    # through Redis, so a limit holds whichever process answers. Without Redis (make run), per process.
    "rate_limits": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CELERY_BROKER_URL,
        "KEY_PREFIX": "rate-limits",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    if CELERY_BROKER_URL.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limits"},
}

# Second factors (ADR 0027). The name authenticator apps show beside the code; a passkey's relying
# party id (default: the host the page was served from, which ALLOWED_HOSTS already vouches for).
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default=f"{SERVICE_NAME} ({TRUST_NAME})")
PASSKEY_RP_ID = env("PASSKEY_RP_ID", default="")
# How many single-use recovery codes a person is given at a time.
RECOVERY_CODE_COUNT = env.int("RECOVERY_CODE_COUNT", default=10)

DEMO_PASSWORD = env("DEMO_PASSWORD", default="recovery-demo-2026")
# The one password of the load-test accounts (loadtest-…) that `generate_dataset` creates (DEBUG only).
LOADTEST_PASSWORD = env("LOADTEST_PASSWORD", default="recovery-loadtest-2026")

# --- Operations: logs, client addresses, error reporting, readiness --------------------------------
# JSON lines on standard output for the Trust's log platform; readable text when DEBUG is on.
LOGGING = logging_config(debug=DEBUG, level=env("LOG_LEVEL", default="INFO"))
# The header in which the Trust's own proxies pass on the client's address, and how many of them
# there are. Unset: the connection's address (REMOTE_ADDR) is the client's. Entries further left
# than the proxies' own are the client's to write and are never believed.
TRUSTED_PROXY_IP_HEADER = env("TRUSTED_PROXY_IP_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if TRUSTED_PROXY_IP_HEADER else 0)
# /health/ready/: how long a worker has to answer the ping job, how old beat's heartbeat may be (beat
# queues one a minute), how long an answer is reused, and how many checks an address may ask a minute.
READINESS_WORKER_WAIT_SECONDS = env.int("READINESS_WORKER_WAIT_SECONDS", default=3)
READINESS_BEAT_MAX_AGE_SECONDS = env.int("READINESS_BEAT_MAX_AGE_SECONDS", default=180)
READINESS_CACHE_SECONDS = env.int("READINESS_CACHE_SECONDS", default=5)
READINESS_RATE_LIMIT_PER_MINUTE = env.int("READINESS_RATE_LIMIT_PER_MINUTE", default=30)
# Error reports to the Trust's Sentry-compatible server, only when SENTRY_DSN is set; nothing personal
# is sent (recovery_portal/error_reports.py). Release and environment tell one deployment from another.
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="production")
SENTRY_RELEASE = env("SENTRY_RELEASE", default="")
if SENTRY_DSN:
    from recovery_portal import error_reports

    error_reports.start(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, release=SENTRY_RELEASE)
# The least-privilege role the web and worker processes connect as; `manage.py database_roles`, run as
# the tables' owner after migrating, creates it with this password and grants it rows, never tables.
DATABASE_APP_ROLE = env("DATABASE_APP_ROLE", default="recovery_app")
DATABASE_APP_PASSWORD = env("DATABASE_APP_PASSWORD", default="")
