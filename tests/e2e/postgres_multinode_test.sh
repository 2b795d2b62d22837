#!/usr/bin/env bash
# Several becguard nodes on one PostgreSQL database (the multi-MX setup of docs/STORE.md), with
# the real binary and a real server (tests/support/pg_cluster.sh, a throwaway cluster):
#   1. one node learns a history: the reference state and the 1-node learn/scan figures;
#   2. three `becguard learn` nodes on overlapping parts of the same history and a scanner
#      learning on scan, all at once on a second database: every distinct Message-ID learned
#      exactly once, counters consistent, the same content as the one-node database, no
#      deadlock, no failure; three scanners at once give the 3-node scan figure;
#   3. PostgreSQL restarted under two scanners (learning on scan) and a learner: every message
#      still gets a verdict, warned about while the server is away, none skipped or silently
#      unlearned; the scans recover (new connections) once it is back; a node started while it
#      is down fails at once with a clear error; the learner either retries its batch on a new
#      connection or reports the failure and exits non-zero, and a rerun completes the history.
# Missing PostgreSQL binaries fail the test (the CI installs them), never skip it.
# Usage: postgres_multinode_test.sh path/to/becguard   (from the project root)
set -uo pipefail
bin=$(realpath "$1")
cfg=tests/fixtures/learn/becguard.toml
tmp=$(mktemp -d)
chmod 755 "$tmp"  # the unprivileged server user reaches its socket below
cluster="$tmp/pg"
cleanup() {
  # Nodes still running (or held stopped) when a check failed go first.
  for pid in $(jobs -p); do kill -9 "$pid" 2>/dev/null; done
  bash tests/support/pg_cluster.sh destroy "$cluster" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$cluster/server.log" ] && tail -20 "$cluster/server.log"; exit 1; }

url=$(bash tests/support/pg_cluster.sh start "$cluster") || fail "cannot start PostgreSQL"
psql_at() { psql -X -At -v ON_ERROR_STOP=1 "$url&dbname=$1" -c "$2"; }
psql -X -q "$url" -c "CREATE DATABASE reference" -c "CREATE DATABASE shared" || fail "createdb"
reference="$url&dbname=reference"
shared="$url&dbname=shared"
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):.0f}')" "$@"; }

# Mail of an organisation and its vendors: shared senders and recipients, reply chains across
# the parts, recurring bank details. make_mail DIR PREFIX FIRST LAST [STEP]
make_mail() {
  python3 - "$@" <<'PY'
import os, sys
out, prefix, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
step = int(sys.argv[5]) if len(sys.argv) > 5 else 1
os.makedirs(out, exist_ok=True)
ibans = ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606"]
for i in range(first, last, step):
    v = i % 23
    chain = i % 60
    refs = ""
    if i >= 60:
        refs = f"In-Reply-To: <{prefix}{i - 60}@vendor.test>\nReferences: <{prefix}{chain}@vendor.test> <{prefix}{i - 60}@vendor.test>\n"
    pay = f"\nPlease pay to IBAN {ibans[v % 3]} as usual.\n" if i % 7 == 0 else ""
    with open(os.path.join(out, f"{prefix}{i:05d}.eml"), "w") as f:
        f.write(f"From: Contact {v} <contact{v}@vendor{v % 9}.test>\n"
                f"To: Ivan Petrov <ivan.petrov@quillonmarine.com>\n"
                f"Cc: Lena Fischer <lena.fischer@quillonmarine.com>\n"
                f"Subject: {'Re: ' if i >= 60 else ''}Shipment {chain}\n"
                f"Date: Tue, {1 + i % 28:02d} Jul 2025 {i % 24:02d}:{i % 60:02d}:00 +0000\n"
                f"Message-ID: <{prefix}{i}@vendor.test>\n{refs}\n"
                f"Hello Ivan,\n\nthe containers for shipment {chain} are on schedule; the\n"
                f"paperwork for step {i} follows with the usual documents.\n{pay}\nKind regards,\n"
                f"Contact {v}\n")
PY
}
make_mail "$tmp/a" h 0 400
make_mail "$tmp/b" h 200 600
make_mail "$tmp/c" h 0 600 2
make_mail "$tmp/all" h 0 600
distinct=600

echo "setup: ${SECONDS}s"
# 1. One node: the reference database and the one-node figures.
start=$(now)
"$bin" --config "$cfg" --store "$reference" learn --no-progress "$tmp/all" 2>"$tmp/ref.err" ||
  fail "reference learn: $(cat "$tmp/ref.err")"
