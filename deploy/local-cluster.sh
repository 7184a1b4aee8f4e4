#!/usr/bin/env bash
# A local three-node cluster on loopback, to try failover on one machine:
#   a private PostgreSQL server, one seed and two members (hocon/seed.conf, member.conf), each with its REST API.
#
#   deploy/local-cluster.sh up       start everything (builds first), wait until all three members are Up,
#                                    print the API URLs and the token
#   deploy/local-cluster.sh status   what runs, and the membership as the seed sees it
#   deploy/local-cluster.sh down     stop what `up` started (by the process ids it recorded) and nothing else
#
# Everything lives under $SCHEDULER_CLUSTER_DIR (default: .local-cluster in the repository): the database, the logs,
# the process ids, the token, and an `env` file to source for schedctl. Ports (all on 127.0.0.1):
#   SCHEDULER_CLUSTER_PG_PORT      PostgreSQL                         (default 15432)
#   SCHEDULER_CLUSTER_REMOTE_PORT  the seed's remoting port; members use the next two (default 2552)
#   SCHEDULER_CLUSTER_API_PORT     the seed's REST API; members use the next two     (default 5080)
# Set SCHEDULER_CLUSTER_NO_BUILD=1 to use the binaries already built (Release).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCHEDULER_CLUSTER_DIR:-$repo/.local-cluster}
pg_port=${SCHEDULER_CLUSTER_PG_PORT:-15432}
remote_port=${SCHEDULER_CLUSTER_REMOTE_PORT:-2552}
api_port=${SCHEDULER_CLUSTER_API_PORT:-5080}
node_dll=$repo/src/Scheduler.Node/bin/Release/net10.0/scheduler-node.dll
schedctl_dll=$repo/src/Scheduler.Cli/bin/Release/net10.0/schedctl.dll
nodes=(seed member-1 member-2)
up_timeout=${SCHEDULER_CLUSTER_UP_TIMEOUT:-180}

say() { printf '%s\n' "$*"; }
fail() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user the package creates.
pg_bin() {
  local bin
  if [[ -n "${SCHEDULER_PG_BIN:-}" ]]; then
    bin=$SCHEDULER_PG_BIN
  else
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -z "$bin" ]] && command -v initdb >/dev/null 2>&1 && bin=$(dirname "$(command -v initdb)")
  fi
  [[ -n "$bin" && -x "$bin/initdb" && -x "$bin/pg_ctl" ]] ||
    fail "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install them (apt-get install postgresql) or set SCHEDULER_PG_BIN"
  printf '%s' "$bin"
}

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

node_index() { case $1 in seed) echo 0 ;; member-1) echo 1 ;; member-2) echo 2 ;; esac; }
node_api() { echo "http://127.0.0.1:$((api_port + $(node_index "$1")))"; }
node_address() { echo "sched.tcp://scheduler@127.0.0.1:$((remote_port + $(node_index "$1")))"; }

# A recorded process id counts only while it is still the process we started (ids are reused).
running_pid() {
  local file=$dir/$1.pid pid
  [[ -f "$file" ]] || return 1
  pid=$(cat "$file")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "scheduler-node.dll" || return 1
  echo "$pid"
}

schedctl() {
  SCHEDULER_URL=$(node_api seed) SCHEDULER_API_TOKEN=$(cat "$dir/token") dotnet "$schedctl_dll" "$@"
}

start_postgres() {
  local bin
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$dir"; then
    fail "the postgres user cannot reach $dir: let it through (chmod o+x on $dir and its parents) or set SCHEDULER_CLUSTER_DIR elsewhere"
  fi
  if [[ ! -d "$dir/pg/data" ]]; then
    mkdir -p "$dir/pg"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir/pg"; fi
    as_pg "$bin/initdb" -D "$dir/pg/data" -A trust -U postgres --no-sync >"$dir/pg/initdb.log" 2>&1 ||
      fail "initdb failed; see $dir/pg/initdb.log"
  fi
  if as_pg "$bin/pg_ctl" status -D "$dir/pg/data" >/dev/null 2>&1; then
    say "postgres: already running"
  else
    as_pg "$bin/pg_ctl" start -D "$dir/pg/data" -w -t 60 -l "$dir/pg/server.log" \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $dir/pg -c fsync=off" >/dev/null ||
      fail "PostgreSQL did not start on port $pg_port; see $dir/pg/server.log"
    say "postgres: 127.0.0.1:$pg_port"
  fi
  if ! as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname = 'scheduler'" | grep -q 1; then
    as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create user scheduler" -c "create database scheduler owner scheduler" >/dev/null
  fi
}

