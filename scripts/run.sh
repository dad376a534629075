#!/usr/bin/env bash
# Serves the portal for `make run`, with a Celery worker and beat beside it, so that scheduled jobs
# (reminders, offer expiry, the report schedule, messages held for quiet hours) run as in production.
# With no CELERY_BROKER_URL, the worker and beat use Kombu's filesystem transport under .run/broker:
# no Redis is needed. docker-compose.yml and production use Redis.
set -euo pipefail
if [[ -z "${CELERY_BROKER_URL:-}" ]]; then
  mkdir -p .run/broker/processed
  export CELERY_BROKER_URL="filesystem://"
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
celery -A recovery_portal worker --loglevel=INFO --concurrency=2 & pids+=($!)
celery -A recovery_portal beat --loglevel=INFO & pids+=($!)
python manage.py runserver 127.0.0.1:8000
