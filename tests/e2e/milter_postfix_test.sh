#!/usr/bin/env bash
# Milter end-to-end test: a private, loopback-only Postfix instance with smtpd_milters and
# non_smtpd_milters pointing at `becguard milter`; mail sent with swaks (SMTP) and Postfix's
# sendmail; assertions on the delivered Maildir files and the queue.
#   1. headers on every message; banner + subject tag on bec messages, MIME still valid and in
#      its original charset (ISO-2022-JP, multipart with attachment); clean mail byte-identical
#      apart from the added headers; planted X-BEC-* headers replaced
#   2. SIGHUP reload: bec -> hold queue; 2b. -> quarantine directory; 3. -> 550 reject; a bad
#      config on reload keeps the running one; a burst of SIGHUPs; 3b. over-size -> 451
#   4. faults: becguard killed with -9 during a stream of SMTP messages (Postfix tempfails, the
#      client resends) and while messages wait in the queue (delivered after restart); every
#      Message-ID delivered exactly once
# Usage: milter_postfix_test.sh path/to/becguard  (from the project root). Exit 77 = skipped.
set -uo pipefail
bin=$(realpath "$1")
if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
  echo "SKIP: needs root, postfix and swaks (scripts/install-deps.sh)"; exit 77
fi
here=$(pwd)
. tests/e2e/lib/postfix_instance.sh

root=$(mktemp -d /tmp/becguard-milter-e2e.XXXXXX)
milter_pid=""
cleanup() {
  [ -n "$milter_pid" ] && kill -9 "$milter_pid" 2>/dev/null
  pf_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- milter log"; tail -20 "$root/milter.log"; echo "--- maillog";
  tail -20 "$root/maillog" 2>/dev/null; exit 1; }

smtp_port=$(free_port)
milter_port=$(free_port)
while [ "$milter_port" = "$smtp_port" ]; do milter_port=$(free_port); done
pf_init "$root" "$smtp_port" "quillonmarine.com sakuradenki.co.jp" "inet:127.0.0.1:$milter_port"
config=$root/becguard.toml

write_config() {  # $1: bec actions (TOML array body), $2: extra [milter] lines
  { cat tests/fixtures/e2e/becguard.toml
    cat <<CF

[milter]
socket = "inet:$milter_port@127.0.0.1"
scan_timeout_ms = 20000
shutdown_grace_ms = 2000
${2:-}
[milter.actions]
clean = ["headers"]
bec = [$1]
CF
  } >"$config.tmp" && mv "$config.tmp" "$config"
}

start_milter() {
  local i before
  before=$(grep -c "listening on inet:$milter_port" "$root/milter.log" 2>/dev/null)
  BECGUARD_STORE=memory: "$bin" --config "$config" milter >>"$root/milter.log" 2>&1 &
  milter_pid=$!
  for i in $(seq 1 150); do
    [ "$(grep -c "listening on inet:$milter_port" "$root/milter.log")" -gt "${before:-0}" ] &&
      return 0
    kill -0 "$milter_pid" 2>/dev/null || fail "becguard milter exited at start"
    sleep 0.1
  done
  fail "becguard milter did not start"
}

reload() {  # waits for the n-th "reloaded"/"reload failed" line
  local before after i
  before=$(grep -cE "configuration reloaded|reload failed" "$root/milter.log")
  kill -HUP "$milter_pid"
  for i in $(seq 1 200); do
    after=$(grep -cE "configuration reloaded|reload failed" "$root/milter.log")
    [ "$after" -gt "$before" ] && return 0
    sleep 0.1
  done
  fail "no reload after SIGHUP"
}

# send FILE RCPT -> prints the SMTP code of the final reply (250, 451, 550, ...)
send() {
  local out
  out=$(swaks --server 127.0.0.1 --port "$smtp_port" --from sender@example.org --to "$2" \
    --data "@$1" --timeout 60 2>&1)
  printf '%s\n' "$out" | grep -E '^(<-|<\*\*) +[0-9]{3} ' | tail -2 | head -1 |
    sed -E 's/^(<-|<\*\*) +([0-9]{3}).*/\2/'
}

