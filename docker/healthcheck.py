"""The web container's health check: GET /healthz on loopback with a Host header
that ALLOWED_HOSTS accepts. A bare 127.0.0.1 is answered 400 as soon as
ALLOWED_HOSTS names only the real domain, and the container would be marked
unhealthy while it serves the site."""

import os
import sys
import urllib.error
import urllib.request


def healthcheck_host(allowed_hosts: str) -> str:
    """The first host ALLOWED_HOSTS names (".example.org" accepts example.org)."""
    for host in allowed_hosts.split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    host = healthcheck_host(os.environ.get("ALLOWED_HOSTS", ""))
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5):
            return 0
    except (urllib.error.URLError, OSError) as error:
        print(f"{url} (Host: {host}): {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
