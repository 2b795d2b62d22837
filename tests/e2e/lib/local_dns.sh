# A private DNS server (unbound) on loopback serving TXT test records, for the authentication
# end-to-end tests. Sourced, not run. Every name outside the given zones is NXDOMAIN locally:
# unbound never recurses, so nothing leaves the machine and no lookup stalls.
#
#   dns_start DIR ZONES RECORDS   # ZONES: "a.test b.test"; RECORDS: lines "name<TAB>txt value"
#   -> sets DNS_PORT and DNS_PID; dns_stop kills it.
#   dkim_txt KEYFILE             # the p=... part of an opendkim-genkey .txt file

dkim_txt() { grep -o '"[^"]*"' "$1" | tr -d '"\n' | sed 's/.*p=/p=/'; }

dns_start() {
  local dir=$1 zones=$2 records=$3
  DNS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 - "$dir/unbound.conf" "$DNS_PORT" "$dir" "$zones" "$records" <<'PY'
import sys
conf, port, directory, zones, records = sys.argv[1:6]
def txt(value):  # TXT strings are at most 255 bytes; DKIM keys need several
    return " ".join('"%s"' % value[i:i + 250] for i in range(0, len(value), 250))
with open(conf, "w") as out:
    out.write("server:\n  interface: 127.0.0.1\n  port: %s\n  do-ip6: no\n" % port)
    out.write("  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n  directory: \"%s\"\n" % directory)
    out.write("  pidfile: \"\"\n  logfile: \"\"\n  use-syslog: no\n  num-threads: 1\n")
    out.write("  module-config: \"iterator\"\n  access-control: 127.0.0.0/8 allow\n")
    out.write("  local-zone: \".\" static\n")
    for zone in zones.split():
        out.write("  local-zone: \"%s.\" static\n" % zone)
    out.write("  local-data: 'ready.dns.test. 300 IN TXT \"1\"'\n")
    out.write("  local-zone: \"dns.test.\" static\n")
    for line in records.splitlines():
        if line.strip():
            name, value = line.split("\t", 1)
            out.write("  local-data: '%s. 300 IN TXT %s'\n" % (name.rstrip("."), txt(value)))
    out.write("remote-control:\n  control-enable: no\n")
PY
  unbound -d -c "$dir/unbound.conf" >"$dir/unbound.log" 2>&1 &
  DNS_PID=$!
  local i
  for i in $(seq 1 100); do
    [ "$(dig @127.0.0.1 -p "$DNS_PORT" +short +time=1 +tries=1 ready.dns.test TXT 2>/dev/null)" = '"1"' ] &&
      return 0
    sleep 0.05
  done
  echo "unbound did not start:" >&2
  cat "$dir/unbound.log" >&2
  return 1
}

dns_stop() {
  [ -n "${DNS_PID:-}" ] || return 0
  kill "$DNS_PID" 2>/dev/null || true
  wait "$DNS_PID" 2>/dev/null || true
  DNS_PID=""
}
