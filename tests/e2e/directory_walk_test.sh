#!/usr/bin/env bash
# Directory walks of `becguard scan` and `learn`: symbolic-link loops end, every file is read
# once, links inside directories are reported unless --follow-symlinks, and the run's exit code
# says that something was not read. Usage: directory_walk_test.sh BIN
set -uo pipefail
bin="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$tmp/d/a"
cp examples/mail/01-ceo-fraud-lookalike.eml examples/mail/02-thread-hijack-bank-change.eml "$tmp/d/a/"
ln -s .. "$tmp/d/a/loop"
ln -s . "$tmp/d/a/self"
ln -s "$tmp/d/a/01-ceo-fraud-lookalike.eml" "$tmp/d/again.eml"

# Without --follow-symlinks: the two real files, three links reported, exit 3.
timeout 30 "$bin" --store "" scan --json --no-progress "$tmp/d" >"$tmp/plain.json" 2>"$tmp/plain.err"
rc=$?
[ $rc -ne 124 ] || fail "scan hung on a symlink loop"
[ $rc -eq 3 ] || fail "links not followed must exit 3, got $rc: $(cat "$tmp/plain.err")"
[ "$(wc -l <"$tmp/plain.json")" -eq 2 ] || fail "expected 2 messages: $(cat "$tmp/plain.json")"
[ "$(grep -c 'symbolic link not followed' "$tmp/plain.err")" -eq 3 ] \
  || fail "each link must be reported: $(cat "$tmp/plain.err")"

# With --follow-symlinks: the loop and the self link end, the linked file is read once.
timeout 30 "$bin" --store "" scan --follow-symlinks --json --no-progress "$tmp/d" \
  >"$tmp/follow.json" 2>"$tmp/follow.err"
rc=$?
[ $rc -ne 124 ] || fail "scan --follow-symlinks hung on a symlink loop"
[ "$(wc -l <"$tmp/follow.json")" -eq 2 ] \
  || fail "each file once with --follow-symlinks: $(cut -c1-120 "$tmp/follow.json")"

# learn walks the same way.
timeout 30 "$bin" --store "$tmp/ctx.db" learn --follow-symlinks --no-progress "$tmp/d" 2>"$tmp/learn.err"
[ $? -eq 0 ] || fail "learn --follow-symlinks: $(cat "$tmp/learn.err")"
grep -q "learned 2 messages" "$tmp/learn.err" || fail "learn count: $(cat "$tmp/learn.err")"
echo "directory walk: ok"
