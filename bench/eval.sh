#!/usr/bin/env bash
# Detection quality on the development corpora: recall and false-positive rate per label,
# source folder and scenario. Usage (from the project root, after scripts/build.sh release):
#   bench/eval.sh [corpus-root]        default ../shared/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/becguard
corpus="${1:-../shared/corpus}"
[ -x "$bin" ] || { echo "build first: scripts/build.sh release" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "## Real mail: $corpus/manifest.tsv (phish vs ham), example organisation config"
"$bin" --config examples/becguard.toml eval --labels "$corpus/manifest.tsv" "$corpus" || true

if [ -f "$corpus/bec-dev/context.toml" ]; then
  python3 bench/context_to_config.py "$corpus/bec-dev/context.toml" > "$tmp/bec-dev.toml"
  echo
  echo "## BEC development set: $corpus/bec-dev/labels.tsv, config from its context.toml"
  "$bin" --config "$tmp/bec-dev.toml" eval "$corpus/bec-dev" || true
fi
