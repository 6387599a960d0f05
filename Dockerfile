# The MVOI portal as a container image. Every step runs a command CI already runs: the `npm ci` and
# `pip install -r requirements.lock` of `make install`, `compilemessages`, the `collectstatic` of
# `make static`, and `make serve` itself. Configure it with the environment variables of
# docs/deployment.md (SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS at least).

# --- Stage 1: the NL Design System stylesheet and the admin's markdown editor from npm -------------
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error \
    && mkdir -p static/vendor/utrecht static/vendor/easymde \
    && cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/index.css \
    && cp node_modules/easymde/dist/easymde.min.js node_modules/easymde/dist/easymde.min.css static/vendor/easymde/

# --- Stage 2: the Python application --------------------------------------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=false \
    BIND=0.0.0.0:8000 \
    WEB_CONCURRENCY=3
# Pango, HarfBuzz and DejaVu fonts for WeasyPrint, which makes the plans' PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends make gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The virtualenv sits where the Makefile expects it.
COPY requirements.lock pyproject.toml ./
RUN python -m venv .venv \
    && .venv/bin/pip install --no-cache-dir --disable-pip-version-check -r requirements.lock \
    && touch .venv/bin/.installed

COPY . .
COPY --from=assets /app/static/vendor/ static/vendor/

# Translations and static files are built into the image. These commands read the settings but never
# connect to the database; the build-time values below exist only in this step, not in the image.
RUN DATABASE_URL=postgres://build@127.0.0.1/build SECRET_KEY="build-only-$(head -c 48 /dev/urandom | base64)" sh -c '\
        .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 \
        && .venv/bin/python manage.py collectstatic --no-input -v 0'

# Run as an unprivileged user that owns nothing but what gunicorn needs to read.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin mvoi
USER mvoi

EXPOSE 8000
# /healthz answers 200 when the database answers; it is asked for under the first allowed host name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD [".venv/bin/python", "-c", "\
import os, urllib.request; \
host = os.environ.get('ALLOWED_HOSTS', '127.0.0.1').split(',')[0].strip(); \
urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"]

# The same as `make serve` (migrate, cache table, register of public bodies, gunicorn); `-o static` skips
# the install and collectstatic steps that the build already ran.
CMD ["make", "-o", "static", "serve"]
