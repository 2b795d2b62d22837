#!/usr/bin/env bash
# becguard, rspamd and SpamAssassin side by side on the same labelled mail, on this machine:
# BEC recall, phishing recall, false-positive rate on legitimate mail at each system's default
# threshold, messages per second with both cores, and what fires on the BEC messages.
# Prints a Markdown table; writes build/compare/compare.{md,json}.
#
#   bench/compare.sh [--corpus DIR] [--limit N] [--systems becguard,rspamd,spamassassin]
#                    [--no-isolate] [--keep-peers]
#
# --corpus   labelled tree (manifest.tsv and/or bec-dev/labels.tsv), default ../shared/corpus
# --limit    at most N messages per source folder, hash-ordered (bec-dev is always whole);
#            spamd scans a few messages per second per core, so the whole 10,006-message corpus
#            takes most of an hour: the published figures use --limit 400
# --no-isolate  do not run in a private network namespace (see below)
#
# Isolation: when run as root with unshare(1), the whole comparison runs in a new network
# namespace that has only the loopback interface, so no filter can reach DNS or the Internet
# even if a module tried; the peers are also configured local-only (bench/peers/). Needs
# bench/peers/install.sh once and a release build (scripts/build.sh release).
set -euo pipefail
cd "$(dirname "$0")/.."
isolate=1
keep=0
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-isolate) isolate=0 ;;
    --keep-peers) keep=1 ;;
    --corpus | --limit | --systems | --top | --json | --markdown | --becguard)
      pass+=("$1" "$2")
      shift
      ;;
    -h | --help)
      sed -n '2,20p' "$0"
      exit 0
      ;;
    *)
      echo "compare.sh: unknown argument $1" >&2
      exit 2
      ;;
  esac
  shift
done

if [ "$isolate" = 1 ] && [ -z "${BECGUARD_COMPARE_ISOLATED:-}" ] && [ "$(id -u)" -eq 0 ] &&
  command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
  extra=()
  [ "$keep" = 1 ] && extra+=(--keep-peers)
  exec unshare -n env BECGUARD_COMPARE_ISOLATED=1 bash -c \
    'ip link set lo up && exec bash "$0" "$@"' "$0" "${pass[@]}" "${extra[@]}"
fi

bin=build/release/src/becguard
[ -x "$bin" ] || { echo "compare.sh: build first: scripts/build.sh release" >&2; exit 2; }
run="${BECGUARD_PEERS_DIR:-/tmp/becguard-peers}"
stop_peers() { [ "$keep" = 1 ] || bash bench/peers/stop.sh "$run" >/dev/null; }
needs_peers=1
case " ${pass[*]} " in
  *" --systems becguard "*) needs_peers=0 ;;
esac
if [ "$needs_peers" = 1 ]; then
  # In a fresh network namespace the peers must be started inside it (loopback is per namespace).
  if [ -n "${BECGUARD_COMPARE_ISOLATED:-}" ] || [ ! -f "$run/peers.env" ]; then
    bash bench/peers/start.sh "$run"
  fi
  trap stop_peers EXIT
  # shellcheck disable=SC1091
  . "$run/peers.env"
  export RSPAMD_PORT SPAMD_PORT
fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs," \
  "$(free -g | awk '/^Mem:/ {print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg);" \
  "network namespace: $([ -n "${BECGUARD_COMPARE_ISOLATED:-}" ] && echo 'loopback only' || echo 'host')" >&2
python3 bench/compare.py --becguard "$bin" "${pass[@]}"
if [ "$needs_peers" = 1 ]; then
  # Evidence for "no network lookups": every socket the peers hold is on loopback.
  pids="$(cat "$RSPAMD_PIDFILE" 2>/dev/null), $(cat "$SPAMD_PIDFILE" 2>/dev/null)"
  outside=$(ss -tunap 2>/dev/null | grep -E "rspamd|spamd" | awk '{print $6}' |
    grep -vE '^(127\.0\.0\.1|\[::1\]|\[::ffff:127\.0\.0\.1\]|0\.0\.0\.0|\*|\[::\]):' || true)
  if [ -n "$outside" ]; then
    echo "compare.sh: WARNING: peer sockets outside loopback: $outside" >&2
  else
    echo "peer sockets after the run: loopback only (rspamd, spamd: $pids)" >&2
  fi
  if [ -n "${RSPAMD_LOG:-}" ] && [ -f "$RSPAMD_LOG" ]; then
    # rspamd logs the DNS requests of every task; they can only go to the closed 127.0.0.1:1.
    echo "rspamd tasks that attempted a DNS request (to 127.0.0.1:1, refused):" \
      "$(grep -c 'dns req: [1-9]' "$RSPAMD_LOG" || true)" >&2
  fi
fi
