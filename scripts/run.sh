#!/usr/bin/env bash
# Serves the portal for `make run`. With a broker configured, a Celery worker and beat run beside it.
set -euo pipefail
pids=()
if [[ -n "${CELERY_BROKER_URL:-}" ]]; then
  celery -A recovery_portal worker --loglevel=INFO --concurrency=2 & pids+=($!)
  celery -A recovery_portal beat --loglevel=INFO & pids+=($!)
  trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
fi
python manage.py runserver 127.0.0.1:8000