learn1=$(rate "$distinct" "$start" "$(now)")
start=$(now)
"$bin" --config "$cfg" --store "$reference" scan --no-learn --json -j 1 "$tmp/all" >"$tmp/scan1.json" \
  2>"$tmp/scan1.err"
[ $? -le 2 ] || fail "reference scan: $(cat "$tmp/scan1.err")"
scan1=$(rate "$distinct" "$start" "$(now)")
[ "$(psql_at reference 'SELECT count(*) FROM messages')" -eq "$distinct" ] || fail "reference count"

echo "one node: ${SECONDS}s"
# 2. Three learners on overlapping parts and a scanner learning on scan, at once.
start=$(now)
pids=()
for part in a b c; do
  "$bin" --config "$cfg" --store "$shared" learn --no-progress "$tmp/$part" 2>"$tmp/learn-$part.err" &
  pids+=($!)
done
"$bin" --config "$cfg" --store "$shared" scan --json -j 1 "$tmp/b" >"$tmp/scan-b.json" 2>"$tmp/scan-b.err" &
scanner=$!
for pid in "${pids[@]}"; do wait "$pid" || fail "a learner failed: $(cat "$tmp"/learn-*.err)"; done
wait $scanner; [ $? -le 2 ] || fail "the scanner failed: $(cat "$tmp/scan-b.err")"
elapsed_learn3=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(now)")
grep -qi "warn\|unavailable\|not learned" "$tmp/scan-b.err" && fail "scanner warnings: $(cat "$tmp/scan-b.err")"
[ "$(wc -l <"$tmp/scan-b.json")" -eq 400 ] || fail "the scanner lost verdicts"

