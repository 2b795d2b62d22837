#!/usr/bin/env bash
# Learned context end to end, with the real binary and a real SQLite store:
#   learn a vendor history, then scan (a) a legitimate continuation: clean; (b) the attacker's
#   reply from a lookalike with a changed IBAN: bec with thread.hijack and payment.changed; (c)
#   the same text from the real vendor with the account changed in the PDF: at least suspicious
#   with payment.changed; (d) the intercepted pair through `becguard compare`. Then two scanners
#   and a learner share one store, and a learner killed with SIGKILL leaves a usable store.
# Usage: learned_context_test.sh path/to/becguard   (from the project root)
set -uo pipefail
bin="$1"
dir=tests/fixtures/learn
cfg="$dir/becguard.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
store="$tmp/context.db"

"$bin" --config "$cfg" --store "$store" learn --no-progress "$dir/history" 2>"$tmp/learn.err" \
  || fail "learn: $(cat "$tmp/learn.err")"
grep -q "learned 24 messages" "$tmp/learn.err" || fail "learn summary: $(cat "$tmp/learn.err")"

scan() { "$bin" --config "$cfg" --store "$store" scan --no-learn --json "$1"; }
verdict() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["verdict"])'; }
has() { python3 -c 'import json,sys; r=json.loads(sys.stdin.readline()); sys.exit(0 if sys.argv[1] in {f["id"] for f in r["findings"]} else 1)' "$1"; }

out=$(scan "$dir/scan/a-legit-continuation.eml")
[ "$(verdict <<<"$out")" = clean ] || fail "(a) legit continuation not clean: $out"

out=$(scan "$dir/scan/b-hijack-lookalike-iban.eml")
[ "$(verdict <<<"$out")" = bec ] || fail "(b) hijack not bec: $out"
has thread.hijack <<<"$out" || fail "(b) no thread.hijack: $out"
has payment.changed <<<"$out" || fail "(b) no payment.changed: $out"

out=$(scan "$dir/scan/c-real-sender-pdf-account.eml")
[ "$(verdict <<<"$out")" != clean ] || fail "(c) changed PDF account is clean: $out"
has payment.changed <<<"$out" || fail "(c) no payment.changed: $out"
grep -q "5555" <<<"$out" || fail "(c) evidence lacks the new account's last digits: $out"

"$bin" compare --json "$dir/d-sent.eml" "$dir/d-received.eml" >"$tmp/compare.json"
[ $? -eq 1 ] || fail "(d) compare of differing messages must exit 1"
grep -q "GB33BUKB20201555555555" "$tmp/compare.json" || fail "(d) compare lacks the new IBAN"
grep -q "GB82WEST12345698765432" "$tmp/compare.json" || fail "(d) compare lacks the old IBAN"

# Two scanners and a learner on one store at once: no errors, nothing lost, no corruption.
python3 - "$tmp/box" <<'PY'
import sys, os
os.makedirs(sys.argv[1], exist_ok=True)
for i in range(400):
    with open(os.path.join(sys.argv[1], f"{i:04d}.eml"), "w") as f:
        f.write(f"From: Sender {i} <s{i}@example{i % 37}.org>\nTo: ivan.petrov@quillonmarine.com\n"
                f"Subject: note {i}\nDate: Tue, 04 Nov 2025 10:00:00 +0000\nMessage-ID: <c{i}@t>\n\n"
                f"Hello, this is routine note number {i} about the weekly schedule.\n")
PY
shared="$tmp/shared.db"
"$bin" --config "$cfg" --store "$shared" learn --no-progress "$tmp/box" 2>"$tmp/l1.err" & p1=$!
"$bin" --config "$cfg" --store "$shared" scan --json "$dir/history" >"$tmp/s1.json" 2>"$tmp/s1.err" & p2=$!
"$bin" --config "$cfg" --store "$shared" scan --json "$dir/scan" >"$tmp/s2.json" 2>"$tmp/s2.err" & p3=$!
wait $p1 || fail "concurrent learner failed: $(cat "$tmp/l1.err")"
wait $p2; [ $? -le 2 ] || fail "concurrent scanner 1 failed: $(cat "$tmp/s1.err")"
wait $p3; [ $? -le 2 ] || fail "concurrent scanner 2 failed: $(cat "$tmp/s2.err")"
grep -qi "warn\|unavailable\|not learned" "$tmp/s1.err" "$tmp/s2.err" && fail "scanner warnings: $(cat "$tmp/s1.err" "$tmp/s2.err")"
[ "$(wc -l <"$tmp/s1.json")" -eq 24 ] || fail "scanner 1 lost messages"
[ "$(sqlite3 "$shared" 'PRAGMA integrity_check')" = ok ] || fail "store corrupt after concurrent use"
# 400 learned + the clean history and scan messages the scanners learned.
learned=$(sqlite3 "$shared" 'SELECT count(*) FROM messages')
[ "$learned" -ge 400 ] || fail "lost updates: only $learned messages in the store"

# A learner killed mid-run leaves a usable store, and learning resumes.
python3 - "$tmp/big.mbox" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write(f"From x@y Tue Nov  4 10:00:00 2025\nFrom: Bulk {i} <b{i}@bulk{i % 500}.org>\n"
                f"To: ivan.petrov@quillonmarine.com\nSubject: item {i}\nMessage-ID: <k{i}@t>\n\n"
                f"Item {i} of a long mailbox being learned when the process is killed.\n\n")
PY
killed="$tmp/killed.db"
"$bin" --config "$cfg" --store "$killed" learn --no-progress "$tmp/big.mbox" 2>/dev/null & pk=$!
sleep 1.5
kill -9 $pk 2>/dev/null; wait $pk 2>/dev/null
[ "$(sqlite3 "$killed" 'PRAGMA integrity_check')" = ok ] || fail "store corrupt after SIGKILL"
before=$(sqlite3 "$killed" 'SELECT count(*) FROM messages')
"$bin" --config "$cfg" --store "$killed" learn --no-progress "$dir/history" 2>"$tmp/resume.err" \
  || fail "learning after SIGKILL failed: $(cat "$tmp/resume.err")"
after=$(sqlite3 "$killed" 'SELECT count(*) FROM messages')
[ "$after" -eq $((before + 24)) ] || fail "resume learned $((after - before)) messages, expected 24"
echo "learned context: all checks passed (killed learner had stored $before messages)"
