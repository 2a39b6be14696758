"""`make bench-pages`: throughput and latency of the public pages under gunicorn
with production settings, PostgreSQL and Redis, measured by wrk on loopback.

Every page is measured with the page cache on ("cached") and off ("uncached"),
each run right after two references on the same server: a bare Django view that
returns a fixed string (the baseline: what Django costs alone) and the site's
stylesheet as WhiteNoise serves it (the static file: what the server costs at
all). The ratios are the page's requests per second over each reference's.
Every request accepts gzip, as a browser's does.

Environment: BENCH_SECONDS per run (default 5; CI runs a short one), BENCH_ROUNDS (3),
BENCH_CONNECTIONS (8), BENCH_WORKERS gunicorn workers (3), BENCH_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/orbitcms_bench; created when missing).
A private redis-server is started on a free loopback port.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = os.environ.get("BENCH_WORKERS", "3")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/orbitcms_bench"
)
CACHED_TARGET_RATIO = 0.8
CACHED_TARGET_STATIC_RATIO = 0.9
KEPT_AFTER_PUBLISH_TARGET = 0.9

PUBLISH_ONE_RECOMMENDATION = """
import django
django.setup()
from wagtail.models import Locale
from recommendations.models import RecommendationPage
page = RecommendationPage.objects.live().filter(locale=Locale.objects.get(language_code="nl"))
page = page.order_by("path").last()
page.save_revision().publish()
print(page.url)
"""
BASELINE_PATH = "/bench/baseline"

DISCOVER_URLS = """
import json, django
django.setup()
from wagtail.models import Locale
from coalitions.models import HandbookPage
from commitments.models import MunicipalityIndexPage
from recommendations.models import RecommendationPage
dutch = Locale.objects.get(language_code="nl")
recommendation = RecommendationPage.objects.live().filter(locale=dutch).order_by("path").first()
handbook = HandbookPage.objects.live().filter(locale=dutch).first()
municipalities = MunicipalityIndexPage.objects.live().filter(locale=dutch).first()
# The handbook's download route, where the handbook offers a file (uploaded or generated).
from coalitions.handbook.selectors import handbook_documents
download = None
if handbook_documents(locale=dutch).exists():
    download = handbook.url + handbook.reverse_subpage("download")
from django.contrib.staticfiles.storage import staticfiles_storage
from wagtail.models import Page
every_page = sorted({page.url for page in Page.objects.live().public().specific() if page.url})
print(json.dumps({"recommendation": recommendation.url, "handbook": handbook.url,
                  "municipalities": municipalities.url if municipalities else None,
                  "download": download, "static": staticfiles_storage.url("css/orbit.css"),
                  "every_page": every_page}))
"""


@dataclass
class Measurement:
    page: str
    mode: str
    path: str
    x_cache: str
    # The body's size as sent: a page much larger than the static file
    # spends more of each request on sending it.
    kilobytes: float
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int
    baseline_requests_per_second: float = 0.0
    ratio: float = 0.0
    static_requests_per_second: float = 0.0
    static_kilobytes: float = 0.0
    static_ratio: float = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_ensure(url: str) -> None:
    config = environ.Env.db_url_config(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as output:
        child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            yield child
        finally:
            child.terminate()
            child.wait(timeout=30)


def wait_until_healthy(base_url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still importing the project
            time.sleep(0.5)
    raise RuntimeError(f"{base_url} did not become healthy; see {VAR}/gunicorn-*.log")


# What a browser sends: every request of the bench, references included,
# accepts gzip (WhiteNoise then serves the stylesheet's gzip copy, and the
# page cache a page's).
ACCEPT_ENCODING = "gzip, deflate, br"


def warm(url: str) -> tuple[str, int]:
    """Fetch twice, so a cacheable page is in the cache; return the second
    X-Cache and the size of the body as sent, in bytes."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    for _attempt in range(2):
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            x_cache = response.headers.get("X-Cache", "-")
            size = len(response.read())
    return x_cache, size


