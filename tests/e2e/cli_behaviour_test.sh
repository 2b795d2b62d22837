#!/usr/bin/env bash
# End-to-end behaviour of `becguard scan`: help, version, exit codes, stdin, mbox, unreadable
# input (reported, run continues), --explain and bad config. Usage: cli_behaviour_test.sh BIN
set -uo pipefail
bin="$1"
dir=tests/fixtures/e2e
cfg="$dir/becguard.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" --help | grep -q "scan" || fail "--help does not list scan"
"$bin" scan --help | grep -q -- "--json" || fail "scan --help does not list --json"
"$bin" --version | grep -Eq "^becguard [0-9]+\.[0-9]+" || fail "--version"

"$bin" --config "$cfg" scan --no-progress "$dir/n03-freemail-friend.eml" >/dev/null
[ $? -eq 0 ] || fail "clean message must exit 0"
"$bin" --config "$cfg" scan --no-progress "$dir/g05-gift-card.eml" >/dev/null
[ $? -eq 2 ] || fail "bec message must exit 2"

# stdin
"$bin" --config "$cfg" scan --json - <"$dir/g03-ceo-secured-by.eml" >"$tmp/stdin.json"
grep -q '"verdict":"bec"' "$tmp/stdin.json" || fail "stdin scan"

# mbox with two members, one of them containing a '>From ' line
{ echo "From x@y Tue Nov  4 09:00:00 2025"; cat "$dir/n03-freemail-friend.eml"; echo;
  echo "From x@y Tue Nov  4 09:00:01 2025"; cat "$dir/g05-gift-card.eml"; echo; } >"$tmp/box.mbox"
"$bin" --config "$cfg" scan --json "$tmp/box.mbox" >"$tmp/mbox.json"
[ "$(wc -l <"$tmp/mbox.json")" -eq 2 ] || fail "mbox must give two results"
grep -q 'box.mbox#2' "$tmp/mbox.json" || fail "mbox member origin"

# unreadable and missing input: clear error, the rest is still scanned, exit 3
"$bin" --config "$cfg" scan --json "$tmp/missing.eml" "$dir/g05-gift-card.eml" \
  >"$tmp/partial.json" 2>"$tmp/partial.err"
[ $? -eq 3 ] || fail "missing input must exit 3"
grep -q "missing.eml" "$tmp/partial.err" || fail "missing input must be named on stderr"
grep -q '"verdict":"bec"' "$tmp/partial.json" || fail "the readable input must still be scanned"

# garbage and empty input still get a verdict
head -c 3000 /dev/urandom >"$tmp/garbage.eml"; : >"$tmp/empty.eml"
"$bin" --config "$cfg" scan --json "$tmp/garbage.eml" "$tmp/empty.eml" >"$tmp/garbage.json"
[ $? -le 2 ] || fail "garbage must not be an error"
[ "$(wc -l <"$tmp/garbage.json")" -eq 2 ] || fail "garbage and empty must each get a verdict"

# a message over the configured size limit is scanned up to the limit and says so
printf '[limits]\nmax_message_bytes = 300\n' >"$tmp/small.toml"
"$bin" --config "$tmp/small.toml" scan --json "$dir/g01-reply-to-embeds-from.eml" >"$tmp/limit.json"
grep -q 'message.limit_skipped' "$tmp/limit.json" || fail "limit finding missing"

# --explain names the evidence
"$bin" --config "$cfg" scan --explain "$dir/g01-reply-to-embeds-from.eml" >"$tmp/explain.txt"
grep -q "rosa.delgado.delmarfreight@mail.com" "$tmp/explain.txt" || fail "--explain evidence"
grep -q "Verdict:" "$tmp/explain.txt" || fail "--explain verdict line"

# bad config: clear error naming the key, exit 4
printf '[organisation]\ndomains=[]\n' >"$tmp/bad.toml"
"$bin" --config "$tmp/bad.toml" scan "$dir" >/dev/null 2>"$tmp/bad.err"
[ $? -eq 4 ] || fail "bad config must exit 4"
grep -q "organisation" "$tmp/bad.err" || fail "bad config error must name the key"
echo "cli behaviour: all checks passed"
