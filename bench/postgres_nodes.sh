#!/usr/bin/env bash
# Several scanner nodes on one PostgreSQL database: aggregate messages per second of 1, 2 and 3
# concurrent `becguard` processes (one scanning thread each, as one core per node), for
#   learn   each node learns its own share of the corpus (a fresh database per row),
#   scan    each node scans the whole corpus against the learned history (--no-learn),
#   scan+learn  the same, learning clean messages after each batch (the default policy).
# The server is a throwaway cluster (tests/support/pg_cluster.sh) with fsync on
# (PG_CLUSTER_DURABLE=1), on the same machine: it shares the cores with the nodes. Stateless and
# SQLite single-node rows are printed for reference. Usage (from the project root, after
# scripts/build.sh release):
#   bench/postgres_nodes.sh [corpus-dir]     default: ../shared/corpus/ham
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath build/release/src/becguard)
[ -x "$bin" ] || { echo "build first: scripts/build.sh release" >&2; exit 2; }
corpus=$(realpath "${1:-../shared/corpus/ham}")
config=examples/becguard.toml
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'bash tests/support/pg_cluster.sh destroy "$tmp/pg" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
url=$(PG_CLUSTER_DURABLE=1 bash tests/support/pg_cluster.sh start "$tmp/pg")
count=$(find "$corpus" -name '*.eml' -type f | wc -l)
find "$corpus" -name '*.eml' -type f -exec cat {} + >/dev/null  # warm the page cache
# Three disjoint shares of the corpus for the learners.
for n in 0 1 2; do mkdir -p "$tmp/share$n"; done
find "$corpus" -name '*.eml' -type f | sort | awk '{ print > ("'"$tmp"'/list" (NR % 3)) }'
for n in 0 1 2; do xargs -a "$tmp/list$n" cp -t "$tmp/share$n"; done

now() { date +%s.%N; }
row() {  # label nodes messages start end
  python3 -c "import sys; l,n,m,s,e=sys.argv[1:]; w=float(e)-float(s)
print(f'| {l:<11} | {n} | {int(m):6d} | {w:6.2f} | {int(m)/w:7.0f} |')" "$@"
}
newdb() { psql -X -q "$url" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; echo "$url&dbname=$1"; }

echo "corpus: $corpus ($count messages); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| mode        | nodes | messages | wall s | aggregate msg/s |"
echo "|---|---|---|---|---|"
for nodes in 1 2 3; do
  store=$(newdb learn$nodes)
  start=$(now); pids=(); total=0
  if [ "$nodes" = 1 ]; then
    "$bin" --config "$config" --store "$store" learn --no-progress "$corpus" 2>/dev/null & pids+=($!)
    total=$count
  else
    for ((n = 0; n < nodes; n++)); do
      "$bin" --config "$config" --store "$store" learn --no-progress "$tmp/share$n" 2>/dev/null &
      pids+=($!)
      total=$((total + $(ls "$tmp/share$n" | wc -l)))
    done
  fi
  for pid in "${pids[@]}"; do wait "$pid"; done
  row learn "$nodes" "$total" "$start" "$(now)"
done
history="$url&dbname=learn1"
for mode in scan scan+learn; do
  for nodes in 1 2 3; do
    store=$history
    flags=(--no-learn)
    if [ "$mode" = scan+learn ]; then
      store=$(newdb scanlearn$nodes)
      "$bin" --config "$config" --store "$store" learn --no-progress "$tmp/share0" 2>/dev/null
      flags=()
    fi
    start=$(now); pids=()
    for ((n = 0; n < nodes; n++)); do
      "$bin" --config "$config" --store "$store" scan "${flags[@]}" --json -j 1 "$corpus" \
        >/dev/null 2>"$tmp/err$n" & pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    row "$mode" "$nodes" $((nodes * count)) "$start" "$(now)"
    if grep -q "unavailable\|not learned" "$tmp"/err*; then echo "warnings: $(head -2 "$tmp"/err*)"; fi
  done
done
for reference in stateless sqlite; do
  store=""
  if [ "$reference" = sqlite ]; then
    store="$tmp/ref.db"
    "$bin" --config "$config" --store "$store" learn --no-progress "$corpus" 2>/dev/null
  fi
  start=$(now)
  "$bin" --config "$config" --store "$store" scan --no-learn --json -j 1 "$corpus" >/dev/null || true
  row "scan ($reference)" 1 "$count" "$start" "$(now)"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
