#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster and redis-server on loopback, and the local
# stand-ins of national services (a GOV.UK Notify API that checks the client's JWT as Notify does, and
# an SMTP server standing in for the Trust's mail relay), then removes them all, whatever the command's
# outcome. The command sees DATABASE_URL and CELERY_BROKER_URL, plus TEST_PG_DATA / TEST_PG_BIN /
# TEST_REDIS_PORT for tests that restart them, NOTIFY_API_KEY / NOTIFY_BASE_URL / NOTIFY_CALLBACK_TOKEN
# for the Notify stand-in, TEST_SMTP_PORT / TEST_SMTP_MAILDIR for the SMTP server, and TEST_OIDC_* for
# the two local OpenID Providers (tests/standins/oidc: a Trust staff identity service and an NHS login).
# With both DATABASE_URL and CELERY_BROKER_URL already set (a developer's own servers), those are used
# as they are; otherwise both throwaway services are started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${STANDIN_PYTHON:-$root/.venv/bin/python}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for_port() {
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "The $2 stand-in did not start on port $1." >&2
  return 1
}

standins=$(mktemp -d /tmp/recovery-portal-standins.XXXXXX)
standin_pids=()
stop_standins() {
  for pid in "${standin_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$standins"
}
trap stop_standins EXIT INT TERM
notify_port=$(free_port)
smtp_port=$(free_port)
notify_service_id=$(python3 -c 'import uuid; print(uuid.uuid4())')
notify_secret=$(python3 -c 'import uuid; print(uuid.uuid4())')
"$python" "$root/tests/standins/notify_api.py" --port "$notify_port" --service-id "$notify_service_id" \
  --secret "$notify_secret" >"$standins/notify.log" 2>&1 &
standin_pids+=($!)
mkdir -p "$standins/maildir/tmp" "$standins/maildir/new" "$standins/maildir/cur"
"$python" -m aiosmtpd --nosetuid --listen "127.0.0.1:$smtp_port" --class aiosmtpd.handlers.Mailbox \
  "$standins/maildir" >"$standins/smtp.log" 2>&1 &
standin_pids+=($!)
staff_idp_port=$(free_port)
nhs_idp_port=$(free_port)
staff_idp_secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
other_idp_secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
node "$root/tests/standins/oidc/server.mjs" --staff-port "$staff_idp_port" --nhs-port "$nhs_idp_port" \
  --staff-secret "$staff_idp_secret" --other-secret "$other_idp_secret" \
  --nhs-client-key-out "$standins/nhs-login-client-key.pem" >"$standins/oidc.log" 2>&1 &
standin_pids+=($!)
wait_for_port "$notify_port" "GOV.UK Notify" && wait_for_port "$smtp_port" "SMTP"
wait_for_port "$staff_idp_port" "staff identity provider" && wait_for_port "$nhs_idp_port" "NHS login"
# The portal's own settings stay unset: each test that signs in through a provider configures it.
export TEST_OIDC_STAFF_ISSUER="http://127.0.0.1:$staff_idp_port" TEST_OIDC_STAFF_CLIENT_ID=recovery-portal
export TEST_OIDC_STAFF_CLIENT_SECRET="$staff_idp_secret"
export TEST_OIDC_OTHER_CLIENT_ID=another-trust-app TEST_OIDC_OTHER_CLIENT_SECRET="$other_idp_secret"
export TEST_OIDC_NHS_ISSUER="http://127.0.0.1:$nhs_idp_port" TEST_OIDC_NHS_CLIENT_ID=recovery-portal-nhs-login
export TEST_OIDC_NHS_CLIENT_KEY="$standins/nhs-login-client-key.pem"
export TEST_OIDC_CIS2_CLIENT_ID=recovery-portal-cis2 TEST_OIDC_CIS2_CLIENT_KEY="$standins/cis2-client-key.pem"
export NOTIFY_API_KEY="portal_tests-$notify_service_id-$notify_secret"
export NOTIFY_BASE_URL="http://127.0.0.1:$notify_port"
export NOTIFY_CALLBACK_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
export TEST_SMTP_PORT="$smtp_port" TEST_SMTP_MAILDIR="$standins/maildir"

if [[ -n "${DATABASE_URL:-}" && -n "${CELERY_BROKER_URL:-}" ]]; then
  "$@"
  exit
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "PostgreSQL 15 server binaries not found in $PG_BIN (apt-get install postgresql-15)." >&2
  exit 1
fi
command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)." >&2; exit 1; }

work=$(mktemp -d /tmp/recovery-portal-services.XXXXXX)
pg_port=$(free_port)
redis_port=$(free_port)

# initdb and pg_ctl refuse to run as root; as root they run as the postgres user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ $(id -u) -eq 0 ]]; then chown postgres "$work"; chmod 755 "$work"; fi

cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  if [[ -f "$work/redis.pid" ]]; then kill "$(cat "$work/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
  stop_standins
}
trap cleanup EXIT INT TERM

as_postgres "$PG_BIN/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
# Durability settings are off: this cluster lives for one run and holds nothing of value.
as_postgres "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --dir "$work" --logfile "$work/redis.log"

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/recovery_portal"
export CELERY_BROKER_URL="redis://127.0.0.1:$redis_port/0"
export TEST_PG_DATA="$work/pg" TEST_PG_BIN="$PG_BIN" TEST_PG_PORT="$pg_port" TEST_REDIS_PORT="$redis_port"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres recovery_portal

"$@"