counts=$(psql_at shared "SELECT (SELECT sum(value) FROM message_counts), (SELECT count(*) FROM messages),
  (SELECT sum(messages_from) FROM correspondents), (SELECT sum(messages_from) FROM domains),
  (SELECT sum(messages) FROM threads), (SELECT sum(messages_to) FROM correspondents
  WHERE address = 'ivan.petrov@quillonmarine.com')")
[ "$counts" = "$distinct|$distinct|$distinct|$distinct|$distinct|$distinct" ] ||
  fail "lost or duplicated learning: count|messages|from|domains|threads|to = $counts, want $distinct"
# The same content as one node learning everything in order (threads compared as groups).
content() {
  psql_at "$1" "SELECT 'c', address, registrable_domain, first_seen, last_seen, messages_from, messages_to FROM correspondents;
    SELECT 'n', address, name, count FROM display_names;
    SELECT 'p', counterparty_domain, counterparty_address, kind, value, first_seen, last_seen, times_seen FROM payments;
    SELECT 'f', message_id, simhash FROM fingerprints;
    SELECT 's', key, messages FROM style_profiles;
    SELECT 't', string_agg(m.message_id, ',' ORDER BY m.message_id), t.first_seen, t.last_seen, t.messages
      FROM threads t JOIN thread_messages m USING (thread_id) GROUP BY t.thread_id" | sort
}
diff <(content reference) <(content shared) >"$tmp/content.diff" ||
  fail "3 nodes differ from 1 node: $(head -20 "$tmp/content.diff")"
grep -q "deadlock detected" "$cluster/server.log" && fail "deadlock: $(grep -A3 deadlock "$cluster/server.log")"

echo "three nodes learning: ${SECONDS}s"
start=$(now)
pids=()
for n in 1 2 3; do
  "$bin" --config "$cfg" --store "$shared" scan --no-learn --json -j 1 "$tmp/all" >"$tmp/scan3-$n.json" 2>/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; [ $? -le 2 ] || fail "a 3-node scanner failed"; done
scan3=$(rate $((3 * distinct)) "$start" "$(now)")
cmp -s <(sort "$tmp/scan1.json") <(sort "$tmp/scan3-1.json") || fail "3-node verdicts differ from 1-node"

echo "three nodes scanning: ${SECONDS}s"
# 3. PostgreSQL restarts under two scanners learning on scan and a learner.
make_mail "$tmp/r" r 0 1500
make_mail "$tmp/q" q 0 800
for n in 1 2; do
  "$bin" --config "$cfg" --store "$shared" scan --json -j 1 "$tmp/r" >"$tmp/r$n.json" 2>"$tmp/r$n.err" &
  pids[$n]=$!
done
"$bin" --config "$cfg" --store "$shared" learn --no-progress "$tmp/q" 2>"$tmp/q.err" & learner=$!
for _ in $(seq 1 600); do
  [ "$(wc -l <"$tmp/r1.json")" -ge 100 ] && break
  sleep 0.05
done
# The nodes are held still while the server stops and starts, and run for a twentieth of a
# second in between, without it: the run is sure to cover all three states, whatever the speed
# (scans teach in batches of 256, so a few batches must be left for after the restart).
held=()
for pid in "${pids[1]}" "${pids[2]}" "$learner"; do kill -STOP "$pid" 2>/dev/null && held+=("$pid"); done
bash tests/support/pg_cluster.sh stop "$cluster" || fail "cannot stop PostgreSQL"
kill -CONT "${held[@]}"
sleep 0.05
kill -STOP "${held[@]}"
# A node started meanwhile fails at once, saying why.
"$bin" --config "$cfg" --store "$shared" learn --no-progress "$tmp/q" 2>"$tmp/down.err" &&
  fail "a learner started without the server succeeded"
grep -q "PostgreSQL store .* unreachable" "$tmp/down.err" || fail "unclear error: $(cat "$tmp/down.err")"
bash tests/support/pg_cluster.sh start "$cluster" >/dev/null || fail "cannot restart PostgreSQL"
kill -CONT "${held[@]}"
for n in 1 2; do wait "${pids[$n]}"; [ $? -le 2 ] || fail "scanner $n failed: $(tail -3 "$tmp/r$n.err")"; done
wait $learner; learner_status=$?

psql_at shared "SELECT message_id FROM messages WHERE message_id LIKE 'r%'" >"$tmp/r-learned"
python3 - "$tmp" <<'PY' || fail "restart: see above"
import json, re, sys
tmp = sys.argv[1]
learned = set(open(f"{tmp}/r-learned").read().split())
problems = []
for n in (1, 2):
    lines = [json.loads(l) for l in open(f"{tmp}/r{n}.json")]
    if len(lines) != 1500:
        problems.append(f"scanner {n}: {len(lines)} verdicts for 1500 messages")
    warned = {}
    for line in open(f"{tmp}/r{n}.err"):
        m = re.match(r"becguard: (\S+\.eml): (.*)", line)
        if m:
            warned.setdefault(m.group(1), []).append(m.group(2))
    if not warned:
        problems.append(f"scanner {n}: no warning while PostgreSQL was down")
    for w in warned.values():
        for text in w:
            if not (text.startswith("learned context unavailable") or text.startswith("not learned")):
                problems.append(f"scanner {n}: unexpected warning {text}")
    # Recovered: the last batch, scanned after the restart, was read and learned normally.
    tail = [l["file"] for l in lines[-256:]]
    if any(f in warned for f in tail):
        problems.append(f"scanner {n}: still warning at the end of the run")
    # Nothing silently unlearned: a clean message is in the store or was warned about.
    for l in lines:
        if l["verdict"] == "clean" and l["message_id"] not in learned and l["file"] not in warned:
            problems.append(f"scanner {n}: {l['file']} clean, not learned, no warning")
            break
    print(f"scanner {n}: 1500 verdicts, {len(warned)} messages warned about during the restart")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
if [ $learner_status -ne 0 ]; then
  grep -q "failed" "$tmp/q.err" || fail "the learner exited $learner_status without saying why"
  "$bin" --config "$cfg" --store "$shared" learn --no-progress "$tmp/q" 2>"$tmp/q2.err" ||
    fail "the learner rerun failed: $(tail -3 "$tmp/q2.err")"
fi
[ "$(psql_at shared "SELECT count(*) FROM messages WHERE message_id LIKE 'q%'")" -eq 800 ] ||
  fail "the learner's history is incomplete after the rerun"
[ "$(psql_at shared "SELECT sum(value) = (SELECT count(*) FROM messages) FROM message_counts")" = t ] ||
  fail "message count disagrees with the messages after the restart"
grep -q "deadlock detected" "$cluster/server.log" && fail "deadlock after the restart"

echo "learn: 1 node $learn1 msg/s; 3 nodes $(rate $((400 + 400 + 300)) 0 "$elapsed_learn3") msg/s aggregate" \
  "($distinct distinct of 1100 offered, plus a scanner learning on scan)"
echo "scan --no-learn -j 1: 1 node $scan1 msg/s; 3 nodes $scan3 msg/s aggregate"
echo "restart: learner exit $learner_status before its rerun"
echo "PASS"
