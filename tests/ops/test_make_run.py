"""`make run` as a new user starts it, on a free port and a fresh var/ folder:
the site answers, behaves like the real one (its own 404 page, static files
served, no debug page), and Ctrl+C ends all of its processes within seconds,
quietly."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.markup import soup

ROOT = Path(__file__).resolve().parents[2]
STOP_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc (children of children included)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit():
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not noticed yet


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.integration
def test_make_run_serves_the_site_as_in_production_and_stops_quietly_on_ctrl_c(tmp_path):
    port = _free_port()
    site = f"http://127.0.0.1:{port}"
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"}
    }
    environment["ORBIT_VAR_DIR"] = str(tmp_path)
    output = tmp_path / "make-run.log"
    with output.open("w") as log:
        make = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as in a terminal
        )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and make.poll() is None:
            try:
                if _get(f"{site}/nl/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        assert make.poll() is None, output.read_text()
        home = _get(f"{site}/nl/")[1]
        assert soup(home).find("link", rel="canonical")["href"] == f"{site}/nl/"
        status, missing = _get(f"{site}/nl/no-such-page/")
        assert status == 404
        assert soup(missing).select_one(".error-page") is not None
        assert "Django tried these URL patterns" not in missing
        assert _get(f"{site}/static/css/orbit.css")[0] == 200
        # Give beat and the worker time to be fully up, as after any real start.
        time.sleep(5)
        processes = _descendants(make.pid)
        assert len(processes) >= 4  # supervisor, web server, worker (and its pool), beat

        os.killpg(make.pid, signal.SIGINT)  # Ctrl+C in the terminal
        stopped_by = time.monotonic() + STOP_SECONDS
        make.wait(timeout=STOP_SECONDS)
        while time.monotonic() < stopped_by and any(_alive(pid) for pid in processes):
            time.sleep(0.2)
        assert not [pid for pid in processes if _alive(pid)], output.read_text()
    finally:
        for pid in _descendants(make.pid) | {make.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        make.wait()

    log_text = output.read_text()
    assert "ERROR" not in log_text and "Traceback" not in log_text, log_text
