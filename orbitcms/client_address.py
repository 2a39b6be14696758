"""The visitor's address, behind the reverse proxies in front of the site.

Each trusted proxy appends the address it received the request from to
X-Forwarded-For, so with TRUSTED_PROXY_HOPS proxies the visitor is that many
entries from the right; whatever the visitor wrote further left is ignored. With
0 hops (the default) the header is not read at all. The form rate limit and the
admin login lock-out both key on this one address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if not hops:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # Fewer entries than hops: the request came in past the outer proxies, and
    # the leftmost entry is the one the first trusted proxy wrote.
    candidate = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
