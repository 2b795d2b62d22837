#!/usr/bin/env bash
# Installs the peer filters the comparison runs (bench/compare.sh): rspamd and SpamAssassin
# (spamd + spamc) from Debian 12. Idempotent: installs only what is missing. Benchmark-only, so
# not part of scripts/install-deps.sh. The Debian packages enable system services; this script
# stops them (when a service manager runs) because bench/peers/start.sh starts private
# instances on loopback instead.
set -euo pipefail
need=()
command -v rspamd >/dev/null || need+=(rspamd)
command -v spamd >/dev/null || need+=(spamd)
command -v spamc >/dev/null || need+=(spamc)
command -v spamassassin >/dev/null || need+=(spamassassin)
command -v ss >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    $sudo systemctl disable --now rspamd spamd 2>/dev/null || true
  fi
fi
echo "rspamd: $(rspamd --version 2>&1 | head -1)"
echo "spamassassin: $(spamassassin --version 2>&1 | head -1)"
