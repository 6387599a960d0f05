# The MVOI portal: `make run` serves it with demo data, `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# DEBUG defaults to false in the settings; the development targets run with it on unless told otherwise.
DEV := DEBUG=$${DEBUG:-true}
# The tests run on every core (pytest-xdist, a test database per worker); PYTEST_ARGS="-n 0" runs them in one process.
PYTEST_ARGS ?= --numprocesses auto

.PHONY: run test install lint messages static serve backup restore bench audit

$(BIN)/.installed: requirements.lock pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/utrecht/index.css: node_modules/.installed
	mkdir -p static/vendor/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css $@

static/vendor/easymde/easymde.min.js: node_modules/.installed
	mkdir -p static/vendor/easymde
	cp node_modules/easymde/dist/easymde.min.js node_modules/easymde/dist/easymde.min.css static/vendor/easymde/

install: $(BIN)/.installed static/vendor/utrecht/index.css static/vendor/easymde/easymde.min.js
	$(DEV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install
	DEBUG=true ADMIN_REQUIRES_MFA=$${ADMIN_REQUIRES_MFA:-false} $(MANAGE) run_portal

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive --severity-level medium --exclude ./.venv,./node_modules,./tests .
	bash .ci/audit-dependencies
	$(DEV) $(MANAGE) check --fail-level WARNING
	$(DEV) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages:
	$(DEV) $(MANAGE) makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

static: install
	$(MANAGE) collectstatic --no-input -v 0

# Production: gunicorn with DEBUG off against DATABASE_URL (SECRET_KEY and ALLOWED_HOSTS must be set).
serve: static
	DEBUG=false $(MANAGE) migrate --no-input -v 0
	DEBUG=false $(MANAGE) createcachetable
	DEBUG=false $(MANAGE) load_public_bodies -v 0
	DEBUG=false $(MANAGE) load_common_indicators -v 0
	DEBUG=false $(MANAGE) load_product_groups -v 0
	DEBUG=false $(BIN)/gunicorn mvoi_portal.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-3} \
		--access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Backups in PostgreSQL's custom format: `make backup` writes backups/mvoi-<time>.dump,
# `make restore DUMP=backups/mvoi-....dump` replaces the database's contents with it.
backup: install
	$(DEV) $(BIN)/python -m core.backup dump

restore: install
	$(DEV) $(BIN)/python -m core.backup restore "$(DUMP)"

# Benchmark (not a test): throughput and latency of the public pages against the raw-WSGI limit, with wrk
# on loopback, on a throwaway database with a small and a ten-times-larger data set. Writes bench/results.md.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Audit (not a test, it takes a few minutes): MDN HTTP Observatory grade (target A+) and Lighthouse scores
# (target 95+) of the public pages, served over HTTPS with production settings. Writes bench/audit.md.
audit: install
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	$(BIN)/python -m bench.audit $(AUDIT_ARGS)
