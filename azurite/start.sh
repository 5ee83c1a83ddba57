#!/usr/bin/env bash
# Starts the pinned Azurite (installing it first if needed), bound to 127.0.0.1, with its data in a folder of its own.
#
#   azurite/start.sh [--blob-port N] [--queue-port N] [--table-port N] [--data DIR] [--in-memory] [--exit-with PID]
#
# Ports default to free ones. --exit-with stops Azurite when process PID ends (a test host, even a killed one). Waits until Blob and Table answer, then prints one line: the connection string.
# Writes azurite/.run/<blob port>.pid and .env (AZURITE_CONNECTION_STRING=…); azurite/stop.sh <blob port> ends it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

blob_port="" queue_port="" table_port="" data="" in_memory="" exit_with=""
while [ $# -gt 0 ]; do
  case "$1" in
    --blob-port) blob_port="$2"; shift 2 ;;
    --queue-port) queue_port="$2"; shift 2 ;;
    --table-port) table_port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --in-memory) in_memory="--inMemoryPersistence"; shift ;;
    --exit-with) exit_with="$2"; shift 2 ;;
    *) echo "azurite/start.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [ ! -x "$here/node_modules/.bin/azurite" ]; then
  echo "Installing Azurite (azurite/package-lock.json)…" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

blob_port=${blob_port:-$(free_port)}
queue_port=${queue_port:-$(free_port)}
table_port=${table_port:-$(free_port)}
data=${data:-"$here/.data/$blob_port"}
run_dir="$here/.run"
mkdir -p "$run_dir"
if [ -n "$in_memory" ]; then
  log="$run_dir/$blob_port.log"
else
  mkdir -p "$data"
  log="$data/azurite.log"
fi

# In memory, Azurite refuses a workspace folder; the log then goes to .run/ and goes with the instance.
if [ -n "$in_memory" ]; then workspace=("$in_memory"); else workspace=(--location "$data"); fi
"$here/node_modules/.bin/azurite" --silent --loose --disableTelemetry --skipApiVersionCheck "${workspace[@]}" \
  --blobHost 127.0.0.1 --blobPort "$blob_port" \
  --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" >"$log" 2>&1 &
pid=$!
echo "$pid" >"$run_dir/$blob_port.pid"
if [ -n "$exit_with" ]; then
  # A watchdog that outlives this script: when the owner ends, so does Azurite, and its records.
  nohup bash -c "while kill -0 $exit_with 2>/dev/null && kill -0 $pid 2>/dev/null; do sleep 1; done; kill $pid 2>/dev/null; rm -f '$run_dir/$blob_port.pid' '$run_dir/$blob_port.env' '$run_dir/$blob_port.log'" >/dev/null 2>&1 &
fi

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Azurite exited at start-up; its log ($log):" >&2
    cat "$log" >&2
    rm -f "$run_dir/$blob_port.pid"
    exit 1
  fi
  if answers "$blob_port" && answers "$table_port" && answers "$queue_port"; then
    key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
    printf 'AZURITE_PID=%s\nAZURITE_CONNECTION_STRING=%s\n' "$pid" "$connection" >"$run_dir/$blob_port.env"
    echo "$connection"
    exit 0
  fi
  sleep 0.2
done

echo "Azurite did not answer on 127.0.0.1:$blob_port/$table_port within 60 s; stopping it." >&2
kill "$pid" 2>/dev/null || true
rm -f "$run_dir/$blob_port.pid"
exit 1
