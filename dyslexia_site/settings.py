"""Settings for Dyslexia Empower Hub.

Everything comes from the environment (see the README's configuration table).
With nothing set, the site runs embedded: SQLite, Celery tasks executed
in-process, local-memory cache, e-mails printed to the console. Setting
DATABASE_URL and REDIS_URL switches to the full stack without code changes.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin with the site's own AdminSite: staff log in through allauth, with two factors.
    "dyslexia_site.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "import_export",
    "accounts",
    "learning.apps.LearningConfig",
    "mocktest.apps.MocktestConfig",
    "rewards.apps.RewardsConfig",
    "progress.apps.ProgressConfig",
    "dynamic.apps.DynamicConfig",
    "chatbot.apps.ChatbotConfig",
    "dyslexia_site.apps.SiteConfig",
]

MIDDLEWARE = [
    "dyslexia_site.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dyslexia_site.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.HtmxLoginRedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "dyslexia_site.urls"

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
                "accounts.context_processors.reading_preferences",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "dyslexia_site.wsgi.application"

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USING_POSTGRES = "postgresql" in DATABASES["default"]["ENGINE"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker, tasks ---------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

# The cache also holds allauth's rate-limit counters (failed logins, sign-ups,
# password resets). With Redis every gunicorn process counts the same tries.
# Without Redis the cache is local memory: counts are per process, which is exact
# for the embedded site (one runserver process); `check --deploy` warns when a
# production-like setting runs without REDIS_URL. The Redis cache fails open: if
# Redis is unreachable, reads miss and writes are skipped with a logged warning,
# so logging in keeps working (without rate limits) instead of answering 500.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dyslexia_site.resilient_cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="deh"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("REDIS_SOCKET_TIMEOUT", default=0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A broker may be given on its own (e.g. RabbitMQ); otherwise Redis serves both.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
# No broker configured: run tasks in-process so the embedded site needs no services.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# In-process, work nobody waits for in the response (the judge's reference readings of a
# new word: ~10 s) runs on one background thread of the web process, not in the request.
EAGER_IN_BACKGROUND = env.list("EAGER_IN_BACKGROUND", default=["learning.prepare_word_references"])
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=120)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=90)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues work must not hang on a dead broker: give up in 2 s (the row is
# saved; the sweeper queues it again) rather than retry for 20 s holding a web worker.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 0}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
# Each pool process loads the speech models (15-25 s on two cores) before it takes work;
# Celery's default of 4 s killed every new process and the pool never recovered.
# /healthz reports an error when a recording has waited longer than this for a verdict.
HEALTHZ_MAX_PENDING_SECONDS = env.int("HEALTHZ_MAX_PENDING_SECONDS", default=300)
CELERY_WORKER_PROC_ALIVE_TIMEOUT = env.float("CELERY_WORKER_PROC_ALIVE_TIMEOUT", default=120.0)
CELERY_TIMEZONE = "UTC"
# On a host shared with the web server, a judgement (~0.5 s of both cores) must not
# make every page wait: worker pool processes run at this niceness, so the kernel serves
# a page first and the verdict a little later. 0 on a host of their own.
WORKER_NICENESS = env.int("WORKER_NICENESS", default=10)
# Stricter, and the default: the pool runs only when no web process wants a core (Linux
# SCHED_IDLE). Measured with 50 learners on 2 cores: page p95 29-55 ms against 66-110 ms at
# nice 10 alone, with as many judgements a second. A web server that keeps both cores busy
# all the time would starve the judging; then turn it off and rely on WORKER_NICENESS.
WORKER_IDLE_PRIORITY = env.bool("WORKER_IDLE_PRIORITY", default=True)
# Work by kind, each on its own queue so one never waits behind another: a learner's
# verdict never queues behind a training run or a batch of audio. Scale each pool alone
# (docker-compose.yml: worker-speech, worker, worker-training).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "*.judge_*": {"queue": "speech"},
    "learning.tasks.prepare_speech_references": {"queue": "speech"},
    "learning.prepare_word_references": {"queue": "speech"},
    "*.train_*": {"queue": "training"},
    "learning.make_speech_clip": {"queue": "media"},
    "learning.prepare_words": {"queue": "media"},
    "dynamic.*": {"queue": "media"},
}
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-recordings": {"task": "learning.tasks.sweep_stale_recordings", "schedule": 60.0},
    "delete-old-recordings": {"task": "learning.tasks.delete_old_recordings", "schedule": 6 * 60 * 60.0},
    "prepare-speech-references": {
        "task": "learning.tasks.prepare_speech_references",
        "schedule": 60 * 60.0,
    },
    "close-mock-tests": {"task": "mocktest.tasks.close_mock_tests", "schedule": 5 * 60.0},
    "train-recommender": {"task": "learning.tasks.train_recommender", "schedule": 24 * 60 * 60.0},
    # Parents' weekly summary: Monday 07:00 UTC (rewards.tasks; one per parent and week).
    "weekly-summary": {
        "task": "rewards.tasks.send_weekly_summaries",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
    },
    "finish-stale-chat-answers": {"task": "chatbot.tasks.finish_stale_answers", "schedule": 60.0},
}

# The learner model behind "Next word" (python manage.py train_recommender writes it).
RECOMMENDER_MODEL_PATH = env.path(
    "RECOMMENDER_MODEL_PATH", default=BASE_DIR / "softwaremodels" / "recommender" / "learner_model.json"
)

# --- Auth and accounts ------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Children's accounts without e-mail: a login name and a PIN (accounts/backends.py).
    "accounts.backends.ChildPinBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
# Mandatory verification is what lets sign-up hide whether an address is registered:
# a sign-up with a known address gets the same "check your e-mail" page, and the
# owner gets a "someone tried to sign up with your address" mail.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    # A family or a classroom signs up a few children at once; a script signing up hundreds cannot.
    "signup": env.str("SIGNUP_RATE_LIMIT", default="5/m/ip,20/h/ip"),
}
# Behind a reverse proxy every request comes from the proxy: count tries per client
# address from X-Forwarded-For, trusting as many hops as there are proxies.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=1 if env.bool("BEHIND_TLS_PROXY", default=False) else 0
)

# Two-step login (TOTP apps such as Google Authenticator, plus recovery codes).
# Staff must have it on before the admin lets them in (dyslexia_site/admin_site.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dyslexia Empower Hub"

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Links in e-mails (the weekly summary's unsubscribe link) need the site's address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Dyslexia Empower Hub <hello@localhost>")

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Nothing under MEDIA_ROOT is served by URL: recordings and spoken words are read
# through views that check who is asking (learning.views, mocktest.views).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"base_url": None}},
    # Children's voices: a storage of their own so it can be made private object storage.
    "recordings": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"base_url": None}},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "dyslexia_site.storage.StaticFilesStorage"
        )
    },
}
# Scaling out: recordings, spoken words and pictures in S3-compatible object storage, so
# web and workers on different hosts share them. Objects are private; after the access
# check a view redirects to a presigned URL that expires in MEDIA_URL_EXPIRES_SECONDS.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_URL_EXPIRES_SECONDS = env.int("MEDIA_URL_EXPIRES_SECONDS", default=300)
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "default_acl": None,  # the bucket's policy: private
        "querystring_auth": True,
        "querystring_expire": MEDIA_URL_EXPIRES_SECONDS,
        "file_overwrite": False,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "media"},
    }
    STORAGES["recordings"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "recordings"},
    }
# Anything bigger is refused from its Content-Length before it is read (a recording is < 5 MB).
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=6 * 1024 * 1024)
# Per user: recordings sent, and spoken words played.
UPLOAD_RATE_LIMIT = env.str("UPLOAD_RATE_LIMIT", default="20/m")
AUDIO_RATE_LIMIT = env.str("AUDIO_RATE_LIMIT", default="120/m")
# The tutor chat: questions per user. Without CHAT_BASE_URL and CHAT_MODEL the offline tutor answers.
CHAT_RATE_LIMIT = env.str("CHAT_RATE_LIMIT", default="20/m")
# Any OpenAI-compatible endpoint, e.g. https://openrouter.ai/api/v1 with an OpenRouter model name.
CHAT_BASE_URL = env.str("CHAT_BASE_URL", default="")
CHAT_API_KEY = env.str("CHAT_API_KEY", default="")
CHAT_MODEL = env.str("CHAT_MODEL", default="")
CHAT_TIMEOUT_SECONDS = env.float("CHAT_TIMEOUT_SECONDS", default=20.0)
CHAT_MAX_RETRIES = env.int("CHAT_MAX_RETRIES", default=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# --- Security ---------------------------------------------------------------
# HTTPS settings come from the environment; all are off by default for local work.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=env.bool("SECURE_COOKIES", default=False))
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "dyslexia_site.error_pages.csrf_failure"

# Content-Security-Policy (django-csp). No inline scripts at all; the one inline
# style (the learner's reading settings, templates/partials/reading_style.html)
# carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
if AWS_STORAGE_BUCKET_NAME:
    # Audio is played from presigned object-storage URLs.
    _media_origin = (
        env.str("AWS_S3_ENDPOINT_URL", default="") or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"].append(_media_origin)
# dyslexia_site/security_headers.py: the browser features a page may use.
PERMISSIONS_POLICY = {
    "microphone": ["self"],
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# Who may read /healthz's details (besides logged-in staff): a request that sends
# this token as the X-Healthz-Token header or ?token=. Empty: staff only.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# --- Product settings -------------------------------------------------------
SITE_NAME = "Dyslexia Empower Hub"
RECORDING_RETENTION_DAYS = env.int("RECORDING_RETENTION_DAYS", default=30)
MOCK_TEST_EXPIRES_HOURS = env.int("MOCK_TEST_EXPIRES_HOURS", default=3)
# gTTS needs the internet; embedded, its wait would land on the page, so espeak-ng is the default there.
TTS_ENGINE = env.str("TTS_ENGINE", default="espeak" if CELERY_TASK_ALWAYS_EAGER else "auto")
ESPEAK_VOICE = env.str("ESPEAK_VOICE", default="en-gb")
# Word explorer: lookups per learner per minute; OpenAI draws pictures only when a key is set.
EXPLORER_LOOKUPS_PER_MINUTE = env.int("EXPLORER_LOOKUPS_PER_MINUTE", default=20)
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="")
OPENAI_IMAGE_MODEL = env.str("OPENAI_IMAGE_MODEL", default="gpt-image-1")
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
