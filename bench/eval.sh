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
"$bin" --config examples/becguard.toml --store "" eval --labels "$corpus/manifest.tsv" "$corpus" || true

if [ -f "$corpus/bec-dev/context.toml" ]; then
  python3 bench/context_to_config.py "$corpus/bec-dev/context.toml" > "$tmp/bec-dev.toml"
  echo
  echo "## BEC development set, stateless: $corpus/bec-dev/labels.tsv, config from its context.toml"
  "$bin" --config "$tmp/bec-dev.toml" --store "" eval "$corpus/bec-dev" || true
  # The files are in Date order: one thread, learning the clean ones as it goes, replays history.
  echo
  echo "## BEC development set, learning while scanning (memory store, one thread, in Date order)"
  "$bin" --config "$tmp/bec-dev.toml" --store memory: eval --jobs 1 "$corpus/bec-dev" || true
fi
