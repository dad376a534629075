#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: the database in one transaction (everything is restored
# or nothing is), then the uploaded files.
#
#   scripts/restore.sh [--replace] [--identity FILE] [--media-root DIR] BACKUP DATABASE_URL
#
#   BACKUP           a file written by scripts/backup.sh (age-encrypted tar)
#   DATABASE_URL     the database to restore into; create it first (createdb). It must be empty
#   --identity FILE  the age private key the backup was encrypted to
#                    (default: the file named by $BACKUP_AGE_IDENTITY_FILE)
#   --media-root DIR where to put the uploaded files (default: $MEDIA_ROOT; skipped if unset). It must
#                    be empty unless --replace is given
#   --replace        restore over a database that already has tables, dropping what the backup holds
#                    first (pg_restore --clean), and over uploaded files of the same names. Stop the
#                    web server, worker and beat before using it
#
# Owners and privileges are not restored: the restored objects belong to the user in DATABASE_URL.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin when present).
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

replace=false
identity=${BACKUP_AGE_IDENTITY_FILE:-}
media=${MEDIA_ROOT:-}
args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --replace) replace=true; shift ;;
    --identity) identity=$2; shift 2 ;;
    --media-root) media=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "Unknown option: $1" >&2; usage 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ ${#args[@]} -eq 2 ]] || usage 2
file=${args[0]} url=${args[1]}
[[ -r $file ]] || { echo "Cannot read $file." >&2; exit 2; }
[[ $url == postgres://* || $url == postgresql://* ]] || { echo "Give a PostgreSQL URL to restore into." >&2; exit 2; }
[[ -n $identity && -r $identity ]] || { echo "Give the age private key the backup was encrypted to (--identity)." >&2; exit 2; }
command -v age >/dev/null || { echo "age not found (apt-get install age)." >&2; exit 1; }

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/pg_restore ]] || PG_BIN=$(dirname "$(command -v pg_restore || echo /missing/pg_restore)")
[[ -x $PG_BIN/pg_restore ]] || { echo "pg_restore not found (apt-get install postgresql-client-15)." >&2; exit 1; }

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! age --decrypt --identity "$identity" "$file" | tar -C "$work" -xf - 2>"$work/decrypt.log"; then
  echo "Cannot decrypt $file with the key in $identity: is it the key the backup was encrypted to?" >&2
  exit 4
fi
[[ -f $work/database.dump ]] || { echo "$file holds no database dump." >&2; exit 4; }

tables=$("$PG_BIN/psql" --no-psqlrc --no-password --tuples-only --no-align --dbname="$url" --command \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
options=(--exit-on-error --single-transaction --no-owner --no-privileges --no-password)
if [[ $tables -gt 0 ]]; then
  if ! $replace; then
    echo "Refusing to restore: the database already has $tables tables. Restore into a new, empty database," >&2
    echo "or add --replace to drop and replace what the backup holds (stop the portal first)." >&2
    exit 3
  fi
  options+=(--clean --if-exists)
fi
if [[ -n $media ]] && ! $replace && [[ -d $media ]] && [[ -n $(ls -A "$media") ]]; then
  echo "Refusing to restore: the media folder $media is not empty. Give an empty folder, or add --replace." >&2
  exit 3
fi
"$PG_BIN/pg_restore" "${options[@]}" --dbname="$url" "$work/database.dump"
files=0
if [[ -n $media ]]; then
  mkdir -p "$media"
  # Files keep the modes and times they were backed up with.
  cp -a "$work/media/." "$media/"
  files=$(find "$work/media" -type f | wc -l)
fi
echo "Restored $file ($files uploaded files)."
