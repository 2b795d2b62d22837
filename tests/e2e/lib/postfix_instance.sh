# A private, loopback-only Postfix instance for the milter end-to-end test and benchmark.
# Sourced, not run. Everything lives under $PF_ROOT (its own config, queue and data
# directories); the system Postfix is neither used nor touched. Needs root (Postfix's master
# runs as root and drops to mail_owner). No relaying: the only transport that delivers is
# virtual(8) into Maildirs under $PF_ROOT/mail; everything else bounces via error(8).
#
#   pf_init DIR SMTP_PORT DOMAINS MILTER   # MILTER: "inet:127.0.0.1:PORT" or "" (none)
#   pf_start / pf_stop / pf_delivered_files / pf_queue_json
#   free_port

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pf_init() {
  PF_ROOT=$1
  PF_SMTP_PORT=$2
  local domains=$3 milter=$4
  PF_CONF=$PF_ROOT/etc
  PF_QUEUE=$PF_ROOT/spool
  PF_MAIL=$PF_ROOT/mail
  mkdir -p "$PF_CONF" "$PF_QUEUE" "$PF_ROOT/data" "$PF_MAIL"
  chmod 755 "$PF_ROOT"
  chown root:root "$PF_QUEUE"
  chown postfix "$PF_ROOT/data"
  chown nobody:nogroup "$PF_MAIL"
  local nobody_uid nogroup_gid
  nobody_uid=$(id -u nobody)
  nogroup_gid=$(getent group nogroup | cut -d: -f3)
  cat >"$PF_CONF/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $PF_QUEUE
data_directory = $PF_ROOT/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.becguard.test
mydomain = becguard.test
myorigin = \$myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
default_transport = error:no relaying from the test instance
local_transport = error:no local delivery in the test instance
relay_domains =
virtual_mailbox_domains = $domains
virtual_mailbox_base = $PF_MAIL
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:$nobody_uid
virtual_gid_maps = static:$nogroup_gid
virtual_minimum_uid = 1
alias_maps =
alias_database =
biff = no
smtputf8_enable = no
maillog_file = $PF_ROOT/maillog
maillog_file_prefixes = $PF_ROOT
smtpd_milters = $milter
non_smtpd_milters = $milter
milter_default_action = tempfail
milter_protocol = 6
milter_connect_timeout = 5s
milter_content_timeout = 30s
in_flow_delay = 0
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
default_process_limit = 200
minimal_backoff_time = 2s
maximal_backoff_time = 4s
queue_run_delay = 2s
CF
  cat >"$PF_CONF/master.cf" <<CF
127.0.0.1:$PF_SMTP_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
}

pf_start() {
  postfix -c "$PF_CONF" check >/dev/null 2>&1 || postfix -c "$PF_CONF" check
  postfix -c "$PF_CONF" start >/dev/null 2>&1 || { postfix -c "$PF_CONF" start; return 1; }
  local i
  for i in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $PF_SMTP_PORT), 1)" \
      2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "postfix did not start listening on $PF_SMTP_PORT" >&2
  return 1
}

pf_stop() {
  [ -n "${PF_CONF:-}" ] && [ -f "$PF_CONF/main.cf" ] || return 0
  postfix -c "$PF_CONF" stop >/dev/null 2>&1 || true
  # master waits for its children; make sure nothing of this instance survives.
  local pid
  pid=$(cat "$PF_QUEUE/pid/master.pid" 2>/dev/null | tr -d ' ')
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    sleep 1
    kill -9 "$pid" 2>/dev/null || true
  fi
}

pf_delivered_files() { find "$PF_MAIL" -path '*/new/*' -type f 2>/dev/null | sort; }

# postqueue -j: one JSON object per queued message (queue_name: active, deferred, hold...).
pf_queue_json() { postqueue -c "$PF_CONF" -j 2>/dev/null; }
