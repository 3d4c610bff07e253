"""Settings for Confianza, read from the environment.

One module for every profile. ``CONFIANZA_PROFILE`` picks one of:

* ``production`` (the default): refuses to start without its secrets.
* ``demo``: what ``make run`` uses; secrets come from ``var/demo.env`` (generated on first run)
  and every page carries a "Demo — do not enter real client data" banner.
* ``test``: throwaway keys, fast password hashing, used by the test suite.

Bad values fail loudly with ``ImproperlyConfigured`` rather than falling back to a guess.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from clinic.files import OWNER_ONLY_DIR, OWNER_ONLY_FILE, restrict_umask

# Every file the app writes is readable by its owner only (clinic/files.py).
restrict_umask()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CONFIANZA_VAR_DIR", BASE_DIR / "var"))

PROFILES = ("production", "demo", "test")


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_from_file(name: str) -> str | None:
    """Read secret ``name`` from ``<name>_FILE`` or a systemd credential of that name, if either is set.

    A ``*_FILE`` must be readable by its owner only (mode 600 or 400): a key other users can read
    protects nothing. systemd's ``LoadCredential=`` puts the file in ``$CREDENTIALS_DIRECTORY``,
    which systemd keeps private to the service. Surrounding whitespace and newlines are dropped.
    """
    path_value = env_str(f"{name}_FILE")
    if path_value is not None:
        path = Path(path_value)
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path_value} cannot be read ({exc.strerror})") from exc
        if mode & 0o077:
            raise ImproperlyConfigured(
                f"{name}_FILE={path_value} can be read by other users (mode {mode & 0o777:o}): chmod 600 it"
            )
    else:
        credentials = env_str("CREDENTIALS_DIRECTORY")
        path = Path(credentials) / name if credentials else None
        if path is None or not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
    text = text.strip()
    if not text:
        raise ImproperlyConfigured(f"The file for {name} ({path}) is empty")
    return text


def env_secret(name: str, *, profile_default: str | None) -> str:
    """Return a secret from a file or the environment; only demo and test profiles may default."""
    from_file = secret_from_file(name)
    value = env_str(name)
    if from_file is not None and value is not None:
        raise ImproperlyConfigured(f"{name} is set both in the environment and in a file: keep only the file")
    if from_file is not None:
        return from_file
    if value is not None:
        return value
    if profile_default is not None:
        return profile_default
    raise ImproperlyConfigured(
        f"{name} is required in the {PROFILE} profile. See docs/deployment.md."
    )


def _read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, _sep, val = line.partition("=")
                values[key.strip()] = val.strip()
    return values


def _write_demo_env(path: Path) -> dict[str, str]:
    """Create the demo profile's own random secrets on first use (never committed)."""
    import base64
    import secrets

    values = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "CONFIANZA_FIELD_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()), encoding="utf-8")
    path.chmod(0o600)
    return values


PROFILE = env_str("CONFIANZA_PROFILE", "production")
if PROFILE not in PROFILES:
    raise ImproperlyConfigured(
        f"CONFIANZA_PROFILE must be one of {', '.join(PROFILES)}, not {PROFILE!r}"
    )
DEMO = PROFILE == "demo"
TESTING = PROFILE == "test"

# Throwaway secrets. The demo profile keeps its own in var/demo.env (written by
# `manage.py demo_setup`, never committed); the test profile uses fixed keys that protect nothing.
_TEST_FIELD_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA="  # base64 of 32 bytes
_profile_defaults: dict[str, str | None] = {"DJANGO_SECRET_KEY": None, "CONFIANZA_FIELD_KEYS": None}  # nosec B105 # no default: required
if TESTING:
    _profile_defaults = {
        "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789",  # nosec B105 # test profile only
        "CONFIANZA_FIELD_KEYS": _TEST_FIELD_KEY,
    }
elif DEMO:
    _demo = _read_env_file(VAR_DIR / "demo.env")
    if not _demo:
        _demo = _write_demo_env(VAR_DIR / "demo.env")
    _profile_defaults = {
        "DJANGO_SECRET_KEY": _demo.get("DJANGO_SECRET_KEY"),
        "CONFIANZA_FIELD_KEYS": _demo.get("CONFIANZA_FIELD_KEYS"),
    }

SECRET_KEY = env_secret("DJANGO_SECRET_KEY", profile_default=_profile_defaults["DJANGO_SECRET_KEY"])
# Field-encryption keys, newest first, comma-separated Fernet keys (clinic/crypto.py); in a file
# (CONFIANZA_FIELD_KEYS_FILE or a systemd credential), one key a line or comma-separated.
# Independent of SECRET_KEY so that either can be rotated alone.
FIELD_ENCRYPTION_KEYS = [
    key.strip()
    for key in env_secret(
        "CONFIANZA_FIELD_KEYS", profile_default=_profile_defaults["CONFIANZA_FIELD_KEYS"]
    )
    .replace("\n", ",")
    .split(",")
    if key.strip()
]

