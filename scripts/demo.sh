#!/usr/bin/env bash
# Quick start 1: installs dependencies, builds becguard and scans the bundled example mail,
# then explains one verdict in full.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
bin=build/release/src/becguard

echo
echo "== becguard scan examples/mail =="
set +e
"$bin" --config examples/becguard.toml scan --no-progress examples/mail
status=$?
set -e
# 0 clean, 1 suspicious, 2 bec: all mean the scan worked; 3+ is an error.
if [ "$status" -ge 3 ]; then
  echo "becguard scan failed with exit code $status" >&2
  exit "$status"
fi

echo
echo "== becguard scan --explain examples/mail/02-thread-hijack-bank-change.eml =="
"$bin" --config examples/becguard.toml scan --explain \
  examples/mail/02-thread-hijack-bank-change.eml || [ $? -le 2 ]