def wrk(url: str) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "--threads=2",
            f"--connections={CONNECTIONS}",
            f"--duration={SECONDS}s",
            "--timeout=10s",
            f"--header=Accept-Encoding: {ACCEPT_ENCODING}",
            f"--script={ROOT / 'tests' / 'bench' / 'report.lua'}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(page: str, mode: str, url: str, path: str) -> Measurement:
    x_cache, size = warm(url + path)
    figures = wrk(url + path)
    return Measurement(
        page=page,
        mode=mode,
        path=path,
        x_cache=x_cache,
        kilobytes=round(size / 1024, 1),
        requests_per_second=round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        p50_ms=round(figures["p50_us"] / 1000, 2),
        p95_ms=round(figures["p95_us"] / 1000, 2),
        errors=figures["errors"],
    )


def measure_mode(
    mode: str, page_cache_seconds: str, env: dict[str, str], pages: dict, static_path: str
) -> list:
    """Each page in BENCH_ROUNDS rounds, each round right after a baseline run of
    its own: on a shared machine the load from elsewhere drifts, and the median of
    ratios of neighbouring runs drifts least."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_env = {
        **env,
        "PAGE_CACHE_SECONDS": page_cache_seconds,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": WORKERS,
    }
    gunicorn = [PYTHON, "-m", "gunicorn", "orbitcms.wsgi:application"]
    measurements = []
    with process(gunicorn, server_env, VAR / f"gunicorn-{mode}.log"):
        wait_until_healthy(url)
        for page, path in pages.items():
            rounds = []
            for _round in range(ROUNDS):
                baseline = measure("baseline", mode, url, BASELINE_PATH)
                static = measure("static file", mode, url, static_path)
                measured = measure(page, mode, url, path)
                measured.baseline_requests_per_second = baseline.requests_per_second
                measured.ratio = round(
                    measured.requests_per_second / baseline.requests_per_second, 2
                )
                measured.static_requests_per_second = static.requests_per_second
                measured.static_kilobytes = static.kilobytes
                measured.static_ratio = round(
                    measured.requests_per_second / static.requests_per_second, 2
                )
                rounds.append(measured)
            measurements.append(median_measurement(rounds))
    return measurements


def cache_kept_after_publish(env: dict[str, str], every_page: list[str]) -> dict:
    """Every public page cached, one recommendation published (by another
    process, as an editor would): the share of the other pages still answered
    from the cache. Those that show the recommendation (its translations, the
    listings, the home and search pages) are refreshed; the rest must stay."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_env = {**env, "PAGE_CACHE_SECONDS": "600", "GUNICORN_BIND": f"127.0.0.1:{port}"}
    gunicorn = [PYTHON, "-m", "gunicorn", "orbitcms.wsgi:application"]
    with process(gunicorn, server_env, VAR / "gunicorn-publish.log"):
        wait_until_healthy(url)
        # Pages with a form (CSRF cookie) are never stored: they do not count.
        cached = [path for path in every_page if warm(url + path)[0] == "HIT"]
        published = subprocess.run(
            [PYTHON, "-c", PUBLISH_ONE_RECOMMENDATION],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        others = [path for path in cached if path != published]
        kept = []
        for path in others:
            with urllib.request.urlopen(url + path, timeout=30) as response:
                if response.headers.get("X-Cache") == "HIT":
                    kept.append(path)
    return {"published": published, "pages": len(others), "kept": len(kept)}


def median_measurement(rounds: list[Measurement]) -> Measurement:
    """Each figure's median over the rounds (errors add up)."""
    first = rounds[0]
    return Measurement(
        page=first.page,
        mode=first.mode,
        path=first.path,
        x_cache=first.x_cache,
        kilobytes=first.kilobytes,
        requests_per_second=median(m.requests_per_second for m in rounds),
        p50_ms=median(m.p50_ms for m in rounds),
        p95_ms=median(m.p95_ms for m in rounds),
        errors=sum(m.errors for m in rounds),
        baseline_requests_per_second=median(m.baseline_requests_per_second for m in rounds),
        ratio=median(m.ratio for m in rounds),
        static_requests_per_second=median(m.static_requests_per_second for m in rounds),
        static_kilobytes=first.static_kilobytes,
        static_ratio=median(m.static_ratio for m in rounds),
    )


def report(measurements: list[Measurement], kept: dict) -> None:
    print(
        f"\nmedians of {ROUNDS} rounds of {SECONDS}s, {CONNECTIONS} connections, "
        f"{WORKERS} gunicorn workers, production settings, PostgreSQL + Redis, loopback\n"
    )
    print(
        f"{'page':<18} {'mode':<9} {'X-Cache':<7} {'kB':>6} {'req/s':>9} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'baseline':>9} {'ratio':>6} {'static':>9} {'ratio':>6} {'errors':>6}"
    )
    for m in measurements:
        print(
            f"{m.page:<18} {m.mode:<9} {m.x_cache:<7} {m.kilobytes:>6.1f} "
            f"{m.requests_per_second:>9.1f} "
            f"{m.p50_ms:>8.2f} {m.p95_ms:>8.2f} {m.baseline_requests_per_second:>9.1f} "
            f"{m.ratio:>6.2f} {m.static_requests_per_second:>9.1f} {m.static_ratio:>6.2f} "
            f"{m.errors:>6}"
        )
    if measurements:
        print(f"the static file: {measurements[0].static_kilobytes:.1f} kB")
    cached = [m for m in measurements if m.x_cache == "HIT"]
    for reference, target, ratio_of in (
        ("the baseline", CACHED_TARGET_RATIO, lambda m: m.ratio),
        ("the static file", CACHED_TARGET_STATIC_RATIO, lambda m: m.static_ratio),
    ):
        below = [m.page for m in cached if ratio_of(m) < target]
        print(
            f"cached pages at >= {target} of {reference}: "
            + ("all" if not below else "not " + ", ".join(below))
        )
    if not kept["pages"]:
        raise RuntimeError("no page was answered from the cache: nothing to measure")
    share = kept["kept"] / kept["pages"]
    print(
        f"after publishing {kept['published']}: {kept['kept']} of the {kept['pages']} other "
        f"cached pages still answered from the cache ({share:.0%}; target "
        f"{KEPT_AFTER_PUBLISH_TARGET:.0%})"
    )
    (VAR / "pages.json").write_text(
        json.dumps(
            {"measurements": [asdict(m) for m in measurements], "kept_after_publish": kept},
            indent=2,
        )
    )


def main() -> int:
    VAR.mkdir(parents=True, exist_ok=True)
    database_ensure(DATABASE_URL)
    redis_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        # Plain HTTP on loopback: no TLS in front of this server.
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}",
        # Nothing is mailed: the benchmark only reads pages.
        "EMAIL_URL": "dummymail://",
        "ORBIT_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": str(VAR / "access.log"),
    }
    redis = ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port)]
    redis += ["--save", "", "--appendonly", "no"]
    with process(redis, env, VAR / "redis.log"):
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_campaign"],
            # The municipalities overview and a town's page, with example commitments.
            ["load_municipalities"],
            ["load_commitments", "--samples"],
            ["collectstatic", "--noinput", "-v0"],
            ["compilemessages", "--ignore=.venv*", "-v0"],
        ):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        urls = json.loads(
            subprocess.run(
                [PYTHON, "-c", DISCOVER_URLS],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()[-1]
        )
        pages = {
            "home": "/nl/",
            "recommendation": urls["recommendation"],
            "handbook page": urls["handbook"],
            "search": "/nl/search/?q=migratie",
            "municipalities": "/nl/gemeenten/",
            "municipality": "/nl/gemeenten/antwerpen/",
        }
        if urls["municipalities"]:
            pages["municipalities"] = urls["municipalities"]
        if urls["download"]:
            pages["handbook download"] = urls["download"]
        else:
            print("handbook download: not measured, the handbook has no document yet")
        measurements = [
            *measure_mode("cached", "600", env, pages, urls["static"]),
            *measure_mode("uncached", "0", env, pages, urls["static"]),
        ]
        kept = cache_kept_after_publish(env, urls["every_page"])
    report(measurements, kept)
    return 1 if any(m.errors for m in measurements) else 0


if __name__ == "__main__":
    sys.exit(main())
