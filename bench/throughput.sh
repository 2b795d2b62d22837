#!/usr/bin/env bash
# Whole-process throughput: scans a corpus with the real binary, one and two threads, and prints
# messages per second and peak RSS. Usage (from the project root, after scripts/build.sh release):
#   bench/throughput.sh [corpus-dir ...]     default: ../shared/corpus/ham and ../shared/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/becguard
[ -x "$bin" ] || { echo "build first: scripts/build.sh release" >&2; exit 2; }
[ $# -gt 0 ] || set -- ../shared/corpus/ham ../shared/corpus
config=examples/becguard.toml

for dir in "$@"; do
  count=$(find "$dir" -name '*.eml' -type f | wc -l)
  # Warm the page cache so the first run does not measure the disk.
  find "$dir" -name '*.eml' -type f -exec cat {} + >/dev/null
  for jobs in 1 2; do
    out=$( { /usr/bin/time -f '%e %M' "$bin" --config "$config" scan --json --no-progress \
             --jobs "$jobs" "$dir" >/dev/null; } 2>&1 | tail -1 ) || true
    secs=${out% *}; rss_kb=${out#* }
    rate=$(python3 -c "print(f'{$count/max($secs,0.001):.0f}')")
    printf '%-32s jobs=%d  %6d msgs  %6.2f s  %7s msg/s  peak RSS %6.1f MiB\n' \
      "$dir" "$jobs" "$count" "$secs" "$rate" "$(python3 -c "print($rss_kb/1024)")"
  done
done
