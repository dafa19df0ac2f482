"""Production: secrets must come from the environment; HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # fails fast when missing
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# One TLS proxy in front (as SECURE_PROXY_SSL_HEADER assumes): the lock-out counts failures
# per client address taken from its X-Forwarded-For, not per the proxy's address.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer probes each instance over plain HTTP: /healthz answers, not redirects.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Hashed, compressed static files served by WhiteNoise; `collectstatic` builds the manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One cache for every worker: the public check page's rate limit (documents) and the
# working-day calendar must be shared, not per process. Redis in production (CACHE_URL).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
