#!/usr/bin/env bash
# Learned context at organisation scale: for each history size, generates a synthetic mail
# history (bench/gen_history.py), learns it into a fresh SQLite store, then scans a real corpus
# on ONE core with that store and without one, and prints one Markdown table:
#   learn msg/s | store bytes (total, per message, per message without style profiles) |
#   scan msg/s with store / stateless / ratio | p50 and p99 per-message latency | peak RSS
# Scan msg/s is the CLI's (`scan --no-learn --jobs 1`, start-up included); p50/p99 come from
# bench/scan_latency.cc (the same scan in-process, message by message); RSS is the CLI's peak.
# The per-query Store::Snapshot benchmark (bench/store_snapshot_bench.cc) runs on each store;
# its results go to stderr with the progress lines.
#
# Usage (from a fresh clone, after scripts/build.sh release):
#   bench/store_scale.sh [--corpus DIR] [--keep DIR] [--repeat N] [--no-snapshot-bench] [SIZE ...]
# SIZE: 10k, 100k, 1M or a plain count (default: 10k 100k 1M).
# --corpus  mail scanned against each store (default ../shared/corpus/ham); its people seed
#           the generated organisation, as new mail of a company that learned its archive
# --keep    keep histories, configs and stores in DIR (default: a temp dir, removed at exit)
# --repeat  scans per store and mode; the fastest counts (default 3)
# Never touches the default store: every command gets --store.
set -euo pipefail

# All in one function: bash parses it whole before running, so editing this file during a
# long run cannot change the run.
main() {
  cd "$(dirname "$0")/.."
  corpus=../shared/corpus/ham
  keep=""
  snapshot_bench=1
  repeat=3
  sizes=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --corpus) corpus="$2"; shift ;;
      --keep) keep="$2"; shift ;;
      --repeat) repeat="$2"; shift ;;
      --no-snapshot-bench) snapshot_bench=0 ;;
      -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
      -*) echo "store_scale.sh: unknown option $1" >&2; exit 2 ;;
      *) sizes+=("$1") ;;
    esac
    shift
  done
  [ ${#sizes[@]} -gt 0 ] || sizes=(10k 100k 1M)

  build=${BECGUARD_BUILD_DIR:-build/release}  # the tests point it at their own build
  bin=$build/src/becguard
  latency=$build/bench/scan_latency
  snapshot=$build/bench/store_snapshot_bench
  for tool in "$bin" "$latency" "$snapshot"; do
    [ -x "$tool" ] || { echo "store_scale.sh: $tool missing; build first: scripts/build.sh release" >&2; exit 2; }
  done
  [ -d "$corpus" ] || { echo "store_scale.sh: corpus $corpus not found (--corpus DIR)" >&2; exit 2; }
  scan_count=$(find "$corpus" -name '*.eml' -type f | wc -l)
  [ "$scan_count" -gt 0 ] || { echo "store_scale.sh: no .eml files in $corpus" >&2; exit 2; }

  if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
  fi
  results="$work/results.tsv"
  : >"$results"
  log() { echo "store_scale: $*" >&2; }
  log "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $work"

  count_of() {  # 10k -> 10000, 1M -> 1000000
    case "$1" in
      *[kK]) echo $((${1%[kK]} * 1000)) ;;
      *[mM]) echo $((${1%[mM]} * 1000000)) ;;
      *) echo "$1" ;;
    esac
  }

  # Runs a command under /usr/bin/time and sets wall_s and rss_kb; exit codes 0-2 are verdicts.
  timed() {
    local rc=0
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || rc=$?
    if [ "$rc" -gt 2 ]; then
      log "command failed ($rc): $*"
      tail -5 "$work/cmd.err" >&2
      exit 1
    fi
    read -r wall_s rss_kb < <(tail -1 "$work/time.out")
  }

  faster() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
  seconds_of() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$1"; }

  find "$corpus" -name '*.eml' -type f -exec cat {} + >/dev/null  # warm the page cache
  for size in "${sizes[@]}"; do
    n=$(count_of "$size")
    hist="$work/history-$size"
    cfg="$work/becguard-$size.toml"
    db="$work/ctx-$size.db"
    rm -rf "$hist" "$db" "$db-wal" "$db-shm"
    log "$size: generating $n messages"
    python3 bench/gen_history.py --messages "$n" --out "$hist" --config "$cfg" \
      --people-from "$corpus" >&2
    log "$size: learning ($(du -sh "$hist" | cut -f1) of mbox)"
    timed "$bin" --config "$cfg" --store "$db" learn --no-progress "$hist"
    learn_s=$wall_s learn_rss=$rss_kb
    learned=$(grep -o 'learned [0-9]* messages' "$work/cmd.err" | grep -o '[0-9]*' || echo 0)
    # Fold the WAL into the file so the size is the store's, then measure what is on disk.
    python3 - "$db" <<'PY' >"$work/bytes"
