"""The client's address behind the reverse proxies the README recommends.

Behind a proxy every request comes from the proxy's address (REMOTE_ADDR), so the login
lockout (django-axes) would lock a user name for everyone after five wrong passwords by
anyone. Each trusted proxy appends the address it received the request from to
X-Forwarded-For; with N trusted proxies in front of the app the client is the N-th entry
from the right. Entries to the left of that were written by the client and are not
trusted. N is FINSAM_TRUSTED_PROXIES (settings.FINSAM_TRUSTED_PROXIES, default 0: the app
is reached directly and X-Forwarded-For is ignored).
"""

import ipaddress

from django.conf import settings


def _ip(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client, for the lockout and the log (never one the client chose)."""
    remote = _ip(request.META.get("REMOTE_ADDR", "")) or None
    proxies = getattr(settings, "FINSAM_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not pass through all of them.
        return remote
    return _ip(forwarded[-proxies]) or remote
