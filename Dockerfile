# syntax=docker/dockerfile:1
# The Recovery Portal's container image. One image runs the web server (the default command),
# the Celery worker and beat, and one-off management commands; see docker-compose.yml.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- Front-end assets: Node 20 is needed only here, to install the pinned NHS.UK design system.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- Python dependencies, installed by uv exactly as uv.lock lists them, without the dev group.
FROM ${PYTHON_IMAGE} AS python-deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON_PREFERENCE=only-system \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1
RUN pip install uv==0.13.9
WORKDIR /build
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev

# --- The runtime image.
FROM ${PYTHON_IMAGE}

# WeasyPrint's system libraries (PDF documents) and Arial-metric fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

# The portal runs as an unprivileged user; the code and collected static files stay owned by root.
RUN groupadd --system --gid 10001 recovery \
    && useradd --system --uid 10001 --gid recovery --create-home --home-dir /home/recovery \
        --shell /usr/sbin/nologin recovery

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=recovery_portal.settings.production

WORKDIR /app
# The virtual environment keeps the path it was built at, so it is copied to the same place.
COPY --from=python-deps /opt/venv /opt/venv
COPY . .
# Where STATICFILES_DIRS expects the NHS.UK frontend (node_modules/nhsuk-frontend/dist/nhsuk).
COPY --from=assets /build/node_modules/nhsuk-frontend/dist /app/node_modules/nhsuk-frontend/dist

# The portal's own bytecode is compiled at build (the dependencies' by uv above): with
# PYTHONDONTWRITEBYTECODE set, every process would otherwise compile the sources it imports as it starts.
RUN python -m compileall -q manage.py recovery_portal workstreams teams careplans college evaluation

# Static files are collected once, at build. The production settings refuse to start without
# SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS; collectstatic uses none of them, so placeholders
# are given to this one command only and are not kept in the image.
RUN SECRET_KEY=collectstatic-placeholder-not-used-at-run-time \
    DATABASE_URL=postgres://collectstatic@localhost:5432/collectstatic \
    ALLOWED_HOSTS=localhost PORTAL_BASE_URL=https://localhost \
    python manage.py collectstatic --noinput --ignore '*.scss' --ignore '*.njk' --ignore '*.d.mts' \
    && mkdir -p /app/media \
    && chown recovery:recovery /app/media

USER recovery
EXPOSE 8000

# Behind the Trust's TLS-terminating proxy, which must set X-Forwarded-Proto. gunicorn's settings
# (threads, timeouts, graceful restarts, the JSON access log) are in gunicorn.conf.py.
# The container is healthy while the portal answers /health/ (a cheap check of the database), asked as
# the proxy would ask, with an allowed host name and X-Forwarded-Proto so the HTTPS redirect does not answer.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; host = os.environ['ALLOWED_HOSTS'].split(',')[0].strip().lstrip('.*') or 'localhost'; r.urlopen(r.Request('http://127.0.0.1:8000/health/', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=5)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "recovery_portal.wsgi:application"]
