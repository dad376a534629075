#!/usr/bin/env bash
# Checks every locked dependency (uv.lock, the dev group included) against the vulnerability advisories
# PyPI publishes, and fails on any known vulnerability that has not been accepted, or on any dependency
# that could not be checked.
#
# An accepted vulnerability is one line in docs/accepted-vulnerabilities.txt:
#   <advisory id>  <date accepted>  <who accepted it>  <why it does not affect the portal, and until when>
# Review the file at every release; remove a line as soon as a fixed version is locked.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=$(command -v uv 2>/dev/null || echo .tools/bin/uv)

requirements=$(mktemp)
trap 'rm -f "$requirements"' EXIT
"$UV" export --frozen --no-hashes --no-emit-project --format requirements-txt --quiet >"$requirements"
ignores=()
while read -r id _; do
  [[ -z $id || $id == \#* ]] && continue
  ignores+=(--ignore-vuln "$id")
done <docs/accepted-vulnerabilities.txt
# --strict: a dependency the advisory service cannot answer for fails the audit rather than passing it.
"$UV" run pip-audit --strict --no-deps --disable-pip --progress-spinner off -r "$requirements" "${ignores[@]}"