DEBUG = env_bool("DJANGO_DEBUG", False)
if DEBUG and PROFILE == "production":
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on in the production profile")

if PROFILE == "production":
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required in the production profile")
else:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "clinic",
    "intake",
    "counseling",
]

MIDDLEWARE = [
    # First: the load balancer's /healthz needs no host check, redirect, session or sign-in.
    "clinic.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Only GET, HEAD and POST reach the app: OPTIONS, TRACE and the rest get 405 (clinic/methods.py).
    "clinic.methods.AllowedMethodsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: every response the app itself builds is marked no-store (static files are not).
    "clinic.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "clinic.middleware.SessionLimitsMiddleware",
    "clinic.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

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
                "clinic.context_processors.profile",
                "clinic.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'confianza.sqlite3'}")
try:
    # Persistent connections are checked before each request reuses them (CONN_HEALTH_CHECKS), so a
    # database restart costs no failed request once it is back. Production keeps them 600 s by default:
    # measured 132 against 79 requests/s with a connection per request (docs/benchmarks.md, "Connections").
    _db = dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600 if PROFILE == "production" else 0, minimum=0),
        conn_health_checks=True,
    )
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL this app understands: {exc}") from exc
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions avoid "database is locked" under parallel writers.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
    }
    _db.setdefault("TEST", {})["NAME"] = None
elif not _db["ENGINE"].startswith("django.db.backends.postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point at SQLite or PostgreSQL")
elif TESTING:
    # Django's test flush truncates every table between transactional tests; the audit table refuses
    # TRUNCATE unless the connection says so (clinic/migrations/0005_audit_refuses_truncate). Only the test profile does.
    _db.setdefault("OPTIONS", {})["options"] = "-c confianza.audit_truncate=allowed"
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Length rules only (ASVS 6.2.x): at least 12 characters, passphrases up to 128 welcome, no
# composition rules, no forced rotation; common and username-like passwords are refused.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Catches what similarity misses: "newvol2newvol2" for the user "newvol2" (clinic/passwords.py).
    {"NAME": "clinic.passwords.NotLikeUserValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "clinic.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes checks for a lockout before the password is even tried.
AUTHENTICATION_BACKENDS = [
    "clinic.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# Invitation (set-password) links last 24 hours and work once (clinic/invitations.py).
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Language names are written in their own script (clinic/languages.py NATIVE_NAMES): a client who
# reads only Korean must be able to find 한국어 in the picker. Codes are lower-case app codes; every
# code that comes in is first normalised by clinic.languages.normalize_language (zh-Hans, ko-KR …).
# Languages handouts can be printed in; since the 2027 season every one is an interface language
# too (each has a complete catalogue: tests/clinic/test_translations.py).
HANDOUT_LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("zh-hans", "中文（简体）"),
    ("zh-hant", "中文（繁體）"),
    ("vi", "Tiếng Việt"),
    ("ko", "한국어"),
    ("tl", "Tagalog"),
]
LANGUAGES = list(HANDOUT_LANGUAGES)
# The project's catalogues first; then Django's own messages for languages Django has none for (Tagalog).
LOCALE_PATHS = [BASE_DIR / "clinic" / "locale", BASE_DIR / "clinic" / "locale_django"]
# Date formats for languages Django has none for (Tagalog).
FORMAT_MODULE_PATH = ["clinic.formats"]
TIME_ZONE = env_str("CONFIANZA_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS: list = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PROFILE == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = PROFILE != "production"
if PROFILE != "production":
    # Outside production, static files are served from the app directories (no collectstatic).
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "confianza",
    },
    # Rendered generic handouts and packets (never a client summary). Files, not the database:
    # PDFs are large, derived and reproducible, and keys name their content (counseling/caching.py),
    # so each app server may keep its own copy without ever serving a stale one. See docs/handouts.md.
    "handouts": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("CONFIANZA_HANDOUT_CACHE_DIR", str(VAR_DIR / "cache" / "handouts")),
        "TIMEOUT": env_int("CONFIANZA_HANDOUT_CACHE_SECONDS", 30 * 24 * 3600, minimum=1),
        "OPTIONS": {"MAX_ENTRIES": env_int("CONFIANZA_HANDOUT_CACHE_ENTRIES", 2000, minimum=10)},
    },
}

# Retention (clinic/retention.py): days after the last visit, capped at the season's end.
# The tax year of the filing season in progress (returns filed January–April of the next year). The
# desk records new households for it and also serves the prior year for late returns.
CONFIANZA_TAX_YEAR = env_int("CONFIANZA_TAX_YEAR", 2026, minimum=2025)

