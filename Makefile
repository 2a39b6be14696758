# ORBIT CMS: the README's commands. Only Python 3.11+ is needed to start;
# uv (installed into .venv-tools/) builds .venv from pyproject.toml + uv.lock.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
CELERY := $(VENV)/bin/celery
# Where the data lives (the settings read the same variable).
VAR_DIR := $(or $(ORBIT_VAR_DIR),var)
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never

.PHONY: help install run serve test test-fast e2e bench bench-coaching bench-pages lint check clean

help:
	@echo "make run    - the site with the campaign loaded, a Celery worker and beat ($(HOST):$(PORT))"
	@echo "make test   - the test suite (SQLite + embedded broker unless DATABASE_URL/REDIS_URL are set)"
	@echo "make test-fast - the tests without live server, worker or browser (the edit-test loop)"
	@echo "make e2e    - end-to-end tests in Chromium; screenshots in test-artifacts/e2e/"
	@echo "make lint   - ruff, Django's checks and the migrations check"
	@echo "make serve  - production settings: gunicorn, a Celery worker and beat (needs SECRET_KEY, ALLOWED_HOSTS)"
	@echo "make bench  - requests/s and latency of the public pages under gunicorn, PostgreSQL and Redis"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv>=0.9,<1"

# The PDFs (handbook, recommendations) are set in DejaVu Sans, a Debian package
# like Chromium: without it they fall back to Latin-1 Helvetica.
PDF_FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
$(PDF_FONT):
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-dejavu-core

# The Makefile too: a change of how it syncs (bytecode) applies to a kept venv.
$(VENV)/.synced: pyproject.toml uv.lock Makefile | $(UV)
	$(UV) sync --locked --compile-bytecode --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced $(PDF_FONT)

# The address every absolute URL names (canonical links, sitemap, API).
run: export SITE_URL := http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_campaign
	$(PY) manage.py load_municipalities
	$(PY) manage.py load_commitments --samples
	$(PY) manage.py set_site_address
	$(PY) manage.py ensure_admin
	$(PY) manage.py compilemessages --ignore=.venv* -v0
	$(PY) manage.py site_summary --url $(SITE_URL)
	@$(PY) orbitcms/supervise.py \
		"$(CELERY) -A orbitcms worker --loglevel=INFO --concurrency=2" \
		"$(CELERY) -A orbitcms beat --loglevel=INFO --schedule=$(VAR_DIR)/celerybeat-schedule" \
		"$(PY) manage.py runserver --noreload $(HOST):$(PORT)"

test: install
	$(PY) manage.py compilemessages --ignore='.venv*' -v0
	$(VENV)/bin/pytest

# The edit-test loop: everything but the tests that commit (live server, worker,
# transaction=True), start other processes or drive a browser, in one
# pytest-xdist worker per core (each with its own database and files,
# orbitcms/settings/test.py). Not with REDIS_URL: the workers would clear each
# other's caches on the one Redis server.
test-fast: install
	$(PY) manage.py compilemessages --ignore='.venv*' -v0
	$(VENV)/bin/pytest -m "not slow" $(if $(REDIS_URL),,-n auto)

bench-coaching: install
	$(PY) manage.py compilemessages --ignore='.venv*' -v0
	$(PY) tests/bench/coaching_latency.py

# End-to-end tests in a real browser: Debian's Chromium (Playwright's own browser
# download is not available here) and axe-core from npm for the accessibility audit.
# Screenshots and reports land in test-artifacts/e2e/.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

e2e: install $(CHROMIUM) node_modules/.package-lock.json
	$(PY) manage.py compilemessages --ignore='.venv*' -v0
	$(VENV)/bin/pytest -m e2e

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker/compose.yaml

# Production settings (SECRET_KEY, ALLOWED_HOSTS and the rest from the
# environment or .env), the same processes as docker/compose.yaml.
serve: export DJANGO_SETTINGS_MODULE := orbitcms.settings.production
serve: export GUNICORN_BIND := $(HOST):$(PORT)
serve: install
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_campaign
	$(PY) manage.py load_municipalities
	$(PY) manage.py load_commitments
	$(PY) manage.py set_site_address
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py compilemessages --ignore=.venv* -v0
	@$(PY) orbitcms/supervise.py \
		"$(CELERY) -A orbitcms worker --loglevel=INFO" \
		"$(CELERY) -A orbitcms beat --loglevel=INFO --schedule=$(VAR_DIR)/celerybeat-schedule" \
		"$(VENV)/bin/gunicorn orbitcms.wsgi:application"

# Benchmarks: each part of the site adds its own bench-* target here.
bench: bench-coaching bench-pages

bench-pages: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
	$(PY) -m tests.bench.pages

clean:
	rm -rf $(VENV) $(TOOLS) var/test.sqlite3* var/test-broker* var/test-media-* var/test-page-cache* var/test-snapshot
