#!/usr/bin/env bash
# Stops an Azurite that azurite/start.sh started: azurite/stop.sh <blob port>, or --all for every one it started.
# Ends only the process recorded in azurite/.run/<blob port>.pid, and only if it still is an Azurite.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run_dir="$here/.run"

stop_one() {
  local pid_file="$run_dir/$1.pid"
  [ -f "$pid_file" ] || { echo "No Azurite started by start.sh on blob port $1." >&2; return 1; }
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q azurite; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pid_file" "$run_dir/$1.env" "$run_dir/$1.log"
}

case "${1:-}" in
  --all)
    status=0
    for f in "$run_dir"/*.pid; do [ -e "$f" ] || continue; stop_one "$(basename "$f" .pid)" || status=1; done
    exit $status ;;
  "") echo "usage: azurite/stop.sh <blob port> | --all" >&2; exit 2 ;;
  *) stop_one "$1" ;;
esac
