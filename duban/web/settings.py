"""Django settings, read from the environment; a missing or wrong value fails loudly at start.

SQLite under var/ by default (WAL, busy timeout, immediate transactions so concurrent writers
queue instead of failing); PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from duban.web.clients import parse_trusted_proxies
from duban.web.security import serves_loopback_only

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DUBAN_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _env_int(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {low} to {high}, not {raw!r}"
        )
    return value


def _secret_key() -> str:
    """DUBAN_SECRET_KEY, or a key made once and kept in var/ so sessions survive restarts."""
    key = os.environ.get("DUBAN_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _trusted_proxies() -> list[str]:
    """DUBAN_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For is believed (clients.py)."""
    raw = os.environ.get("DUBAN_TRUSTED_PROXIES", "")
    try:
        parse_trusted_proxies(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from None
    return [e.strip() for e in raw.split(",") if e.strip()]


DEBUG = _env_bool("DUBAN_DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DUBAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DUBAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "duban.web.orgs",
    "duban.web.plans",
    "duban.web.accounts",
    "duban.web.audit",
    "duban.web.search",
    "duban.web.dashboard",
    "duban.web.public",
    "duban.web.rounds",
    "duban.web.api",
    "duban.web.verdicts",
    "duban.web.documents",
    "django_tasks",
    "django_tasks_db",
    "duban.web.jobs",
    "duban.web.notices",
    "duban.web.disclosure",
    "duban.web.evidence",
    "duban.web.workflow",
    "duban.web.changes",
    "duban.web.cityview",
]

MIDDLEWARE = [
    "duban.web.clients.ForwardedScheme",  # a trusted proxy's HTTPS, before HSTS
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "duban.web.accounts.middleware.PasswordChangeRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "duban.web.security.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "duban.web.urls"
WSGI_APPLICATION = "duban.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% translate %} and {% blocktranslate %} in every template without {% load i18n %}.
            "builtins": ["django.templatetags.i18n", "duban.web.plans.templatetags.duban"],
        },
    },
]


def _databases() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
            raise ImproperlyConfigured(
                f"DATABASE_URL must be postgresql:// or sqlite://, not {url}"
            )
        return {"default": dj_database_url.parse(url, conn_max_age=60)}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "duban.sqlite3",
            "OPTIONS": {
                "timeout": 20,  # seconds a writer waits for the lock instead of failing
                "transaction_mode": "IMMEDIATE",  # take the write lock at BEGIN: no upgrade deadlocks
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The password policy (docs/accounts.md): length, character classes, maximum age (0: none).
DUBAN_PASSWORD_MIN_LENGTH = _env_int("DUBAN_PASSWORD_MIN_LENGTH", 10, 8, 64)
DUBAN_PASSWORD_CHARACTER_CLASSES = _env_int("DUBAN_PASSWORD_CHARACTER_CLASSES", 2, 1, 5)
DUBAN_PASSWORD_MAX_AGE_DAYS = _env_int("DUBAN_PASSWORD_MAX_AGE_DAYS", 0, 0, 3650)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": DUBAN_PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "duban.web.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {"classes": DUBAN_PASSWORD_CHARACTER_CLASSES},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def _sso() -> dict:
    """Single sign-on with the government's 统一身份认证 (OpenID Connect), on when
    DUBAN_SSO_CLIENT_ID is set; then its endpoints are required (docs/accounts.md)."""
    client_id = os.environ.get("DUBAN_SSO_CLIENT_ID", "").strip()
    if not client_id:
        return {}
    urls = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "DUBAN_SSO_AUTHORIZATION_URL",
        "OIDC_OP_TOKEN_ENDPOINT": "DUBAN_SSO_TOKEN_URL",
        "OIDC_OP_USER_ENDPOINT": "DUBAN_SSO_USERINFO_URL",
        "OIDC_OP_JWKS_ENDPOINT": "DUBAN_SSO_JWKS_URL",
    }
    out: dict = {"OIDC_RP_CLIENT_ID": client_id}
    for setting, name in urls.items():
        value = os.environ.get(name, "").strip()
        if not value.startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"{name} must be the provider's http(s) URL when SSO is on")
        out[setting] = value
    out["OIDC_RP_CLIENT_SECRET"] = os.environ.get("DUBAN_SSO_CLIENT_SECRET", "")
    out["OIDC_RP_SIGN_ALGO"] = os.environ.get("DUBAN_SSO_SIGN_ALGO", "RS256")
    out["OIDC_RP_SCOPES"] = os.environ.get("DUBAN_SSO_SCOPES", "openid profile phone email")
    out["OIDC_VERIFY_SSL"] = os.environ.get("DUBAN_SSO_CA_BUNDLE") or True
    return out


_OIDC = _sso()
DUBAN_SSO = bool(_OIDC)
# mozilla-django-oidc's settings (read only when DUBAN_SSO is on).
OIDC_RP_CLIENT_ID = _OIDC.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = _OIDC.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = _OIDC.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = _OIDC.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = _OIDC.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = _OIDC.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = _OIDC.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = _OIDC.get("OIDC_RP_SCOPES", "openid profile phone email")
OIDC_VERIFY_SSL = _OIDC.get("OIDC_VERIFY_SSL", True)
DUBAN_SSO_LABEL = os.environ.get("DUBAN_SSO_LABEL", "统一身份认证登录")
DUBAN_SSO_PHONE_CLAIM = os.environ.get("DUBAN_SSO_PHONE_CLAIM", "phone_number")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # an identity reaches only an account the office made
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
# "office": once SSO is on, only the office (and superusers) log in with a password.
DUBAN_LOCAL_LOGIN = os.environ.get("DUBAN_LOCAL_LOGIN", "all")
if DUBAN_LOCAL_LOGIN not in ("all", "office"):
    raise ImproperlyConfigured(
        f"DUBAN_LOCAL_LOGIN must be all or office, not {DUBAN_LOCAL_LOGIN!r}"
    )
if DUBAN_LOCAL_LOGIN == "office" and not DUBAN_SSO:
    # Reporters and leaders would have no way in at all.
    raise ImproperlyConfigured("DUBAN_LOCAL_LOGIN=office needs single sign-on: set DUBAN_SSO_*")

# The reverse proxies in front of the site (addresses or networks, comma-separated): the client's
# address is read from their X-Forwarded-For (clients.py), for every limiter below.
DUBAN_TRUSTED_PROXIES = _trusted_proxies()
# Login throttling (django-axes): five wrong passwords for one name from one client address
# lock that pair for fifteen minutes; a right password resets the count. Failures for one name
# from all addresses together slow that name's log-ins down, never lock them (security.py).
AUTHENTICATION_BACKENDS = [
    "duban.web.security.LoginThrottle",
    "duban.web.accounts.backends.LocalPasswordBackend",
]
if DUBAN_SSO:
    AUTHENTICATION_BACKENDS.append("duban.web.accounts.sso.IdentityBackend")
AXES_FAILURE_LIMIT = int(os.environ.get("DUBAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "duban.web.security.login_refused"
AXES_CLIENT_IP_CALLABLE = "duban.web.clients.client_address"
# A refused attempt (locked out, or slowed down) is not one more failure: the real owner trying
# again while an attacker keeps the name busy must not lock itself out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "duban.web.accounts.hashers.DemoPBKDF2PasswordHasher",
    "duban.web.accounts.hashers.OneTimePBKDF2PasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("DUBAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
# Serve straight from the app folders: the demo works without collectstatic.
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get(
    "DUBAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# Sessions live in the database (Django's default, said here): any app server reads any session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("DUBAN_SESSION_HOURS", "10")) * 3600  # a working day
# Secure cookies unless debugging or serving on loopback only (the demo, plain HTTP).
SESSION_COOKIE_SECURE = _env_bool(
    "DUBAN_SECURE_COOKIES", not DEBUG and not serves_loopback_only(ALLOWED_HOSTS)
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DUBAN_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DUBAN_LOG_LEVEL", "WARNING")},
}

# JSON API rate limits (duban/web/api/throttle.py), "count/second|minute|hour|day": per token,
# and per client address for requests without a valid token. A system check validates them.
DUBAN_API_TOKEN_RATE = os.environ.get("DUBAN_API_TOKEN_RATE", "300/minute")
DUBAN_API_ADDRESS_RATE = os.environ.get("DUBAN_API_ADDRESS_RATE", "60/minute")

# Uploads (duban/web/documents): the largest plan document the office may upload, in bytes;
# a larger body is refused unread. The importers' own ceiling (safety.Limits) is 30 MB.
DUBAN_UPLOAD_MAX_BYTES = int(os.environ.get("DUBAN_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# Where an upload waits to be read by a worker and then confirmed (var/uploads by default): a
# folder shared by every app server and worker when there are several (docs/deploy.md).
DUBAN_UPLOAD_DIR = os.environ.get("DUBAN_UPLOAD_DIR", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields other than files (Django's default)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger file goes to a temporary file, not memory
DATA_UPLOAD_MAX_NUMBER_FILES = 5  # the upload form sends one
FILE_UPLOAD_PERMISSIONS = 0o600

# Background work (duban/web/jobs, docs/background.md): jobs wait in the database (django-tasks'
# database backend), `duban worker` runs them. No other server is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A failed attempt is tried again after this many seconds, doubling each time (at most 1 h).
DUBAN_JOB_RETRY_SECONDS = float(os.environ.get("DUBAN_JOB_RETRY_SECONDS", "60"))
# A job still "running" this long after its own timeout lost its worker: it is taken again.
DUBAN_JOB_GRACE_SECONDS = float(os.environ.get("DUBAN_JOB_GRACE_SECONDS", "30"))
# The worker's CPU priority below the web server's (nice; LibreOffice inherits it), so pages
# stay fast while PDFs are made on the same machine.
DUBAN_WORKER_NICE = int(os.environ.get("DUBAN_WORKER_NICE", "10"))
# How often each worker looks for such jobs.
DUBAN_JOB_HOUSEKEEPING_SECONDS = float(os.environ.get("DUBAN_JOB_HOUSEKEEPING_SECONDS", "30"))
# Nightly backup (`duban tick` or the worker's scheduler): the hour, the folder, how many kept.
DUBAN_BACKUP_HOUR = int(os.environ.get("DUBAN_BACKUP_HOUR", "2"))
DUBAN_BACKUP_DIR = os.environ.get("DUBAN_BACKUP_DIR", "")
DUBAN_BACKUP_KEEP = int(os.environ.get("DUBAN_BACKUP_KEEP", "7"))


def _caches() -> dict:
    """One cache every process shares: Redis when DUBAN_REDIS_URL is set, else a database table
    (`duban_cache`, made by `duban manage migrate`'s createcachetable step)."""
    redis = os.environ.get("DUBAN_REDIS_URL", "").strip()
    if redis:
        if not redis.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured(
                f"DUBAN_REDIS_URL must be redis:// or rediss://, not {redis}"
            )
        return {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis}
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "duban_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


CACHES = _caches()


def _storages() -> dict:
    """Generated and uploaded files: a folder under var/ by default (on a shared mount when
    several machines serve), an S3-compatible bucket when DUBAN_S3_BUCKET is set."""
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = os.environ.get("DUBAN_S3_BUCKET", "").strip()
    if not bucket:
        folder = Path(os.environ.get("DUBAN_FILES_DIR", VAR_DIR / "files"))
        return {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": folder,
                    "allow_overwrite": True,  # a repeated job rewrites its one file
                    "file_permissions_mode": 0o600,
                    "directory_permissions_mode": 0o700,
                },
            },
            "staticfiles": static,
        }
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("DUBAN_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("DUBAN_S3_REGION") or None,
        "access_key": os.environ.get("DUBAN_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("DUBAN_S3_SECRET_KEY") or None,
        "location": os.environ.get("DUBAN_S3_PREFIX", "duban"),
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": True,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": static,
    }


STORAGES = _storages()
