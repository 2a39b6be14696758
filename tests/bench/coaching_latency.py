"""Benchmark: how long a town waits after pressing "send" on the coaching form
while the mail server takes 2 seconds to accept each mail.

Side by side, in one run and against the same server, database and form:
- coaching: the real CoachingPage; the mails go through the outbox to a real
  Celery worker process, so the request only writes rows and enqueues;
- baseline: what Wagtail's form builder does (FormPage.process_form_submission):
  save a FormSubmission, then send_mail() inside the request.

Run with `make bench-coaching` (not part of the test suite). It uses its own
SQLite database and broker folder in a temporary directory, so it never touches
your data; set REDIS_URL to measure with Redis as the broker.
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

SMTP_DELAY_SECONDS = 2.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def configure_environment(workdir: Path, smtp_port: int) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "orbitcms.settings.dev",
        "DJANGO_DEBUG": "false",
        "ORBIT_VAR_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "COACHING_FORM_RATE": "100000/m",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    return {**os.environ, **env}


def baseline_view(request):
    """A plain form view's way (Wagtail's form builder does the same): mail the
    submission inside the request."""
    from django.core.mail import send_mail
    from django.http import HttpResponseBadRequest, HttpResponseRedirect

    from coalitions.forms import CoachingApplicationForm
    from coalitions.models import CoachingPage

    form = CoachingApplicationForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    page = CoachingPage.objects.get(locale__language_code="nl")
    body = "\n".join(f"{name}: {value}" for name, value in form.service_data().items())
    send_mail(page.title, body, None, ["amos@orbitvzw.be"])
    return HttpResponseRedirect(page.url)


def start_web_server():
    """The project's URLs plus the baseline, on a threaded WSGI server."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.urls import path

    import orbitcms.urls

    module = sys.modules[__name__]
    module.urlpatterns = [path("bench/baseline/", baseline_view), *orbitcms.urls.urlpatterns]
    settings.ROOT_URLCONF = __name__

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def request(port: int, method: str, path: str, body: str = "", cookie: str = ""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    content = response.read().decode()
    connection.close()
    return response, content


def measure(port: int, path: str, data: dict, csrf: tuple[str, str]) -> float:
    cookie, token = csrf
    body = urlencode({**data, "csrfmiddlewaretoken": token})
    started = time.perf_counter()
    response, _content = request(port, "POST", path, body, cookie)
    elapsed = time.perf_counter() - started
    if response.status != 302:
        raise RuntimeError(f"POST {path} answered {response.status}")
    return elapsed


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="POSTs per variant")
    args = parser.parse_args()

    with socket.create_server(("127.0.0.1", 0)) as probe:
        smtp_port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="orbit-bench-") as tmp:
        # The environment first: Django reads it once, when it sets up.
        env = configure_environment(Path(tmp), smtp_port)

        import django
        from aiosmtpd.controller import Controller
        from django.core.management import call_command

        django.setup()
        from tests.conftest import MailSink

        smtp = Controller(MailSink(delay=SMTP_DELAY_SECONDS), hostname="127.0.0.1", port=smtp_port)
        smtp.start()
        call_command("migrate", verbosity=0)
        from coalitions.models import CoachingPage
        from home.campaign import campaign_load
        from municipalities.models import Municipality
        from municipalities.services import municipalities_load

        campaign_load()
        # The form takes only towns of the reference list.
        municipalities_load()
        towns = list(Municipality.objects.filter(is_current=True).values_list("name_nl", flat=True))
        coaching_path = CoachingPage.objects.get(locale__language_code="nl").url

        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "orbitcms", "worker", "--pool=solo",
             "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
            cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        server = start_web_server()
        port = server.server_address[1]
        try:
            response, page = request(port, "GET", coaching_path)
            csrf = (response.getheader("Set-Cookie").split(";")[0], CSRF_INPUT.search(page)[1])
            samples: dict[str, list[float]] = {"coaching": [], "baseline": []}
            # Interleaved, so both variants meet the same machine and mail server.
            for number in range(args.requests):
                data = {
                    "municipality": towns[number % len(towns)],
                    "coalition_name": "Benchmark",
                    "contact_name": "Bench",
                    "email": f"bench{number}@example.org",
                    "phone": "",
                    "motivation": "Latency benchmark.",
                    "privacy_consent": "on",
                }
                samples["coaching"].append(measure(port, coaching_path, data, csrf))
                samples["baseline"].append(measure(port, "/bench/baseline/", data, csrf))
        finally:
            server.shutdown()
            worker.terminate()
            worker.wait(timeout=30)
            smtp.stop()

    broker = "Redis" if os.environ.get("REDIS_URL") else "filesystem"
    print(f"coaching-form POST, SMTP server answering after {SMTP_DELAY_SECONDS:.0f} s;")
    print(f"{args.requests} requests per variant, SQLite, {broker} broker, one Celery worker")
    print(f"{'variant':<34}{'median ms':>10}{'p95 ms':>10}")
    labels = {
        "coaching": "coaching page (outbox + Celery)",
        "baseline": "baseline (send_mail in request)",
    }
    for variant, values in samples.items():
        print(
            f"{labels[variant]:<34}{statistics.median(values) * 1000:>10.1f}"
            f"{percentile(values, 0.95) * 1000:>10.1f}"
        )
    ratio = statistics.median(samples["baseline"]) / statistics.median(samples["coaching"])
    print(f"median ratio baseline / coaching: {ratio:.1f}x")


if __name__ == "__main__":
    main()
