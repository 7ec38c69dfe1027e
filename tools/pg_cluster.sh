#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 cluster on a Unix socket, for the tests and the peer
# comparison: no TCP port, no password, fsync off, owned by the unprivileged user `nobody`.
#   tools/pg_cluster.sh start DIR   installs what is missing (as root), starts the cluster in DIR,
#                                   writes its libpq connection string to DIR/conn and prints it
#   tools/pg_cluster.sh stop DIR    stops it and removes DIR
# With --soft after DIR, a cluster that cannot be started is no error: the reason goes to
# DIR/unavailable (the tests then skip with it) and the script exits 0.
# The server runs in Asia/Shanghai time, as a bureau's would.
# A role `panhuo_pw` with password 'secret' (password checked) exists for authentication tests.
set -euo pipefail
cmd="${1:-}" dir="${2:-}" soft="${3:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
pgbin=/usr/lib/postgresql/15/bin
as_nobody() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_nobody "$pgbin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

start() {
  local need=()
  for p in postgresql-15 postgresql-15-postgis-3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  if ((${#need[@]})); then
    [ "$(id -u)" -eq 0 ] || { echo "pg_cluster: ${need[*]} missing and not root" >&2; exit 1; }
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  chmod 755 "$(dirname "$dir")" 2>/dev/null || true
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  as_nobody "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # the password role is checked (scram); everyone else is trusted on the socket
  { echo "local all panhuo_pw scram-sha-256"; echo "local all all trust"; } >"$dir/data/pg_hba.conf"
  as_nobody "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-k $dir -c listen_addresses='' -c timezone=Asia/Shanghai -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  local conn="host=$dir user=postgres dbname=postgres"
  psql "$conn" -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION postgis" \
    -c "CREATE ROLE panhuo_pw LOGIN SUPERUSER PASSWORD 'secret'" >/dev/null
  echo "$conn" >"$dir/conn"
  echo "$conn"
}

case "$cmd" in
  start)
    if [ "$soft" = "--soft" ]; then
      log="$(mktemp)"
      if ! (start) 2>"$log"; then
        mkdir -p "$dir" && { tail -3 "$log"; echo; } >"$dir/unavailable"
        echo "pg_cluster: no server: $(cat "$dir/unavailable")" >&2
      fi
      rm -f "$log"
    else
      start
    fi
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
