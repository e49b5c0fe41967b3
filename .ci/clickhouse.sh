#!/usr/bin/env bash
# Throwaway ClickHouse servers for the tests, on loopback, owned by an unprivileged user (the server refuses to run as
# root), under one directory in /tmp:
#   node    one node:           HTTP 18123, native 19000
#   shard1  cluster, shard 1:   HTTP 18124, native 19001  (the entry node: the Distributed tables are queried here)
#   shard2  cluster, shard 2:   HTTP 18125, native 19002
# Both shards know the cluster mercato_2shards (one replica per shard). No ZooKeeper: tables are created on each shard.
#
#   .ci/clickhouse.sh start              starts the three servers, waits for them, prints the two MERCATO_TEST_ lines
#   .ci/clickhouse.sh stop               stops them and removes the directory
#   .ci/clickhouse.sh stop-node NAME     stops one server (the tests stop shard2 to see a query fail, never half answer)
#   .ci/clickhouse.sh start-node NAME    starts it again on its existing data
#   .ci/clickhouse.sh env                prints the two lines again
# MERCATO_CH_DIR (default /tmp/mercato-ch) is where everything lives; MERCATO_CH_USER (default mercato-ch) runs it;
# MERCATO_CH_MAX_MEMORY (default 4000000000 bytes) is each query's memory limit (benchmarks/clickhouse-scale.sh raises it).
set -euo pipefail

CH_DIR="${MERCATO_CH_DIR:-/tmp/mercato-ch}"
CH_USER="${MERCATO_CH_USER:-mercato-ch}"
CH_SERVER="${CLICKHOUSE_SERVER:-$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)}"
WAIT_SECONDS="${MERCATO_CH_WAIT:-60}"
MAX_MEMORY="${MERCATO_CH_MAX_MEMORY:-4000000000}"
NODES="node shard1 shard2"

http_port() { case "$1" in node) echo 18123 ;; shard1) echo 18124 ;; shard2) echo 18125 ;; *) echo "unknown node $1" >&2; exit 2 ;; esac; }
tcp_port() { case "$1" in node) echo 19000 ;; shard1) echo 19001 ;; shard2) echo 19002 ;; esac; }
interserver_port() { case "$1" in node) echo 19009 ;; shard1) echo 19010 ;; shard2) echo 19011 ;; esac; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

as_ch() {
  if [ "$(id -u)" -eq 0 ]; then su "$CH_USER" -s /bin/sh -c "$(printf '%q ' "$@")"; else sudo -u "$CH_USER" "$@"; fi
}

print_env() {
  echo "MERCATO_TEST_CLICKHOUSE=Host=127.0.0.1;Port=$(http_port node)"
  echo "MERCATO_TEST_CLICKHOUSE_CLUSTER=Host=127.0.0.1;Port=$(http_port shard1);Cluster=mercato_2shards;Shards=127.0.0.1:$(http_port shard1),127.0.0.1:$(http_port shard2)"
}

write_config() {
  local name=$1 dir="$CH_DIR/$1"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  # <yandex> is the root 18.16 reads; current releases still accept it beside <clickhouse>.
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>information</level>
        <log>$dir/log/server.log</log>
        <errorlog>$dir/log/error.log</errorlog>
        <size>10M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$(http_port "$name")</http_port>
    <tcp_port>$(tcp_port "$name")</tcp_port>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <interserver_http_port>$(interserver_port "$name")</interserver_http_port>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <max_concurrent_queries>100</max_concurrent_queries>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <remote_servers>
        <mercato_2shards>
            <shard>
                <replica>
                    <host>127.0.0.1</host>
                    <port>$(tcp_port shard1)</port>
                </replica>
            </shard>
            <shard>
                <replica>
                    <host>127.0.0.1</host>
                    <port>$(tcp_port shard2)</port>
                </replica>
            </shard>
        </mercato_2shards>
    </remote_servers>
</yandex>
XML
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>$MAX_MEMORY</max_memory_usage>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
XML
}

answers() { curl -fsS --max-time 2 "http://127.0.0.1:$(http_port "$1")/?query=SELECT%201" 2>/dev/null | grep -qx 1; }

start_node() {
  local name=$1 dir="$CH_DIR/$1"
  [ -f "$dir/config.xml" ] || { echo "no configuration for $name in $dir: run '$0 start' first" >&2; exit 1; }
  if answers "$name"; then return 0; fi
  chown -R "$CH_USER" "$dir"
  as_ch "$CH_SERVER" --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon
}

wait_node() {
  local name=$1 dir="$CH_DIR/$1" waited=0
  until answers "$name"; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      echo "clickhouse $name (HTTP 127.0.0.1:$(http_port "$name")) did not answer SELECT 1 within ${WAIT_SECONDS}s; last lines of $dir/log:" >&2
      tail -n 30 "$dir/log/error.log" "$dir/log/server.log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_node() {
  local name=$1 dir="$CH_DIR/$1" pid waited=0
  [ -f "$dir/server.pid" ] || return 0
  pid=$(cat "$dir/server.pid")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 30 ]; then kill -9 "$pid" 2>/dev/null || true; break; fi
      sleep 1
      waited=$((waited + 1))
    done
  fi
  rm -f "$dir/server.pid"
}

case "${1:-}" in
  start)
    [ -x "$CH_SERVER" ] || { echo "clickhouse-server not found: apt-get install clickhouse-server" >&2; exit 1; }
    command -v curl >/dev/null || { echo "curl is needed to wait for the servers" >&2; exit 1; }
    id "$CH_USER" >/dev/null 2>&1 || $SUDO useradd --system --no-create-home --shell /usr/sbin/nologin "$CH_USER"
    for n in $NODES; do stop_node "$n"; done
    rm -rf "$CH_DIR"
    mkdir -p "$CH_DIR"
    for n in $NODES; do write_config "$n"; done
    chown -R "$CH_USER" "$CH_DIR"
    for n in $NODES; do start_node "$n"; done
    for n in $NODES; do wait_node "$n"; done
    print_env
    ;;
  stop)
    for n in $NODES; do stop_node "$n"; done
    rm -rf "$CH_DIR"
    ;;
  stop-node)
    http_port "${2:-}" >/dev/null
    stop_node "$2"
    ;;
  start-node)
    http_port "${2:-}" >/dev/null
    start_node "$2"
    wait_node "$2"
    ;;
  env)
    print_env
    ;;
  *)
    echo "usage: $0 start|stop|stop-node NAME|start-node NAME|env" >&2
    exit 2
    ;;
esac