wait_delivered() {  # $1: number of files expected in the Maildir
  local i
  for i in $(seq 1 300); do
    [ "$(pf_delivered_files | wc -l)" -ge "$1" ] && return 0
    sleep 0.1
  done
  fail "expected $1 delivered messages, have $(pf_delivered_files | wc -l)"
}

pf_start || fail "postfix did not start"
write_config '"headers", "banner", "subject_tag"'
start_milter

# --- 1. delivery with headers, banner and subject tag ---------------------------------------
mkdir -p "$root/in"
cp tests/fixtures/e2e/n01-mailing-list.eml tests/fixtures/e2e/n04-ja-business.eml \
  tests/fixtures/e2e/n07-shift-jis-unlabelled.eml tests/fixtures/e2e/n02-esp-newsletter.eml \
  tests/fixtures/e2e/g04-ja-ceo-iso2022jp.eml tests/fixtures/e2e/g09-beacon-ceo-lookalike.eml \
  tests/fixtures/milter/e2e_bec_multipart.eml "$root/in/"
# A sender who plants a verdict header: it must not survive.
sed '0,/^Subject:/s//X-BEC-Verdict: clean\nSubject:/' tests/fixtures/e2e/g05-gift-card.eml \
  >"$root/in/g05-planted.eml"
sent=0
for f in "$root"/in/*.eml; do
  code=$(send "$f" lena.fischer@quillonmarine.com)
  [ "$code" = 250 ] || fail "$(basename "$f"): SMTP $code, expected 250"
  sent=$((sent + 1))
done
wait_delivered "$sent"
python3 - "$root/in" "$root/mail/inbox/new" <<'PY' || fail "delivered messages"
import email, email.policy, os, sys
src, new = sys.argv[1], sys.argv[2]
def norm(b):
    # Postfix itself drops Return-Path (it writes its own) and swaks may add a final line end.
    lines = b.replace(b"\r\n", b"\n").split(b"\n")
    return b"\n".join(l for l in lines if not l.lower().startswith(b"return-path:")).rstrip()
originals = {}
for name in os.listdir(src):
    raw = open(os.path.join(src, name), "rb").read()
    mid = email.message_from_bytes(raw)["Message-ID"].strip()
    originals[mid] = (name, norm(raw))
errors = []
seen = set()
for name in os.listdir(new):
    raw = open(os.path.join(new, name), "rb").read()
    msg = email.message_from_bytes(raw)
    mid = msg["Message-ID"].strip()
    oname, orig = originals[mid]
    seen.add(mid)
    verdicts = msg.get_all("X-BEC-Verdict") or []
    if len(verdicts) != 1 or msg["X-BEC-Score"] is None or msg["X-BEC-Findings"] is None:
        errors.append(f"{oname}: X-BEC headers {verdicts}")
        continue
    verdict = verdicts[0].strip()
    expected = "bec" if oname.startswith(("g0", "e2e_bec")) else "clean"
    if verdict != expected:
        errors.append(f"{oname}: verdict {verdict}, expected {expected}")
    if msg.defects:
        errors.append(f"{oname}: MIME defects {msg.defects}")
    if verdict == "clean":
        # Untouched apart from the headers added on top.
        if not norm(raw).endswith(orig):
            errors.append(f"{oname}: clean message was modified")
        continue
    if not str(msg["Subject"]).startswith("[BEC WARNING]"):
        errors.append(f"{oname}: subject not tagged: {msg['Subject']}")
    origmsg = email.message_from_bytes(orig)
    oparts = [p for p in origmsg.walk() if not p.is_multipart()]
    parts = [p for p in msg.walk() if not p.is_multipart()]
    if [p.get_content_type() for p in parts] != [p.get_content_type() for p in oparts]:
        errors.append(f"{oname}: MIME structure changed")
        continue
    bannered = 0
    for p, o in zip(parts, oparts):
        if p.get_content_charset() != o.get_content_charset() or \
           p.get("Content-Transfer-Encoding") != o.get("Content-Transfer-Encoding"):
            errors.append(f"{oname}: charset/encoding of {p.get_content_type()} changed")
        if p.get_filename():
            if p.get_payload(decode=True) != o.get_payload(decode=True):
                errors.append(f"{oname}: attachment {p.get_filename()} changed")
            continue
        text = p.get_payload(decode=True).decode(p.get_content_charset() or "us-ascii")
        otext = o.get_payload(decode=True).decode(o.get_content_charset() or "us-ascii")
        if "business e-mail compromise" in text:
            bannered += 1
            # Japanese where the part can carry it (a 7bit UTF-8 part gets the English text).
            can_ja = p.get_content_charset() == "iso-2022-jp" or (
                p.get_content_charset() == "utf-8" and
                (p.get("Content-Transfer-Encoding") or "7bit").lower() != "7bit")
            if can_ja and "ビジネスメール詐欺" not in text:
                errors.append(f"{oname}: Japanese banner missing in {p.get_content_charset()}")
            if text.replace("\r\n", "\n").rstrip().endswith(otext.replace("\r\n", "\n").rstrip()[-40:]) is False:
                errors.append(f"{oname}: original text lost")
    if bannered == 0:
        errors.append(f"{oname}: no banner")
    if oname == "e2e_bec_multipart.eml" and bannered != 2:
        errors.append(f"{oname}: banner in {bannered} parts, expected 2 (plain and html)")
if seen != set(originals):
    errors.append(f"delivered {len(seen)} of {len(originals)}")
for e in errors: print("  " + e)
print(f"  checked {len(seen)} delivered messages")
sys.exit(1 if errors else 0)
PY
# The delivered files still parse cleanly with becguard's own parser.
"$bin" --config "$config" --store "" scan --no-progress --json "$root/mail/inbox/new" >"$root/rescan.json" ||
  true
[ "$(wc -l <"$root/rescan.json")" -eq "$sent" ] || fail "becguard could not rescan delivered mail"
echo "ok   1. headers, banner, subject tag, clean mail untouched ($sent messages)"

# --- 2. reload: bec messages go to the hold queue ------------------------------------------
write_config '"headers", "quarantine"'
reload
grep -q "configuration reloaded" "$root/milter.log" || fail "reload failed"
code=$(send tests/fixtures/e2e/g01-reply-to-embeds-from.eml ivan.petrov@quillonmarine.com)
[ "$code" = 250 ] || fail "g01: SMTP $code, expected 250 (accepted into hold)"
for i in $(seq 1 50); do pf_queue_json | grep -q '"queue_name": "hold"' && break; sleep 0.1; done
pf_queue_json | grep -q '"queue_name": "hold"' || fail "bec message not in the hold queue"
[ "$(pf_delivered_files | wc -l)" -eq "$sent" ] || fail "held message was delivered"
echo "ok   2. SIGHUP reload; bec message held in Postfix's hold queue"

# --- 2b. quarantine directory: stored with becguard's headers, discarded from the flow ------
write_config '"headers", "quarantine"' "[milter.quarantine]
mode = \"directory\"
dir = \"$root/quarantine\""
reload
code=$(send tests/fixtures/e2e/g06-idn-homoglyph.eml ivan.petrov@quillonmarine.com)
[ "$code" = 250 ] || fail "g06: SMTP $code, expected 250 (stored, discarded)"
stored=$(find "$root/quarantine" -name '*.eml' -type f 2>/dev/null)
[ "$(echo "$stored" | grep -c .)" -eq 1 ] || fail "expected one quarantined file, found: $stored"
head -8 "$stored" | grep -q "^X-BEC-Verdict: bec" || fail "quarantined file lacks X-BEC headers"
head -1 "$stored" | grep -q "^X-BEC-Envelope-From: <sender@example.org>" ||
  fail "quarantined file lacks the envelope sender"
grep -q "^X-BEC-Envelope-To: <ivan.petrov@quillonmarine.com>" "$stored" ||
  fail "quarantined file lacks the envelope recipient"
grep -q "$(grep -m1 '^Message-ID:' tests/fixtures/e2e/g06-idn-homoglyph.eml)" "$stored" ||
  fail "quarantined file is not the message"
# The same message offered again (new queue id, new Received line): still one file.
code=$(send tests/fixtures/e2e/g06-idn-homoglyph.eml ivan.petrov@quillonmarine.com)
[ "$code" = 250 ] || fail "g06 again: SMTP $code, expected 250"
[ "$(find "$root/quarantine" -name '*.eml' -type f | grep -c .)" -eq 1 ] ||
  fail "the message offered twice was quarantined twice"
sleep 1
[ "$(pf_delivered_files | wc -l)" -eq "$sent" ] || fail "quarantined message was delivered"
[ "$(pf_queue_json | grep -vc '"queue_name": "hold"')" -eq 0 ] || fail "quarantined message queued"
echo "ok   2b. quarantine directory: stored once, not delivered"

# --- 3. reload: bec rejected; a bad config keeps the running one ---------------------------
write_config '"reject"'
reload
code=$(send tests/fixtures/e2e/g05-gift-card.eml lena.fischer@quillonmarine.com)
[ "$code" = 550 ] || fail "g05: SMTP $code, expected 550"
sed -i 's/^\[milter\]$/[milter]\nbogus_key = 1/' "$config"
reload
grep -q "reload failed, keeping the running configuration: .*bogus_key" "$root/milter.log" ||
  fail "bad config was not reported"
kill -0 "$milter_pid" || fail "milter died on a bad reload"
code=$(send tests/fixtures/e2e/g05-gift-card.eml lena.fischer@quillonmarine.com)
[ "$code" = 550 ] || fail "after a failed reload: SMTP $code, expected 550 (old config kept)"
code=$(send tests/fixtures/e2e/n03-freemail-friend.eml ivan.petrov@quillonmarine.com)
[ "$code" = 250 ] || fail "clean message after failed reload: SMTP $code"
sent=$((sent + 1))
wait_delivered "$sent"

# A burst of SIGHUPs (libmilter's own signal thread would treat each as "stop").
for i in $(seq 1 20); do kill -HUP "$milter_pid"; sleep 0.02; done
sleep 0.5
kill -0 "$milter_pid" 2>/dev/null || fail "becguard milter died in a burst of SIGHUPs"
code=$(send tests/fixtures/e2e/g05-gift-card.eml lena.fischer@quillonmarine.com)
[ "$code" = 550 ] || fail "after a SIGHUP burst: SMTP $code, expected 550"
echo "ok   3. bec rejected with 550; bad config on reload kept the running one; SIGHUP burst survived"

# --- 3b. over-size message: the fail-safe default (tempfail), not silent acceptance --------
write_config '"headers"' "max_message_bytes = 1024"
reload
code=$(send tests/fixtures/milter/e2e_bec_multipart.eml ivan.petrov@quillonmarine.com)
[ "$code" = 451 ] || fail "over-size message: SMTP $code, expected 451 (default_action tempfail)"
grep -q "over milter.max_message_bytes" "$root/milter.log" || fail "over-size not logged"
echo "ok   3b. over-size message tempfailed (451)"

# --- 4. faults: kill -9 mid-stream and with messages queued --------------------------------
write_config '"headers"'
reload
mkdir -p "$root/stream"
total=30
for i in $(seq 1 $total); do
  sed "s/^Message-ID: .*/Message-ID: <stream-$i@becguard.test>/" \
    tests/fixtures/e2e/n03-freemail-friend.eml >"$root/stream/$i.eml"
