#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (Debian's postgresql package): initdb and pg_ctl
# on a unix socket in DIR, no TCP, trust authentication, one superuser `becguard` and a database
# of the same name. PostgreSQL refuses to run as root, so under root the server runs as the
# `postgres` system user (or `nobody`); DIR stays traversable for the root client.
#
#   pg_cluster.sh start DIR     # creates the cluster on first use, starts it, prints its URL
#   pg_cluster.sh stop DIR      # stops the server (fast shutdown), keeps the data
#   pg_cluster.sh destroy DIR   # stops it if running and removes DIR
#   pg_cluster.sh url DIR       # the libpq URL of the `becguard` database
#
# Missing server binaries are an error (exit 1), never a skip: CI installs them
# (scripts/install-deps.sh). Durability is off (fsync, synchronous_commit) unless
# PG_CLUSTER_DURABLE=1, for throughput figures that mean something.
set -euo pipefail

usage() { echo "usage: $0 start|stop|destroy|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(realpath -m "$2")

url() { echo "postgresql:///becguard?host=$dir&user=becguard"; }

bindir() {
  local candidate
  for candidate in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null || true)" \
    $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "pg_cluster: PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's" \
    "postgresql package (scripts/install-deps.sh) or set PG_BINDIR" >&2
  return 1
}

# Runs a command as the unprivileged server user (as is when not root).
as_server() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  else
    runuser -u "$server_user" -- "$@"
  fi
}

server_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  server_user=nobody
  if id -u postgres >/dev/null 2>&1; then server_user=postgres; fi
fi

running() { [ -f "$dir/data/postmaster.pid" ] && as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case "$action" in
  url)
    url
    exit 0
    ;;
  start|stop|destroy) ;;
  *) usage ;;
esac

bin=$(bindir)
cd /  # pg_ctl wants a working directory the server user can read

case "$action" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      chmod 755 "$dir"
      if [ "$(id -u)" -eq 0 ]; then chown "$server_user" "$dir"; fi
      as_server "$bin/initdb" -D "$dir/data" -U becguard -A trust -E UTF8 --no-locale --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
      {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$dir'"
        echo "unix_socket_permissions = 0777"
        echo "max_connections = 200"
        echo "shared_buffers = 64MB"
        echo "log_min_messages = warning"
        if [ "${PG_CLUSTER_DURABLE:-0}" != 1 ]; then
          echo "fsync = off"
          echo "synchronous_commit = off"
          echo "full_page_writes = off"
        fi
      } | as_server tee -a "$dir/data/postgresql.conf" >/dev/null
      fresh=1
    fi
    if ! running; then
      as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    fi
    if [ "${fresh:-0}" = 1 ]; then
      "$bin/psql" -X -q -v ON_ERROR_STOP=1 "postgresql:///postgres?host=$dir&user=becguard" \
        -c "CREATE DATABASE becguard" >/dev/null
    fi
    url
    ;;
  stop)
    if running; then as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null; fi
    ;;
  destroy)
    if running; then as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null; fi
    rm -rf "$dir"
    ;;
esac
