#!/usr/bin/env bash
# The store-scale benchmark's tools on a small history: the generator is reproducible, writes
# mail that learning understands (both directions, bank details of several kinds, Japanese
# style profiles, threads), and bench/store_scale.sh prints its one table.
# Usage: store_scale_test.sh BIN (run from the project root; skipped without the bench tools)
set -uo pipefail
bin="$1"
build="$(cd "$(dirname "$bin")/.." && pwd)"
[ -x "$build/bench/scan_latency" ] && [ -x "$build/bench/store_snapshot_bench" ] || {
  echo "skipped: bench tools not built (BECGUARD_BUILD_BENCH=OFF)"
  exit 77
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

python3 bench/gen_history.py --messages 2000 --out "$tmp/a" --config "$tmp/a.toml" \
  --people-from examples/mail 2>/dev/null || fail "generator failed"
python3 bench/gen_history.py --messages 2000 --out "$tmp/b" --people-from examples/mail 2>/dev/null
cmp -s "$tmp/a/history-00000.mbox" "$tmp/b/history-00000.mbox" || fail "same seed, different mail"
python3 bench/gen_history.py --messages 2000 --out "$tmp/c" --seed 5 --people-from examples/mail \
  2>/dev/null
cmp -s "$tmp/a/history-00000.mbox" "$tmp/c/history-00000.mbox" && fail "seed has no effect"
[ "$(grep -c '^From ' "$tmp/a/history-00000.mbox")" -eq 2000 ] || fail "not 2000 messages"
grep -q '^domains = \["norbridge.com", "norbridge.co.jp"\]' "$tmp/a.toml" \
  || fail "config does not name the organisation's domains"
size=$(stat -c %s "$tmp/a/history-00000.mbox")
[ "$size" -gt 2000000 ] && [ "$size" -lt 6000000 ] || fail "average size outside 1-3 KB ($size)"

"$bin" --config "$tmp/a.toml" --store "$tmp/ctx.db" learn --no-progress "$tmp/a" 2>"$tmp/learn.err" \
  || fail "learn failed: $(cat "$tmp/learn.err")"
python3 - "$tmp/ctx.db" <<'PY' || fail "the store did not learn what the history holds"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
one = lambda sql: db.execute(sql).fetchone()[0]
kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM payments")}
need = {"iban", "swift_bic", "japan_bank_account"}
assert need <= kinds, f"payment kinds {kinds}"
directions = {d for (d,) in db.execute("SELECT DISTINCT direction FROM messages")}
assert directions == {0, 1, 2}, f"directions {directions}"
assert one("SELECT count(*) FROM messages") == 2000
assert one("SELECT max(messages) FROM threads") >= 5, "no long thread"
assert one("SELECT count(*) FROM style_profiles WHERE script = 1") > 0, "no Japanese profile"
assert one("SELECT count(*) FROM correspondents") > 500, "too few correspondents"
PY

BECGUARD_BUILD_DIR="$build" bash bench/store_scale.sh --corpus examples/mail 1k \
  >"$tmp/table.md" 2>"$tmp/scale.err" || fail "store_scale.sh failed: $(tail -5 "$tmp/scale.err")"
grep -q '^| history | learn msg/s |' "$tmp/table.md" || fail "no table header"
grep -q '^| 1k (1,000 learned) | [0-9,]* |' "$tmp/table.md" || fail "no row for 1k: $(cat "$tmp/table.md")"
grep -q 'Snapshot/all_of_them' "$tmp/scale.err" || fail "the snapshot benchmark did not run"
echo "store_scale: all checks passed"
