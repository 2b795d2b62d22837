#!/usr/bin/env bash
# Starts private, local-only instances of rspamd and spamd for bench/compare.sh. Nothing system-
# wide is touched: configuration overrides, pid files, logs and databases live in RUN_DIR
# (default /tmp/becguard-peers), the daemons listen on free 127.0.0.1 ports, every network
# module is off (bench/peers/rspamd, bench/peers/spamassassin/local.cf) and rspamd's resolver
# is pointed at a closed loopback port. Writes RUN_DIR/peers.env (ports and pid files); stop with
# bench/peers/stop.sh RUN_DIR.
#   bench/peers/start.sh [RUN_DIR]      env: PEER_WORKERS (default 2, one per core)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="${1:-${BECGUARD_PEERS_DIR:-/tmp/becguard-peers}}"
workers="${PEER_WORKERS:-2}"
if [ -f "$run/peers.env" ]; then
  echo "start.sh: $run/peers.env exists; run bench/peers/stop.sh $run first" >&2
  exit 2
fi
command -v rspamd >/dev/null && command -v spamd >/dev/null ||
  { echo "start.sh: run bench/peers/install.sh first" >&2; exit 2; }
mkdir -p "$run"
run="$(cd "$run" && pwd)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
rspamd_port=$(free_port)
controller_port=$(free_port)
spamd_port=$(free_port)
while [ "$controller_port" = "$rspamd_port" ]; do controller_port=$(free_port); done
while [ "$spamd_port" = "$rspamd_port" ] || [ "$spamd_port" = "$controller_port" ]; do
  spamd_port=$(free_port)
done

r="$run/rspamd"
s="$run/spamassassin"
# Written first, so that stop.sh can clean up whatever did start if a later step fails.
cat > "$run/peers.env" <<EOT
RSPAMD_PORT=$rspamd_port
RSPAMD_CONTROLLER_PORT=$controller_port
RSPAMD_PIDFILE=$r/run/rspamd.pid
RSPAMD_LOG=$r/log/rspamd.log
SPAMD_PORT=$spamd_port
SPAMD_PIDFILE=$s/spamd.pid
SPAMD_LOG=$s/spamd.log
PEER_WORKERS=$workers
EOT

fail() {
  echo "start.sh: $*; see $run" >&2
  bash "$here/stop.sh" "$run" >&2
  exit 1
}
trap 'fail "a step failed (line $LINENO)"' ERR

# --- rspamd: Debian's configuration with our local.d / override.d as LOCAL_CONFDIR.
# db/ is kept between runs: it holds only the compiled Hyperscan cache (minutes to rebuild);
# nothing is learned (no Redis, no Bayes), so runs stay independent.
rm -rf "$r/conf" "$r/log" "$r/run"
mkdir -p "$r/conf" "$r/db" "$r/log" "$r/run"
cp -r "$here/rspamd/local.d" "$here/rspamd/override.d" "$r/conf/"
cat > "$r/conf/override.d/worker-normal.inc" <<EOT
bind_socket = "127.0.0.1:$rspamd_port";
count = $workers;
EOT
cat > "$r/conf/override.d/worker-controller.inc" <<EOT
bind_socket = "127.0.0.1:$controller_port";
count = 1;
secure_ip = "127.0.0.1";
EOT
cat > "$r/conf/override.d/worker-proxy.inc" <<EOT
bind_socket = "127.0.0.1:$(free_port)";
count = 0;
enabled = false;
EOT
cat > "$r/conf/override.d/logging.inc" <<EOT
type = "file";
filename = "$r/log/rspamd.log";
level = "info";
EOT
rspamd_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R _rspamd:_rspamd "$r"
  rspamd_user=(-u _rspamd -g _rspamd)
fi
rspamd -c /etc/rspamd/rspamd.conf "${rspamd_user[@]}" -p "$r/run/rspamd.pid" \
  --var="LOCAL_CONFDIR=$r/conf" --var="DBDIR=$r/db" --var="RUNDIR=$r/run" \
  --var="LOGDIR=$r/log" > "$r/log/start.out" 2>&1 ||
  { cat "$r/log/start.out" >&2; fail "rspamd did not start"; }

# --- spamd: Debian's rules, our site config (the plugin .pre files plus local.cf).
rm -rf "$s"
mkdir -p "$s/site" "$s/home"
cp /etc/spamassassin/*.pre "$s/site/"
cp "$here/spamassassin/local.cf" "$s/site/local.cf"
spamd_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R debian-spamd:debian-spamd "$s"
  spamd_user=(--username=debian-spamd --groupname=debian-spamd)
fi
spamd --daemonize --pidfile="$s/spamd.pid" --listen="127.0.0.1:$spamd_port" \
  --allowed-ips=127.0.0.1 --max-children="$workers" --min-children="$workers" \
  --min-spare=1 --max-spare="$workers" --local --nouser-config \
  --siteconfigpath="$s/site" --helper-home-dir="$s/home" --syslog="$s/spamd.log" \
  "${spamd_user[@]}" > "$s/start.out" 2>&1 || { cat "$s/start.out" >&2; fail "spamd did not start"; }

# Wait until both answer (spamd compiles its rules first: several seconds).
if ! python3 - "$rspamd_port" "$spamd_port" <<'PY' 
import socket, sys, time
rport, sport = int(sys.argv[1]), int(sys.argv[2])
def rspamd_ok():
    with socket.create_connection(("127.0.0.1", rport), 1) as c:
        c.sendall(b"GET /ping HTTP/1.0\r\n\r\n")
        return b"pong" in c.recv(4096)
def spamd_ok():
    with socket.create_connection(("127.0.0.1", sport), 1) as c:
        c.sendall(b"PING SPAMC/1.5\r\n\r\n")
        return b"PONG" in c.recv(4096)
deadline = time.time() + 120
for check in (rspamd_ok, spamd_ok):
    while True:
        try:
            if check():
                break
        except OSError:
            pass
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.5)
PY
then
  fail "the peers did not answer within 120 s"
fi
trap - ERR
echo "peers up: rspamd 127.0.0.1:$rspamd_port, spamd 127.0.0.1:$spamd_port ($workers workers each; $run)"
