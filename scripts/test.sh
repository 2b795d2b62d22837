#!/usr/bin/env bash
# Quick start 2: installs dependencies, builds becguard with its tests and runs all of them:
# unit tests, end-to-end tests of the real binary, and each libFuzzer target for a short,
# bounded time (FUZZ_SECONDS, default 30; 0 skips fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -d .git ]; then bash scripts/check-format.sh; fi
bash scripts/build.sh release
ctest --preset release -j2

fuzz_seconds="${FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" -gt 0 ]; then
  bash scripts/build.sh fuzz
  for target in build/fuzz/fuzz/*_fuzz; do
    name=$(basename "$target")
    corpus="build/fuzz/corpus/$name"
    mkdir -p "$corpus"
    echo "== fuzzing $name for ${fuzz_seconds}s =="
    "$target" -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 "$corpus" tests/fixtures/mime examples/mail 2>&1 | tail -4
  done
fi
echo "all tests passed"
