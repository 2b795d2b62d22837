#!/usr/bin/env bash
# Milter + mail authentication end to end: a private loopback Postfix with `becguard milter`
# ([auth] mode = "verify") and a private unbound serving the test zones. Postfix hands the
# connecting IP, HELO and envelope sender to the milter, which verifies SPF, DKIM (a key
# generated here, the message signed here) and DMARC, and writes its own
# Authentication-Results header; an attacker's planted copy with becguard's authserv-id is
# removed. Asserts on the delivered Maildir files. Then the timeout path: after a reload onto a
# DNS server that never answers, a scan outlives `scan_timeout_ms` and Postfix gets the 451
# tempfail (nothing delivered, nothing lost: the client keeps the message).
# Usage: milter_auth_test.sh path/to/becguard  (from the project root). Exit 77 = skipped.
set -uo pipefail
bin=$(realpath "$1")
PATH="$PATH:/usr/sbin"
if [ "$(id -u)" != 0 ]; then echo "SKIP: needs root for Postfix"; exit 77; fi
for tool in postfix swaks unbound dig opendkim-genkey opendkim-testmsg python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing (scripts/install-deps.sh)"; exit 77; }
done
. tests/e2e/lib/postfix_instance.sh
. tests/e2e/lib/local_dns.sh

root=$(mktemp -d /tmp/becguard-milter-auth.XXXXXX)
milter_pid=""
cleanup() {
  [ -n "$milter_pid" ] && kill -9 "$milter_pid" 2>/dev/null
  pf_stop
  dns_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- milter log"; tail -20 "$root/milter.log"; echo "--- maillog";
  tail -20 "$root/maillog" 2>/dev/null; exit 1; }

# norbridge.test authorises only 192.0.2.10 and signs with "sel". swaks presents each message's
# client address with XCLIENT (Postfix hands it to the milter as the connecting IP; libspf2
# would let 127.0.0.1 itself pass as local mail).
opendkim-genkey -b 2048 -d norbridge.test -s sel -D "$root"
records=$(printf '%s\t%s\n' \
  norbridge.test "v=spf1 ip4:192.0.2.10 -all" \
  _dmarc.norbridge.test "v=DMARC1; p=reject" \
  sel._domainkey.norbridge.test "v=DKIM1; k=rsa; $(dkim_txt "$root/sel.txt")")
dns_start "$root" "norbridge.test evil.test" "$records" || fail "unbound did not start"

smtp_port=$(free_port)
milter_port=$(free_port)
while [ "$milter_port" = "$smtp_port" ]; do milter_port=$(free_port); done
pf_init "$root" "$smtp_port" "norbridge.test" "inet:127.0.0.1:$milter_port"
write_config() {  # write_config RESOLVER_PORT [extra [milter] lines]
  cat >"$root/becguard.toml.tmp" <<TOML
[organization]
domains = ["norbridge.test"]
vips = [{ name = "Margaret Okafor", addresses = ["ceo@norbridge.test"], role = "CEO" }]
[auth]
mode = "verify"
authserv_id = "mx.norbridge.test"
resolver = "127.0.0.1:$1"
dns_timeout_ms = 3000
dns_budget_ms = 6000
[milter]
socket = "inet:$milter_port@127.0.0.1"
${2:-}
[milter.actions]
clean = ["headers"]
suspicious = ["headers"]
bec = ["headers"]
TOML
  mv "$root/becguard.toml.tmp" "$root/becguard.toml"
}
write_config "$DNS_PORT"

postconf -c "$PF_CONF" -e "smtpd_authorized_xclient_hosts = 127.0.0.0/8"
pf_start || fail "postfix did not start"
BECGUARD_STORE=memory: "$bin" --config "$root/becguard.toml" milter >>"$root/milter.log" 2>&1 &
milter_pid=$!
for _ in $(seq 1 150); do
  grep -q "listening on inet:$milter_port" "$root/milter.log" && break
  kill -0 "$milter_pid" 2>/dev/null || fail "becguard milter exited at start"
  sleep 0.1
done
grep -q "listening on inet:$milter_port" "$root/milter.log" || fail "becguard milter did not start"

send() {  # send FILE MAIL_FROM CLIENT_IP HELO -> SMTP code of the final reply
  swaks --server 127.0.0.1 --port "$smtp_port" --xclient-addr "$3" --xclient-helo "$4" \
    --xclient-name "[UNAVAILABLE]" --from "$2" \
    --to ap@norbridge.test --data "@$1" --timeout 60 2>&1 |
    grep -E '^(<-|<\*\*) +[0-9]{3} ' | tail -2 | head -1 | sed -E 's/^(<-|<\*\*) +([0-9]{3}).*/\2/'
}

# 1. Genuine: signed by norbridge.test, sent from its authorised server.
opendkim-testmsg -d norbridge.test -k "$root/sel.private" -s sel \
  <tests/fixtures/auth/ceo_payment.eml >"$root/genuine.eml"
