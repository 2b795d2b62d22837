#!/usr/bin/env bash
# End-to-end behaviour of `becguard compare SENT RECEIVED` on the intercepted-invoice pair:
# JSON and human output, exit codes (0 identical, 1 different, 3 unreadable) and --mask.
# Usage: compare_test.sh BIN
set -uo pipefail
bin="$1"
dir=tests/fixtures/forensics
sent="$dir/invoice_sent.eml"
received="$dir/invoice_received.eml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" compare --help | grep -q -- "--mask" || fail "compare --help does not list --mask"

"$bin" compare --json "$sent" "$received" >"$tmp/diff.json"
[ $? -eq 1 ] || fail "different messages must exit 1"
[ "$(wc -l <"$tmp/diff.json")" -eq 1 ] || fail "--json must print one JSON document"
grep -q '"identical":false' "$tmp/diff.json" || fail "identical must be false"
grep -q '"name":"From"' "$tmp/diff.json" || fail "From difference missing"
grep -q '"name":"Reply-To","received":"\\"Alice Moreau\\" <alice.vendor@outlook.example>","sent":null' \
  "$tmp/diff.json" || fail "added Reply-To missing"
grep -q '"name":"To"' "$tmp/diff.json" && fail "unchanged To must not be reported"
grep -q '"text":"Due to an audit of our bank' "$tmp/diff.json" || fail "body diff missing"
grep -q '"change":"changed"' "$tmp/diff.json" || fail "changed attachment missing"
grep -q '"only_in_received":\[{[^]]*"value":"GB94BARC10201530093459"' "$tmp/diff.json" \
  || fail "new IBAN must be only in received"
grep -q '"only_in_sent":\[{[^]]*"value":"GB33BUKB20201555555555"' "$tmp/diff.json" \
  || fail "old IBAN must be only in sent"

# --mask hides account numbers everywhere, also inside the diff text
"$bin" compare --json --mask "$sent" "$received" >"$tmp/masked.json"
[ $? -eq 1 ] || fail "--mask must not change the exit code"
grep -q "GB94BARC10201530093459" "$tmp/masked.json" && fail "--mask left the IBAN in payment"
grep -q "GB94 BARC 1020 1530" "$tmp/masked.json" && fail "--mask left the IBAN in the body diff"
grep -q '"value":"\*\+3459"' "$tmp/masked.json" || fail "--mask must keep the last 4 characters"

# human output
"$bin" compare "$sent" "$received" >"$tmp/diff.txt"
[ $? -eq 1 ] || fail "human output: different messages must exit 1"
for word in Headers Reply-To Body Attachments "Payment details" "only in received"; do
  grep -q "$word" "$tmp/diff.txt" || fail "human output lacks '$word'"
done

# a message against itself, and against a CRLF copy of itself: identical, exit 0
"$bin" compare --json "$sent" "$sent" >"$tmp/same.json"
[ $? -eq 0 ] || fail "identical messages must exit 0"
grep -q '"identical":true' "$tmp/same.json" || fail "identical must be true"
sed 's/$/\r/' "$sent" >"$tmp/crlf.eml"
"$bin" compare "$sent" "$tmp/crlf.eml" >/dev/null
[ $? -eq 0 ] || fail "line endings alone must not count as a difference"

# unreadable input: named on stderr, exit 3
"$bin" compare "$sent" "$tmp/missing.eml" >/dev/null 2>"$tmp/missing.err"
[ $? -eq 3 ] || fail "missing input must exit 3"
grep -q "missing.eml" "$tmp/missing.err" || fail "missing input must be named on stderr"
echo "compare: all checks passed"