import os, sqlite3, sys
db = sys.argv[1]
con = sqlite3.connect(db)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
style = con.execute("SELECT coalesce(sum(length(key) + length(profile)), 0), count(*) "
                    "FROM style_profiles").fetchone()
con.close()
total = sum(os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s))
print(total, style[0], style[1])
PY
    read -r store_bytes style_bytes profiles <"$work/bytes"
    log "$size: learned $learned in ${learn_s}s (peak RSS $((learn_rss / 1024)) MiB); store $store_bytes bytes, $profiles style profiles ($style_bytes bytes)"

    # Scans on one core; stateless and with the store alternate, so load noise hits both, and
    # the fastest of --repeat runs counts (the machine is shared); RSS is the largest seen.
    declare -A scan_s=() scan_rss=([stateless]=0 [store]=0) lat=()
    for _ in $(seq "$repeat"); do
      for mode in stateless store; do
        if [ "$mode" = stateless ]; then location=""; else location="$db"; fi
        timed taskset -c 0 "$bin" --config "$cfg" --store "$location" scan --no-learn --jobs 1 \
          --json --no-progress "$corpus"
        line=$(taskset -c 0 "$latency" --config "$cfg" --store "$location" "$corpus" 2>/dev/null) \
          || true
        if [ -z "${scan_s[$mode]:-}" ] || faster "$wall_s" "${scan_s[$mode]}"; then
          scan_s[$mode]=$wall_s
        fi
        [ "$rss_kb" -le "${scan_rss[$mode]}" ] || scan_rss[$mode]=$rss_kb
        if [ -z "${lat[$mode]:-}" ] || faster "$(seconds_of "$line")" "$(seconds_of "${lat[$mode]}")"; then
          lat[$mode]=$line
        fi
      done
    done
    stateless_s=${scan_s[stateless]} store_s=${scan_s[store]}
    stateless_rss=${scan_rss[stateless]} store_rss=${scan_rss[store]}
    lat_stateless=${lat[stateless]} lat_store=${lat[store]}
    log "$size: scan stateless ${stateless_s}s, with store ${store_s}s; latency stateless: $lat_stateless; with store: $lat_store"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$learned" "$learn_s" \
      "$learn_rss" "$store_bytes" "$style_bytes" "$stateless_s" "$stateless_rss" "$store_s" \
      "$store_rss" "$scan_count" "$lat_stateless" "$lat_store" "$profiles" >>"$results"

    if [ "$snapshot_bench" = 1 ]; then
      log "$size: Store::Snapshot per query (bench/store_snapshot_bench.cc)"
      taskset -c 0 "$snapshot" --store="$db" --benchmark_min_time=0.2 \
        --benchmark_counters_tabular=true >&2
    fi
    [ -n "$keep" ] || rm -rf "$hist"  # mbox of 1M is ~1.5 GB; the store is all that is needed
  done

  python3 bench/store_scale_table.py "$results" "$corpus"
}

main "$@"
