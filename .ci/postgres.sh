#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the tests (issue 8). Sourced by .ci/run:
#   source .ci/postgres.sh; rt_postgres_start; ...tests...; rt_postgres_stop
# or run alone (prints the export line and the stop command):
#   bash .ci/postgres.sh start        bash .ci/postgres.sh stop /tmp/rt-postgres.XXXXXX
# When RETAILTAGGING_POSTGRES is already set it does nothing. As root on Debian it installs the
# postgresql package if no server binaries are present; the cluster runs as the postgres user.

rt_postgres_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

rt_postgres_start() {
  RT_POSTGRES_DIR=""
  if [ -n "${RETAILTAGGING_POSTGRES:-}" ]; then
    echo "PostgreSQL: using RETAILTAGGING_POSTGRES from the environment."
    return 0
  fi
  local bindir
  bindir=$(rt_postgres_bindir)
  if [ -z "$bindir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL: installing Debian's postgresql package..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1; }
    bindir=$(rt_postgres_bindir)
  fi
  if [ -z "$bindir" ]; then
    echo "PostgreSQL: no server found and none could be installed; the PostgreSQL tests will be SKIPPED." >&2
    return 0
  fi

  local dir port password runas=()
  dir=$(mktemp -d /tmp/rt-postgres.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /usr/sbin/nologin postgres
    chown postgres: "$dir"
    runas=(runuser -u postgres --)
  fi
  for port in $(seq 55433 55533); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" > "$dir/pwfile"
  [ ${#runas[@]} -gt 0 ] && chown postgres: "$dir/pwfile"
  if ! "${runas[@]}" "$bindir/initdb" -D "$dir/data" -U retailtagging --pwfile="$dir/pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "PostgreSQL: initdb failed (see $dir/initdb.log); the PostgreSQL tests will be SKIPPED." >&2
    return 0
  fi
  rm -f "$dir/pwfile"
  # A throwaway cluster: durability settings off for speed.
  if ! "${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
    echo "PostgreSQL: the server did not start (see $dir/server.log); the PostgreSQL tests will be SKIPPED." >&2
    return 0
  fi
  RT_POSTGRES_DIR=$dir
  export RETAILTAGGING_POSTGRES="Host=127.0.0.1;Port=$port;Username=retailtagging;Password=$password;Database=postgres"
  echo "PostgreSQL: started $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)."
}

rt_postgres_stop() {
  local dir=${1:-${RT_POSTGRES_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  local runas=()
  [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$(rt_postgres_bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start)
      unset RETAILTAGGING_POSTGRES
      rt_postgres_start
      [ -n "$RT_POSTGRES_DIR" ] || exit 1
      echo "export RETAILTAGGING_POSTGRES='$RETAILTAGGING_POSTGRES'"
      echo "# stop with: bash .ci/postgres.sh stop $RT_POSTGRES_DIR"
      ;;
    stop) rt_postgres_stop "${2:?data directory printed by start}" ;;
    *) echo "usage: bash .ci/postgres.sh start | stop DIR" >&2; exit 2 ;;
  esac
fi
