#!/usr/bin/env bash
# Stops the instances bench/peers/start.sh started in RUN_DIR (by their pid files only) and
# waits until they are gone. Safe to run twice.
#   bench/peers/stop.sh [RUN_DIR]
set -uo pipefail
run="${1:-${BECGUARD_PEERS_DIR:-/tmp/becguard-peers}}"
[ -f "$run/peers.env" ] || { echo "stop.sh: nothing running from $run"; exit 0; }
# shellcheck disable=SC1091
. "$run/peers.env"
for pidfile in "$RSPAMD_PIDFILE" "$SPAMD_PIDFILE"; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  [ -n "$pid" ] || continue
  # The workers/children, by pid, in case one outlives its parent.
  children=$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ' | tr '\n' ' ')
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  sleep 0.2
  for child in $children; do kill -KILL "$child" 2>/dev/null || true; done
done
rm -f "$run/peers.env"
echo "peers stopped ($run)"
