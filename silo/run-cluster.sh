#!/usr/bin/env bash
# A local cluster to watch failover by hand: Azurite and N silo processes (default 3) with Table clustering and no
# primary, the same settings the chaos tests use (minus their second-scale failure detection).
#   silo/run-cluster.sh [--silos N]
# Silo i listens on 11110+i (silo), 29999+i (gateway) and 8080+i (HTTP: /health/live, /health/ready, /metrics); logs
# go to .cluster/silo-i.log. Ctrl+C (or SIGTERM) stops
# everything: the silos get 20 s to leave the cluster, then are killed.
# In another terminal: export the printed Storage__ConnectionString and use the CLI, e.g. `dotnet run --project client -- list`,
# or kill a silo (kill -9 <pid>) and watch its runs continue on the others.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
silos=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    *) echo "silo/run-cluster.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

dotnet build "$root/silo" --nologo -v quiet >/dev/null
mkdir -p "$root/.cluster"
connection="$("$root/azurite/start.sh" --data "$root/azurite/.data/cluster" --exit-with $$)"
export Storage__Mode=Azure Storage__ConnectionString="$connection" Silo__Clustering=Table Demo__Enabled=false

pids=()
# Silos stop gracefully on SIGTERM; one that is not gone within 20 s is killed.
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 20); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

for i in $(seq 1 "$silos"); do
  Silo__SiloPort=$((11110 + i)) Silo__GatewayPort=$((29999 + i)) Silo__HealthPort=$((8080 + i)) \
    dotnet "$root/silo/bin/Debug/net10.0/Orleans.Jobs.Silo.dll" >"$root/.cluster/silo-$i.log" 2>&1 &
  pids+=("$!")
  echo "silo $i: pid $!, silo port $((11110 + i)), gateway port $((29999 + i)), http://127.0.0.1:$((8080 + i))/health/ready, log .cluster/silo-$i.log"
done

echo
echo "export Storage__ConnectionString=\"$connection\""
echo "Ctrl+C stops the silos and Azurite."
wait
