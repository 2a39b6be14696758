"""gunicorn's settings, read from the working directory by `make serve`, the
Docker image and `make bench` alike. WEB_CONCURRENCY sets the worker count."""

import multiprocessing
import os
from pathlib import Path

import environ

# The same .env as the settings, read before them: these values configure gunicorn itself.
environ.Env.read_env(Path(__file__).resolve().parent / ".env")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Requests that take longer than this are killed: a stuck worker comes back.
timeout = 30
graceful_timeout = 30
# The project is imported once, before the workers fork: they share its memory
# and a worker that died is replaced without importing it again. Workers are
# not recycled after N requests (max_requests): at cached-page speed every
# worker reached it within seconds of the others and the site paused while
# they all restarted (seen in make bench).
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The proxy in front (one hop) may tell the client's scheme and address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket sits at one path per user: two servers on one
# machine (make serve and make bench) would fight over it, and nothing uses it.
control_socket_disable = True
