#!/usr/bin/env bash
# Whole-process throughput: scans a corpus with the real binary, one and two threads, and prints
# messages per second (wall clock, and per CPU-second: the per-core figure) and peak RSS;
# start-up (config, data files, cached pattern databases) is included. Usage (from the project root, after scripts/build.sh release):
#   bench/throughput.sh [corpus-dir ...]     default: ../shared/corpus/ham and ../shared/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/becguard
[ -x "$bin" ] || { echo "build first: scripts/build.sh release" >&2; exit 2; }
[ $# -gt 0 ] || set -- ../shared/corpus/ham ../shared/corpus
config=examples/becguard.toml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mode "stateless": no store; mode "sqlite": a SQLite store that has learned the corpus first
# (read on every message, not written: --no-learn), as a deployment after `becguard learn`.
for dir in "$@"; do
  count=$(find "$dir" -name '*.eml' -type f | wc -l)
  # Warm the page cache so the first run does not measure the disk.
  find "$dir" -name '*.eml' -type f -exec cat {} + >/dev/null
  store="$tmp/$(basename "$dir").db"
  /usr/bin/time -f '%e' -o "$tmp/learn.time" "$bin" --config "$config" --store "$store" learn \
    --no-progress "$dir" >/dev/null 2>&1 || true
  learn=$(tail -1 "$tmp/learn.time")
  printf '%-30s learn: %6d msgs  %6.2f s wall  %7.0f msg/s\n' "$dir" "$count" "$learn" \
    "$(python3 -c "print($count/max($learn,0.001))")"
  for mode in stateless sqlite; do
    if [ "$mode" = stateless ]; then store_arg=""; else store_arg="$store"; fi
    for jobs in 1 2; do
      out=$( { /usr/bin/time -f '%e %U %S %M' "$bin" --config "$config" --store "$store_arg" \
               scan --no-learn --json --no-progress --jobs "$jobs" "$dir" >/dev/null; } 2>&1 \
             | tail -1 ) || true
      read -r secs user sys rss_kb <<<"$out"
      python3 - "$dir" "$mode" "$jobs" "$count" "$secs" "$user" "$sys" "$rss_kb" <<'PY'
import sys
d, mode, jobs, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
wall, user, sys_, rss = map(float, sys.argv[5:])
cpu = user + sys_
print(f"{d:<30} {mode:<9} jobs={jobs}  {n:6d} msgs  {wall:6.2f} s wall  {n / max(wall, 1e-3):7.0f} msg/s"
      f"  {n / max(cpu, 1e-3):7.0f} msg per CPU-second  peak RSS {rss / 1024:6.1f} MiB")
PY
    done
  done
done