RETENTION_DAYS = env_int("CONFIANZA_RETENTION_DAYS", 30, minimum=1)
FILING_SEASON_END = env_str("CONFIANZA_FILING_SEASON_END", "10-15")  # MM-DD, end of extension season

# Backups (clinic/backups.py, deploy/confianza-backup.*): encrypted to the age public keys in
# CONFIANZA_BACKUP_RECIPIENTS_FILE, kept CONFIANZA_BACKUP_KEEP_DAYS days, never longer than retention.
BACKUP_DIR = Path(env_str("CONFIANZA_BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_RECIPIENTS_FILE = env_str("CONFIANZA_BACKUP_RECIPIENTS_FILE")
BACKUP_KEEP_DAYS = env_int("CONFIANZA_BACKUP_KEEP_DAYS", min(14, RETENTION_DAYS), minimum=1)
if BACKUP_KEEP_DAYS > RETENTION_DAYS:
    raise ImproperlyConfigured(
        "CONFIANZA_BACKUP_KEEP_DAYS must not be longer than CONFIANZA_RETENTION_DAYS, or a purged household "
        "lives on in the backups"
    )

# Sessions: a shared intake desk must not stay signed in (clinic/middleware.py enforces all three).
IDLE_MINUTES = env_int("CONFIANZA_IDLE_MINUTES", 15, minimum=1)
# Sites marked "shared desks" (Site.shared_desks) sign volunteers out sooner.
KIOSK_IDLE_MINUTES = env_int("CONFIANZA_KIOSK_IDLE_MINUTES", 5, minimum=1)
SESSION_MAX_HOURS = env_int("CONFIANZA_SESSION_MAX_HOURS", 12, minimum=1)
# Destructive actions (consent withdrawal, purging from the page, key rotation) need a sign-in or a
# password typed again within this many minutes (clinic/reauth.py).
REAUTH_MINUTES = env_int("CONFIANZA_REAUTH_MINUTES", 10, minimum=1)
SESSION_COOKIE_AGE = IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PROFILE == "production":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole registered domain (and every subdomain) to HTTPS in browsers for
        # months, hard to undo; a clinic on a shared or borrowed domain must opt in on purpose.
        # HSTS itself (1 year, subdomains) is on. docs/security.md explains.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Two-factor login (TOTP + backup codes) for every signed-in page. Production requires it; the demo
# profile skips it behind its banner; tests switch it on where they test it.
REQUIRE_2FA = env_bool("CONFIANZA_REQUIRE_2FA", PROFILE == "production")
OTP_TOTP_ISSUER = "Confianza"
OTP_TOTP_THROTTLE_FACTOR = 1

# Login lockout (django-axes): 5 failures for one username *from one address* lock that pair for
# 15 minutes, so one shared clinic IP cannot lock everyone out and one username cannot be locked
# from everywhere.
AXES_FAILURE_LIMIT = env_int("CONFIANZA_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("CONFIANZA_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# And per address across accounts (password spraying): 30 failures within the cool-off lock the
# address for everyone, each username counting for at most 5 of them, so a shared clinic address is
# locked only after six or more accounts failed, never by one person's typos (clinic/backends.py).
LOCKOUT_ADDRESS_FAILURES = env_int("CONFIANZA_LOCKOUT_ADDRESS_FAILURES", 30, minimum=2)
# The lockout tables keep no visit code: ?next= (which can name a household) is masked like the
# password. Security records are pruned by purge_expired (clinic/security_records.py).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "next"]
SECURITY_RECORD_DAYS = env_int("CONFIANZA_SECURITY_RECORD_DAYS", 30, minimum=1)
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (docs/deployment.md). 0 trusts
# only the connecting address. clinic.backends.client_ip picks the client's address accordingly.
PROXY_COUNT = env_int("CONFIANZA_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "clinic.backends.client_ip"
# A number typed into the username box never reaches the lockout tables or the logs.
AXES_USERNAME_CALLABLE = "clinic.backends.lockout_username"

# Headers. Nothing is loaded from another host and nothing runs inline (docs/architecture.md, privacy principle 6).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Error reports must never carry personal data: no mail to admins, no request bodies in logs, no
# variables or settings in an error report (clinic/errors.py).
ADMINS: list[tuple[str, str]] = []
MANAGERS: list[tuple[str, str]] = []
DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic.errors.HideEverythingFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "clinic.errors.ScrubRecordFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # django.request logs the request object on errors; keep the message, drop the rest.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
# Files saved through Django's storage (collectstatic, any upload) are owner-only too.
FILE_UPLOAD_PERMISSIONS = OWNER_ONLY_FILE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = OWNER_ONLY_DIR