done
: >"$root/stream.codes"
# smtplib for the stream (swaks' start-up would dominate the run time).
python3 tests/e2e/lib/smtp_send.py "$smtp_port" sender@example.org ivan.petrov@quillonmarine.com \
  $(for i in $(seq 1 $total); do echo "$root/stream/$i.eml"; done) >"$root/stream.codes" &
stream_pid=$!
for i in $(seq 1 300); do [ "$(wc -l <"$root/stream.codes")" -ge 8 ] && break; sleep 0.02; done
kill -9 "$milter_pid"
wait "$milter_pid" 2>/dev/null
sleep 1
start_milter
wait "$stream_pid"
tempfailed=$(awk '$2 ~ /^4/ {print $1}' "$root/stream.codes")
[ -n "$tempfailed" ] || fail "no message was tempfailed while becguard was down"
if awk '$2 !~ /^(250|4[0-9][0-9])$/' "$root/stream.codes" | grep -q .; then
  fail "unexpected SMTP replies: $(awk '$2 !~ /^(250|4)/' "$root/stream.codes" | tr '\n' ' ')"
fi
# What a sending MTA does with a 4xx: try again.
python3 tests/e2e/lib/smtp_send.py "$smtp_port" sender@example.org ivan.petrov@quillonmarine.com \
  $tempfailed >"$root/resend.codes"