# 2. Spoof: the CEO's address, envelope included, from an unauthorised server, unsigned, with a planted
#    "pass" under becguard's own authserv-id.
sed -e 's/ceo-payment-1@/ceo-payment-spoof@/' \
  -e '0,/^Subject:/s//Authentication-Results: mx.norbridge.test; dmarc=pass header.from=norbridge.test\nSubject:/' \
  tests/fixtures/auth/ceo_payment.eml >"$root/spoof.eml"
[ "$(send "$root/genuine.eml" ceo@norbridge.test 192.0.2.10 mx.norbridge.test)" = 250 ] || fail "genuine not accepted"
[ "$(send "$root/spoof.eml" ceo@norbridge.test 198.51.100.7 vps.evil.test)" = 250 ] || fail "spoof not accepted"
for _ in $(seq 1 300); do [ "$(pf_delivered_files | wc -l)" -ge 2 ] && break; sleep 0.1; done
[ "$(pf_delivered_files | wc -l)" -eq 2 ] || fail "expected 2 delivered messages"

pf_delivered_files | python3 -c '
import email, re, sys
found = {}
for path in sys.stdin.read().split():
    msg = email.message_from_bytes(open(path, "rb").read())
    found[msg["Message-ID"].strip()] = msg
errors = []
def results(msg):
    ours = [" ".join(v.split()) for v in (msg.get_all("Authentication-Results") or [])
            if v.strip().startswith("mx.norbridge.test")]
    return ours
genuine = found.get("<ceo-payment-1@norbridge.test>")
spoof = found.get("<ceo-payment-spoof@norbridge.test>")
if genuine is None or spoof is None:
    sys.exit("messages missing: %s" % list(found))
g = results(genuine)
if len(g) != 1: errors.append("genuine: %d A-R headers of ours: %s" % (len(g), g))
for method in ("spf=pass", "dkim=pass", "dmarc=pass"):
    if g and "localhost" in g[0]: errors.append("genuine: client address not passed: %s" % g[0])
    if g and method not in g[0]: errors.append("genuine: no %s in %s" % (method, g[0]))
if g and "smtp.mailfrom=norbridge.test" not in g[0]:
    errors.append("genuine: no smtp.mailfrom in %s" % g[0])
if "auth." in (genuine["X-BEC-Findings"] or ""):
    errors.append("genuine: auth findings %s" % genuine["X-BEC-Findings"])
s = results(spoof)
if len(s) != 1: errors.append("spoof: %d A-R headers of ours (planted one kept?): %s" % (len(s), s))
for method in ("spf=fail", "dmarc=fail"):
    if s and method not in s[0]: errors.append("spoof: no %s in %s" % (method, s[0]))
if "auth.dmarc_fail" not in (spoof["X-BEC-Findings"] or ""):
    errors.append("spoof: findings %s" % spoof["X-BEC-Findings"])
for e in errors: print("  " + e)
print("  genuine: %s\n  spoof:   %s\n  spoof findings: %s" % (g, s, spoof["X-BEC-Findings"]))
sys.exit(1 if errors else 0)
' || fail "authentication results"
echo "ok   milter verifies SPF/DKIM/DMARC and writes its Authentication-Results"

# 3. Timeout: the resolver never answers, so the scan waits up to dns_budget_ms (6 s); the
#    milter gives up after scan_timeout_ms and answers with its default action (tempfail).
silent_port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", int(sys.argv[1]))); time.sleep(600)' \
  "$silent_port" &
silent_pid=$!
trap 'kill $silent_pid 2>/dev/null; cleanup' EXIT
write_config "$silent_port" "scan_timeout_ms = 500"
kill -HUP "$milter_pid"
for _ in $(seq 1 100); do grep -q "configuration reloaded" "$root/milter.log" && break; sleep 0.1; done
grep -q "configuration reloaded" "$root/milter.log" || fail "no reload"
sed 's/ceo-payment-1@/ceo-payment-late@/' "$root/genuine.eml" >"$root/late.eml"
start=$(date +%s%N)
code=$(send "$root/late.eml" ceo@norbridge.test 192.0.2.10 mx.norbridge.test)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 451 ] || fail "late scan: SMTP $code, expected 451"
grep -q "scan timed out" "$root/milter.log" || fail "no timeout in the milter log"
# The answer comes at the timeout, not after the DNS budget (generous bound for a loaded host).
[ "$elapsed_ms" -lt 4000 ] || fail "tempfail took ${elapsed_ms} ms"
sleep 0.5
[ "$(pf_delivered_files | wc -l)" -eq 2 ] || fail "the timed-out message was delivered"
echo "ok   a scan beyond scan_timeout_ms is tempfailed (451 after ${elapsed_ms} ms)"
