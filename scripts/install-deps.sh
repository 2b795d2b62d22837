#!/usr/bin/env bash
# Installs every Debian 12 package becguard needs to build, test, fuzz and benchmark.
# Idempotent; run as root (or with sudo available).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang clang-format libclang-rt-14-dev
  # MIME, text, domains
  libgmime-3.0-dev libglib2.0-dev libicu-dev libpsl-dev psl publicsuffix libidn2-dev
  # patterns
  libhyperscan-dev
  # learned context: embedded store; attachment text (PDF, DOCX/XLSX zip containers)
  libsqlite3-dev sqlite3 libpoppler-cpp-dev libzip-dev
  # learned context shared by several nodes (libpqxx), and the real server its tests start
  libpqxx-dev postgresql
  # config, CLI, JSON, logging, errors
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libexpected-dev
  # crypto (SHA-256 of attachments)
  libssl-dev
  # milter and its end-to-end tests (a private Postfix instance on loopback)
  libmilter-dev postfix swaks
  # mail authentication and its tests (a local DNS server, generated DKIM keys)
  libspf2-dev libopendkim-dev libopendmarc-dev libunbound-dev libldns-dev unbound opendkim-tools
  dnsutils
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3 time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Postfix is only ever run as a private test instance; keep its package from configuring a
# system mailer.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
