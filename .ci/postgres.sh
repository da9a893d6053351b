#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests: initdb in a temporary directory, loopback only,
# run as an unprivileged user (PostgreSQL refuses to run as root). Source it:
#   source .ci/postgres.sh && pg_start   → exports WUYIN_TEST_DATABASE_URL
#   pg_stop                               → stops the server and removes the directory
# Needs Debian's postgresql-15 (installed by .ci/run when missing).
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

pg_start() {
  local user=wuyinpg
  if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  fi
  PG_DIR="$(mktemp -d /tmp/wuyin-pg.XXXXXX)"
  PG_PORT="${PG_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}"
  local run=()
  if [ "$(id -u)" = 0 ]; then chown "$user" "$PG_DIR"; run=(runuser -u "$user" --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U wuyin --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" start >/dev/null
  export WUYIN_TEST_DATABASE_URL="postgres://wuyin@127.0.0.1:$PG_PORT/postgres"
  export PG_DIR PG_PORT
  echo "ci: PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u wuyinpg --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
