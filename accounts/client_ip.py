"""The client's IP address for the login lock-out (django-axes, `AXES_CLIENT_IP_CALLABLE`).

Behind the TLS proxy the production settings assume, every request arrives from the
proxy's address; counting failures per connection address would lock everyone out at once.
With `AXES_IPWARE_PROXY_COUNT` trusted proxies in front of the application, the client is
the address the outermost trusted proxy saw: the entry that many places from the right of
the first header of `AXES_IPWARE_META_PRECEDENCE_ORDER` (X-Forwarded-For). Entries further
left are the client's own word and are never trusted. Without proxies (count 0) or when the
header is missing or short — a request that did not pass the proxies — the connection's
address counts. (django-axes reads the same two settings when django-ipware is installed;
this keeps the dependency out and the rule in ten lines.)"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if count <= 0:
        return remote
    for header in getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ()):
        if header == "REMOTE_ADDR":
            break
        chain = [part for part in request.META.get(header, "").split(",") if part.strip()]
        if len(chain) >= count:
            return _valid(chain[-count]) or remote
    return remote
