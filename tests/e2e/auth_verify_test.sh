#!/usr/bin/env bash
# End to end: `becguard scan --verify-auth` against a real DNS server (unbound) on loopback,
# serving test zones with SPF, DKIM and DMARC records; the DKIM key is generated and the
# messages signed at test time (opendkim-genkey, opendkim-testmsg). Also trust mode (forged vs
# trusted Authentication-Results) and a DNS server that never answers (temperror, no stall).
# Usage: auth_verify_test.sh path/to/becguard   (from the project root)
set -euo pipefail
bin="$1"
fixtures=tests/fixtures/auth
for tool in unbound opendkim-genkey opendkim-testmsg python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "SKIP: $tool missing (scripts/install-deps.sh)"; exit 77; }
done
PATH="$PATH:/usr/sbin"

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

fail=0
check() {  # check NAME "json" grep-pattern [absent]
  local name="$1" json="$2" pattern="$3" absent="${4:-}"
  if [ -n "$absent" ]; then
    if grep -q -E -- "$pattern" <<<"$json"; then echo "FAIL $name: unexpected $pattern"; echo "$json"; fail=1; else echo "ok   $name"; fi
  else
    if grep -q -E -- "$pattern" <<<"$json"; then echo "ok   $name"; else echo "FAIL $name: no $pattern"; echo "$json"; fail=1; fi
  fi
}

# A DKIM key for norbridge.test, selector "sel"; the zones on a private unbound.
. tests/e2e/lib/local_dns.sh
opendkim-genkey -b 2048 -d norbridge.test -s sel -D "$tmp"
records=$(printf '%s\t%s\n' \
  norbridge.test "v=spf1 ip4:192.0.2.10 -all" \
  _dmarc.norbridge.test "v=DMARC1; p=reject" \
  sel._domainkey.norbridge.test "v=DKIM1; k=rsa; $(dkim_txt "$tmp/sel.txt")" \
  partner.test "v=spf1 ip4:192.0.2.20 -all" \
  _dmarc.partner.test "v=DMARC1; p=quarantine")
dns_start "$tmp" "norbridge.test partner.test bare.test evil.test sender.test" "$records" ||
  { echo "FAIL: unbound did not start"; exit 1; }
pids+=("$DNS_PID")
port=$DNS_PORT

write_config() {  # write_config FILE RESOLVER
  cat >"$1" <<TOML
[organization]
domains = ["norbridge.test"]
vips = [{ name = "Margaret Okafor", addresses = ["ceo@norbridge.test"], role = "CEO" }]
[partners]
domains = ["partner.test", "bare.test"]
people = [{ name = "Wendell Okoro", addresses = ["wendell@bare.test"] }]
[auth]
mode = "trust"
resolver = "$2"
trusted_authserv_ids = ["mx1.norbridge.test"]
trusted_received_by = ["mx1.norbridge.test"]
dns_timeout_ms = 300
dns_budget_ms = 800
TOML
}
write_config "$tmp/becguard.toml" "127.0.0.1:$port"
scan() { "$bin" --config "$tmp/becguard.toml" --store "" scan --json --no-progress "$@" || true; }

# 1. The CEO's address spoofed from an unauthorised server: DMARC (p=reject) fails.
out=$(scan --verify-auth --client-ip 203.0.113.9 --helo vps.evil.test --mail-from x@evil.test "$fixtures/ceo_payment.eml")
check "spoof: dmarc fails" "$out" '"id":"auth.dmarc_fail"'
check "spoof: result rendered" "$out" '"method":"dmarc"[^}]*"result":"fail"'
check "spoof: display name of the VIP on a DMARC-failing org address" "$out" 'fails DMARC'

# 2. The genuine message, signed with the published key, from the authorised server.
opendkim-testmsg -d norbridge.test -k "$tmp/sel.private" -s sel <"$fixtures/ceo_payment.eml" >"$tmp/signed.eml"
out=$(scan --verify-auth --client-ip 192.0.2.10 --helo mx.norbridge.test --mail-from ceo@norbridge.test "$tmp/signed.eml")
check "genuine: dkim passes" "$out" '"method":"dkim"[^}]*"result":"pass"'
check "genuine: dmarc passes" "$out" '"method":"dmarc"[^}]*"result":"pass"'
check "genuine: no auth findings" "$out" '"id":"auth.' absent

# 3. The signed message with its body changed in transit, relayed from elsewhere.
sed 's/supplier invoice/attached invoice to our new account/' "$tmp/signed.eml" >"$tmp/tampered.eml"
out=$(scan --verify-auth --client-ip 203.0.113.9 --helo vps.evil.test --mail-from x@evil.test "$tmp/tampered.eml")
check "tampered: dkim fails" "$out" '"id":"auth.dkim_fail"'
check "tampered: dmarc fails" "$out" '"id":"auth.dmarc_fail"'

# 4. No envelope given: the client comes from the Received header of the trusted MX.
sed 's/CLIENT_IP/192.0.2.10/' "$fixtures/via_trusted_mx.eml" >"$tmp/hop_ok.eml"
sed 's/CLIENT_IP/203.0.113.9/' "$fixtures/via_trusted_mx.eml" >"$tmp/hop_bad.eml"
out=$(scan --verify-auth "$tmp/hop_ok.eml")
check "trusted hop, authorised IP: spf passes" "$out" '"method":"spf"[^}]*"result":"pass"'
check "trusted hop, authorised IP: no auth findings" "$out" '"id":"auth.' absent
out=$(scan --verify-auth "$tmp/hop_bad.eml")
check "trusted hop, foreign IP: spf fails" "$out" '"id":"auth.spf_fail"'
check "trusted hop, foreign IP: dmarc fails" "$out" '"id":"auth.dmarc_fail"'

# 5. Trust mode: a forged "pass" below the trust boundary is ignored; our MX's "fail" counts.
out=$(scan "$fixtures/forged_results.eml")
check "forged results ignored" "$out" '"auth"' absent
out=$(scan "$fixtures/trusted_fail.eml")
check "trusted fail believed" "$out" '"id":"auth.dmarc_fail"'

# 6. A partner domain with no SPF, DKIM or DMARC at all.
out=$(scan --verify-auth --client-ip 198.51.100.4 --helo mail.bare.test --mail-from wendell@bare.test "$fixtures/partner_unauthenticated.eml")
check "partner without authentication" "$out" '"id":"auth.none"'

# 7. A DNS server that never answers: temperror within the budget, a verdict, no crash.
python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0))
open(sys.argv[1],"w").write(str(s.getsockname()[1])); time.sleep(120)' "$tmp/silent.port" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$tmp/silent.port" ] && break; sleep 0.05; done
write_config "$tmp/becguard.toml" "127.0.0.1:$(cat "$tmp/silent.port")"
start=$(date +%s%N)
out=$(timeout 20 "$bin" --config "$tmp/becguard.toml" --store "" scan --json --no-progress --verify-auth --client-ip 203.0.113.9 --mail-from x@norbridge.test "$fixtures/ceo_payment.eml"; echo "exit=$?")
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "silent DNS: spf temperror" "$out" '"method":"spf"[^}]*"result":"temperror"'
check "silent DNS: a verdict" "$out" '"verdict"'
check "silent DNS: no crash" "$out" 'exit=[0-2]$'
# Generous bound (budget 800 ms + process start on a loaded machine), only to catch stalls.
if [ "$elapsed_ms" -gt 10000 ]; then echo "FAIL silent DNS took ${elapsed_ms} ms"; fail=1; fi

exit $fail