start_node() {
  local name=$1 conf=member.conf pid
  [[ $name == seed ]] && conf=seed.conf
  if pid=$(running_pid "$name"); then
    say "$name: already running (pid $pid)"
    return
  fi
  (
    export SCHEDULER_PORT=$((remote_port + $(node_index "$name")))
    export SCHEDULER_API_PORT=$((api_port + $(node_index "$name")))
    export SCHEDULER_DB="Host=127.0.0.1;Port=$pg_port;Database=scheduler;Username=scheduler"
    export SCHEDULER_API_TOKEN SCHEDULER_SECRET
    SCHEDULER_API_TOKEN=$(cat "$dir/token")
    SCHEDULER_SECRET=$(cat "$dir/secret")
    cd "$dir"
    exec nohup dotnet "$node_dll" --config "$repo/hocon/$conf" \
      --scheduler:cluster:seed-nodes:0="$(node_address seed)" >"$dir/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/$name.pid"
  say "$name: started (pid $!), remoting $(node_address "$name"), API $(node_api "$name"), log $dir/$name.log"
}

# The members the seed sees as Up; 0 while its API does not answer.
members_up() {
  local count
  count=$(schedctl cluster members -o json 2>/dev/null | grep -c '"status": *"up"' || true)
  echo "${count:-0}"
}

wait_for() {
  local what=$1 want=$2 waited=0
  while (($(members_up) < want)); do
    for name in "${nodes[@]}"; do
      if [[ -f "$dir/$name.pid" ]] && ! running_pid "$name" >/dev/null; then
        # The log's end says why (a crash prints its exception there); CI keeps only what this script prints.
        tail -n 80 "$dir/$name.log" >&2 2>/dev/null || true
        fail "$name exited while waiting for $what; see $dir/$name.log"
      fi
    done
    ((waited >= up_timeout)) && fail "$what not reached after ${up_timeout}s; see the logs in $dir"
    sleep 1
    waited=$((waited + 1))
  done
}

up() {
  mkdir -p "$dir"
  if [[ -z "${SCHEDULER_CLUSTER_NO_BUILD:-}" ]]; then
    say "building (Release)..."
    dotnet build "$repo/src/Scheduler.Node" -c Release -nologo -v quiet >"$dir/build.log" 2>&1 || fail "the build failed; see $dir/build.log"
    dotnet build "$repo/src/Scheduler.Cli" -c Release -nologo -v quiet >>"$dir/build.log" 2>&1 || fail "the build failed; see $dir/build.log"
  fi
  [[ -f "$node_dll" && -f "$schedctl_dll" ]] || fail "the node or schedctl is not built: run without SCHEDULER_CLUSTER_NO_BUILD"
  [[ -f "$dir/token" ]] || od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$dir/token"
  [[ -f "$dir/secret" ]] || od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$dir/secret"
  chmod 600 "$dir/token" "$dir/secret"

  start_postgres
  start_node seed
  wait_for "the seed Up" 1
  start_node member-1
  start_node member-2
  wait_for "three members Up" 3

  cat >"$dir/env" <<EOF
export SCHEDULER_URL=$(node_api seed)
export SCHEDULER_API_TOKEN=$(cat "$dir/token")
EOF
  say ""
  say "all three members are Up."
  for name in "${nodes[@]}"; do
    say "  $name  API $(node_api "$name")  pid $(cat "$dir/$name.pid")"
  done
  say ""
  say "use it:  source $dir/env"
  say "         dotnet run --project src/Scheduler.Cli -- cluster members"
  say "stop it: deploy/local-cluster.sh down"
}

status() {
  local bin pid
  bin=$(pg_bin)
  if [[ -d "$dir/pg/data" ]] && as_pg "$bin/pg_ctl" status -D "$dir/pg/data" >/dev/null 2>&1; then
    say "postgres: running on 127.0.0.1:$pg_port"
  else
    say "postgres: stopped"
  fi
  for name in "${nodes[@]}"; do
    if pid=$(running_pid "$name"); then
      say "$name: running (pid $pid), API $(node_api "$name")"
    else
      say "$name: stopped"
    fi
  done
  if running_pid seed >/dev/null && [[ -f "$schedctl_dll" ]]; then
    schedctl cluster members || true
  fi
}

down() {
  local pid waited bin
  for name in member-2 member-1 seed; do
    if pid=$(running_pid "$name"); then
      # TERM runs the node's coordinated shutdown: it leaves the cluster and hands its shards over.
      kill -TERM "$pid" 2>/dev/null || true
      waited=0
      while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do
        sleep 1
        waited=$((waited + 1))
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      say "$name: stopped"
    fi
    rm -f "$dir/$name.pid"
  done
  if [[ -d "$dir/pg/data" ]]; then
    bin=$(pg_bin)
    if as_pg "$bin/pg_ctl" status -D "$dir/pg/data" >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" stop -D "$dir/pg/data" -m fast -w >/dev/null && say "postgres: stopped"
    fi
  fi
  say "data kept in $dir (remove it for a fresh cluster)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) fail "usage: deploy/local-cluster.sh up|down|status" ;;
esac
