#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and for trying Kasane on PostgreSQL (issue 16).
#   scripts/pg-cluster.sh start DIR   initdb in DIR (as the `postgres` user when run as root: initdb
#                                     refuses root), listen on a Unix socket in DIR only (no TCP),
#                                     create the roles kasane_owner (owns the tables, migrates, adds
#                                     tenants) and kasane_app (what commands connect as: no ownership,
#                                     so row-level security applies) and the database kasane.
#                                     Prints three URLs on stdout: the owner's, the app's and the
#                                     superuser's (tests use it to cut connections).
#   scripts/pg-cluster.sh stop DIR    stops the cluster and removes DIR.
#   scripts/pg-cluster.sh pause DIR   stops the server (pg_ctl stop -m fast), keeping DIR: the fault
#                                     tests (#16.4) take PostgreSQL away under a running `serve`...
#   scripts/pg-cluster.sh resume DIR  ...and start it again, on the same socket.
# Installs PostgreSQL from Debian when no pg_ctl is found. Local socket, trust authentication:
# a test cluster only; a real one uses passwords (--db-password-file or PGPASSFILE, see README).
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|stop|pause|resume DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}
bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && bin=$d; done
if [ -z "$bin" ]; then
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  echo "pg-cluster: installing PostgreSQL from Debian" >&2
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && bin=$d; done
fi
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# The server outlives this script: it must not keep any descriptor of the caller's but the three
# it is given. Foundation's Process (the fault tests, #16.4) learns that a child ended when a socket
# it handed the child reaches EOF; a PostgreSQL holding that socket made the test wait for the
# server's end, i.e. forever. So every inherited descriptor above 2 is closed first (in a subshell).
start_server() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
    done
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" start >/dev/null 2>>"$dir/pg_ctl.log"
  )
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    start_server
    as_pg "$bin/psql" -h "$dir" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
CREATE ROLE kasane_owner LOGIN;
CREATE ROLE kasane_app LOGIN;
CREATE DATABASE kasane OWNER kasane_owner;
REVOKE ALL ON DATABASE kasane FROM PUBLIC;
GRANT CONNECT ON DATABASE kasane TO kasane_app;
SQL
    as_pg "$bin/psql" -h "$dir" -U postgres -d kasane -q -v ON_ERROR_STOP=1 \
      -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO kasane_owner;" >/dev/null
    echo "postgresql://kasane_owner@localhost/kasane?host=$dir"
    echo "postgresql://kasane_app@localhost/kasane?host=$dir"
    echo "postgresql://postgres@localhost/kasane?host=$dir"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  pause)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    start_server
    ;;
  *) echo "usage: pg-cluster.sh start|stop|pause|resume DIR" >&2; exit 2 ;;
esac
