#!/usr/bin/env bash
# Milter load: N messages from a corpus through a private, loopback-only Postfix instance at a
# fixed offered rate, first without and then with `becguard milter` in smtpd_milters; prints
# messages per second and SMTP transaction latency (p50/p90/p99, open loop: measured from each
# message's due time) for both runs and the latency the milter adds, plus becguard's own
# per-message scan time from its log. Postfix discards the mail after queueing (discard(8)), so
# delivery I/O is not measured; everything up to the queue file (smtpd, cleanup, milter) is.
# Needs root, Postfix (scripts/install-deps.sh) and a release build. Usage (project root):
#   bench/milter_load.sh [count=2000] [corpus-dir=../shared/corpus/ham] [rate=200] [concurrency=32]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
corpus=${2:-../shared/corpus/ham}
rate=${3:-200}
concurrency=${4:-32}
bin=${BECGUARD_BIN:-build/release/src/becguard}
[ -x "$bin" ] || { echo "build first: scripts/build.sh release" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (runs a private Postfix instance)" >&2; exit 2; }
bin=$(realpath "$bin")
. tests/e2e/lib/postfix_instance.sh

root=$(mktemp -d /tmp/becguard-milter-bench.XXXXXX)
chmod 755 "$root"  # Postfix daemons (user postfix) must reach the instance below it
milter_pid=""
cleanup() {
  [ -n "$milter_pid" ] && kill "$milter_pid" 2>/dev/null
  pf_stop
  rm -rf "$root"
}
trap cleanup EXIT

files=$(find "$corpus" -name '*.eml' -type f | sort | head -n "$count" || true)
[ -n "$files" ] || { echo "no .eml files in $corpus" >&2; exit 2; }
cat $files >/dev/null  # page cache

smtp_port=$(free_port)
milter_port=$(free_port)
run() {  # $1: label, $2: milter spec ("" = none)
  pf_stop
  rm -rf "$root/pf"
  pf_init "$root/pf" "$smtp_port" "example.com" "$2"
  postconf -c "$PF_CONF" -e "virtual_transport = discard" "message_size_limit = 0"
  pf_start
  # Warm-up (process start-up of smtpd/cleanup, first milter connections), not measured.
  python3 bench/smtp_load.py "$smtp_port" user@example.com 50 8 50 $files >/dev/null
  local result
  # shellcheck disable=SC2086
  result=$(python3 bench/smtp_load.py "$smtp_port" user@example.com "$rate" "$concurrency" \
    "$count" $files)
  echo "$1 $result"
  echo "$result" >"$root/$1.json"
}

run without ""

# MILTER_SOCKET=inet measures a TCP socket instead of the recommended unix socket.
if [ "${MILTER_SOCKET:-unix}" = inet ]; then
  listen="inet:$milter_port@127.0.0.1" connect="inet:127.0.0.1:$milter_port"
else
  listen="unix:$root/milter.sock" connect="unix:$root/milter.sock"
fi
{ cat examples/becguard.toml
  cat <<CF

[milter]
socket = "$listen"
CF
} >"$root/becguard.toml"
"$bin" --config "$root/becguard.toml" --store "" milter >"$root/milter.log" 2>&1 &
milter_pid=$!
for i in $(seq 1 200); do grep -q "listening" "$root/milter.log" && break; sleep 0.1; done
[ -S "$root/milter.sock" ] && chmod 666 "$root/milter.sock"  # smtpd runs as user postfix
run with "$connect"
# CPU seconds becguard used (all threads), for the per-message cost independent of the load.
awk -v tck="$(getconf CLK_TCK)" '{ printf "%.3f\n", ($14 + $15) / tck }' "/proc/$milter_pid/stat" \
  >"$root/milter.cpu"

python3 - "$root/without.json" "$root/with.json" "$root/milter.log" "$rate" "$concurrency" \
  "$connect" "$root/milter.cpu" <<'PY'
import json, re, sys
without, with_ = (json.load(open(p)) for p in sys.argv[1:3])
scans = sorted(int(m.group(1)) for m in
               re.finditer(r"scan_us=(\d+)", open(sys.argv[3]).read()))
verdicts = {}
for m in re.finditer(r"verdict=(\w+)", open(sys.argv[3]).read()):
    verdicts[m.group(1)] = verdicts.get(m.group(1), 0) + 1
def pct(v, p): return v[min(len(v) - 1, int(p / 100 * len(v)))] / 1000 if v else float("nan")
print()
print(f"milter socket {sys.argv[6]}; offered rate {sys.argv[4]} msg/s, up to {sys.argv[5]} concurrent SMTP clients, "
      f"{with_['sent']} messages")
print(f"{'':24}{'msg/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  replies")
for name, r in (("without milter", without), ("with becguard milter", with_)):
    print(f"{name:24}{r['msgs_per_s']:>8}{r['p50_ms']:>9}{r['p90_ms']:>9}{r['p99_ms']:>9}"
          f"{r['max_ms']:>9}  ok {r['ok']}, 4xx {r['tempfail']}, other {r['other']}")
print(f"{'added by the milter':24}{'':>8}{with_['p50_ms'] - without['p50_ms']:>9.2f}"
      f"{with_['p90_ms'] - without['p90_ms']:>9.2f}{with_['p99_ms'] - without['p99_ms']:>9.2f}")
cpu = float(open(sys.argv[7]).read())
print(f"becguard CPU time (user+system, all threads): {cpu:.2f} s for {len(scans)} messages = "
      f"{cpu / max(1, len(scans)) * 1000:.2f} ms per message")
print(f"becguard scan time per message (its log, {len(scans)} messages incl. warm-up): "
      f"p50 {pct(scans, 50):.2f} ms, p99 {pct(scans, 99):.2f} ms; verdicts {verdicts}")
PY
