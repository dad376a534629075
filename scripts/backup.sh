#!/usr/bin/env bash
# Backs up the portal's PostgreSQL database to one file (pg_dump custom format), then checks that the
# file can be read back (pg_restore --list), so an unreadable backup is found when it is made.
#
#   scripts/backup.sh [--database-url URL] [--output FILE]
#
#   --database-url URL  the database to back up (default: $DATABASE_URL)
#   --output FILE       where to write it (default: recovery-portal-YYYYmmdd-HHMMSS.dump here)
#
# The file holds every table, the audit trail and its append-only trigger, and the schedule of
# periodic jobs. It does not hold MEDIA_ROOT (uploaded documents, generated reports): back that
# folder up beside it. Environment: PG_BIN (default /usr/lib/postgresql/15/bin when present).
set -euo pipefail

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

url=${DATABASE_URL:-}
output="recovery-portal-$(date -u +%Y%m%d-%H%M%S).dump"
while [[ $# -gt 0 ]]; do
  case $1 in
    --database-url) url=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage 2 ;;
  esac
done
[[ $url == postgres://* || $url == postgresql://* ]] || { echo "Give a PostgreSQL URL (--database-url or DATABASE_URL)." >&2; exit 2; }

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/pg_dump ]] || PG_BIN=$(dirname "$(command -v pg_dump || echo /missing/pg_dump)")
[[ -x $PG_BIN/pg_dump ]] || { echo "pg_dump not found (apt-get install postgresql-client-15)." >&2; exit 1; }

# Written beside the target and renamed only once complete and readable: a failed run never leaves
# a file that looks like a good backup.
partial="$output.partial"
trap 'rm -f "$partial"' EXIT
"$PG_BIN/pg_dump" --format=custom --compress=6 --no-password --file="$partial" --dbname="$url"
tables=$("$PG_BIN/pg_restore" --list "$partial" | grep -c ' TABLE DATA ' || true)
[[ $tables -gt 0 ]] || { echo "The backup holds no table data; not keeping it." >&2; exit 1; }
mv "$partial" "$output"
echo "Backed up $tables tables to $output ($(du -h "$output" | cut -f1))."
