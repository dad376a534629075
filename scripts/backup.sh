#!/usr/bin/env bash
# Backs up the portal's PostgreSQL database and its uploaded files (MEDIA_ROOT) to one file, encrypted
# to the Trust's backup public key with age, readable by the owner only. The database dump is checked
# (pg_restore --list) before anything is kept, so an unreadable backup is found when it is made.
#
#   scripts/backup.sh [--database-url URL] [--media-root DIR] [--recipient KEY] [--output FILE]
#
#   --database-url URL  the database to back up (default: $DATABASE_URL)
#   --media-root DIR    the uploaded files to back up beside it (default: $MEDIA_ROOT; none if unset)
#   --recipient KEY     the age public key (age1...) the backup is encrypted to
#                       (default: $BACKUP_AGE_RECIPIENT, or the file named by $BACKUP_AGE_RECIPIENT_FILE)
#   --output FILE       where to write it (default: recovery-portal-YYYYmmdd-HHMMSS.tar.age here)
#
# The file is a tar of database.dump (pg_dump custom format: every table, the audit trail and its
# append-only trigger, the schedule of periodic jobs) and media/, encrypted with age. Only the holder
# of the matching private key can read it (scripts/restore.sh --identity). There is no unencrypted mode:
# a backup holds every person's record. Environment: PG_BIN (default /usr/lib/postgresql/15/bin).
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

url=${DATABASE_URL:-}
media=${MEDIA_ROOT:-}
recipient=${BACKUP_AGE_RECIPIENT:-}
if [[ -z $recipient && -n ${BACKUP_AGE_RECIPIENT_FILE:-} ]]; then recipient=$(tr -d '[:space:]' <"$BACKUP_AGE_RECIPIENT_FILE"); fi
output="recovery-portal-$(date -u +%Y%m%d-%H%M%S).tar.age"
while [[ $# -gt 0 ]]; do
  case $1 in
    --database-url) url=$2; shift 2 ;;
    --media-root) media=$2; shift 2 ;;
    --recipient) recipient=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage 2 ;;
  esac
done
[[ $url == postgres://* || $url == postgresql://* ]] || { echo "Give a PostgreSQL URL (--database-url or DATABASE_URL)." >&2; exit 2; }
[[ $recipient == age1* ]] || { echo "Give the age public key to encrypt to (--recipient or BACKUP_AGE_RECIPIENT)." >&2; exit 2; }
[[ -z $media || -d $media ]] || { echo "The media folder $media does not exist." >&2; exit 2; }
command -v age >/dev/null || { echo "age not found (apt-get install age)." >&2; exit 1; }

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/pg_dump ]] || PG_BIN=$(dirname "$(command -v pg_dump || echo /missing/pg_dump)")
[[ -x $PG_BIN/pg_dump ]] || { echo "pg_dump not found (apt-get install postgresql-client-15)." >&2; exit 1; }

# Everything this script writes is readable by its owner only, the clear dump included while it lives.
umask 077
work=$(mktemp -d)
# Written beside the target and renamed only once complete: a failed run never leaves a file that
# looks like a good backup, and the clear dump never outlives the script.
partial="$output.partial"
trap 'rm -rf "$work" "$partial"' EXIT
"$PG_BIN/pg_dump" --format=custom --compress=6 --no-password --file="$work/database.dump" --dbname="$url"
tables=$("$PG_BIN/pg_restore" --list "$work/database.dump" | grep -c ' TABLE DATA ' || true)
[[ $tables -gt 0 ]] || { echo "The backup holds no table data; not keeping it." >&2; exit 1; }
mkdir "$work/media"
files=0
if [[ -n $media ]]; then
  cp -a "$media/." "$work/media/"
  files=$(find "$work/media" -type f | wc -l)
fi
tar -C "$work" -cf - database.dump media | age --encrypt --recipient "$recipient" --output "$partial"
mv "$partial" "$output"
echo "Backed up $tables tables and $files uploaded files to $output ($(du -h "$output" | cut -f1)), encrypted."
