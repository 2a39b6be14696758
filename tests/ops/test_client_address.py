"""The visitor's address behind the reverse proxy the README requires: a real
proxy on loopback in front of the live server appends X-Forwarded-For, and
visitors connect to it from different loopback addresses (127.0.0.2, 127.0.0.3).
The form rate limit and the admin lock-out must tell them apart."""

import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import requests
from django.core.cache import cache
from requests.adapters import HTTPAdapter

from coalitions.models import CoachingPage
from tests.markup import soup

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def _proxy_handler(upstream: tuple[str, int]) -> type[BaseHTTPRequestHandler]:
    class ForwardingHandler(BaseHTTPRequestHandler):
        """One hop, as nginx's `proxy_add_x_forwarded_for` does it."""

        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            received = self.headers.get("X-Forwarded-For")
            peer = self.client_address[0]
            headers["X-Forwarded-For"] = f"{received}, {peer}" if received else peer
            connection = http.client.HTTPConnection(*upstream, timeout=30)
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            connection.close()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _forward

        def log_message(self, format: str, *args) -> None:
            pass

    return ForwardingHandler


@pytest.fixture
def proxy(live_server) -> Iterator[str]:
    """A reverse proxy on loopback in front of the live server; yields its URL."""
    upstream = urlsplit(live_server.url)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), _proxy_handler((upstream.hostname, upstream.port))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class FromAddress(HTTPAdapter):
    """Connections from one loopback address: one visitor's machine."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def visitor(address: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no HTTP_PROXY from the environment
    session.mount("http://", FromAddress(address))
    return session


def _csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    return soup(page.content).select_one('input[name="csrfmiddlewaretoken"]')["value"]


def junk_post(session: requests.Session, url: str, forwarded_for: str | None = None) -> int:
    """An empty coaching form: refused (400), but counted by the rate limit."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    data = {"csrfmiddlewaretoken": _csrf_token(session, url)}
    return session.post(
        url, data=data, headers=headers, allow_redirects=False, timeout=30
    ).status_code


def login(session: requests.Session, base: str, password: str) -> int:
    url = f"{base}/admin/login/"
    data = {"csrfmiddlewaretoken": _csrf_token(session, url), "username": "admin"}
    answer = session.post(
        url, data={**data, "password": password}, allow_redirects=False, timeout=30
    )
    return answer.status_code


@pytest.fixture
def coaching_path(transactional_db, campaign) -> str:
    cache.clear()  # the rate limit's counters
    return CoachingPage.objects.get(locale__language_code="nl").url


def test_behind_the_proxy_one_visitor_is_rate_limited_and_another_is_not(
    proxy, coaching_path, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.COACHING_FORM_RATE = "3/10m"
    url = proxy + coaching_path
    first, second = visitor("127.0.0.2"), visitor("127.0.0.3")

    # Each junk post claims another address: the proxy's own entry decides.
    statuses = [junk_post(first, url, forwarded_for=f"192.0.2.{n}") for n in range(4)]

    assert statuses == [400, 400, 400, 429]
    assert junk_post(second, url) == 400


def test_behind_the_proxy_one_visitor_is_locked_out_and_another_is_not(
    proxy, coaching_path, settings, admin_user
):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.AXES_ENABLED = True
    first, second = visitor("127.0.0.2"), visitor("127.0.0.3")

    statuses = [login(first, proxy, "wrong") for _attempt in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    assert login(first, proxy, "password") == 429
    assert login(second, proxy, "password") == 302


def test_x_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(
    live_server, coaching_path, settings
):
    settings.COACHING_FORM_RATE = "3/10m"
    assert settings.TRUSTED_PROXY_HOPS == 0
    url = live_server.url + coaching_path
    direct = visitor("127.0.0.2")

    statuses = [junk_post(direct, url, forwarded_for=f"192.0.2.{n}") for n in range(4)]

    assert statuses == [400, 400, 400, 429]