awk '$2 != 250' "$root/resend.codes" | grep -q . && fail "resend: $(cat "$root/resend.codes")"
sent=$((sent + total))

# Queued: with becguard down, locally submitted mail waits in Postfix's queue.
kill -9 "$milter_pid"
wait "$milter_pid" 2>/dev/null
queued=5
for i in $(seq 1 $queued); do
  sed "s/^Message-ID: .*/Message-ID: <queued-$i@becguard.test>/" \
    tests/fixtures/e2e/n03-freemail-friend.eml | sendmail -C "$PF_CONF" -i ivan.petrov@quillonmarine.com
done
sleep 2
in_queue=$(pf_queue_json | wc -l)
[ "$in_queue" -ge "$queued" ] || fail "expected $queued messages waiting in the queue, found $in_queue"
pf_delivered_files | xargs -r grep -l "queued-" | grep -q . && fail "delivered while becguard was down"
start_milter
postqueue -c "$PF_CONF" -f
postkick -c "$PF_CONF" public pickup W 2>/dev/null || true
sent=$((sent + queued))
wait_delivered "$sent"
sleep 1
python3 - "$root/mail/inbox/new" "$total" "$queued" <<'PY' || fail "fault test counts"
import collections, email, os, sys
new, total, queued = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ids = collections.Counter()
for name in os.listdir(new):
    ids[email.message_from_bytes(open(os.path.join(new, name), "rb").read())["Message-ID"].strip()] += 1
want = [f"<stream-{i}@becguard.test>" for i in range(1, total + 1)] + \
       [f"<queued-{i}@becguard.test>" for i in range(1, queued + 1)]
missing = [m for m in want if ids[m] == 0]
dups = [m for m, n in ids.items() if n > 1]
print(f"  {len(want)} fault-test messages: {len(want) - len(missing)} delivered, "
      f"{len(missing)} missing, {len(dups)} duplicated")
sys.exit(1 if missing or dups else 0)
PY
[ "$(pf_queue_json | grep -vc '"queue_name": "hold"')" -eq 0 ] || fail "messages left in the queue"
echo "ok   4. kill -9: $(echo "$tempfailed" | wc -w) tempfailed and resent, $queued queued and delivered after restart; none lost or duplicated"

# --- graceful stop -------------------------------------------------------------------------
kill -TERM "$milter_pid"
for i in $(seq 1 100); do kill -0 "$milter_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$milter_pid" 2>/dev/null && fail "becguard milter did not stop on SIGTERM"
wait "$milter_pid"; status=$?
milter_pid=""
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM"
echo "ok   5. SIGTERM: graceful stop"
echo "PASS"
