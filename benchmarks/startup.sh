#!/usr/bin/env bash
# Measures start-up as a user sees it: from invoking `bin/sluice server` until `GET /health` answers 200, and
# until the same request answers over TLS. RUNS starts (default 10) on a fresh temporary data directory each time,
# then RUNS starts on one existing data directory (a stream of 4 shards holding records), killing the server
# (SIGTERM, waiting for its exit) after each. Prints the median, min and max in milliseconds.
#
#   benchmarks/startup.sh                     # RUNS=10 POLL=0.005 by default
#   SLUICE=/other/checkout/bin/sluice benchmarks/startup.sh   # measure another build the same way
#
# A warm-up start before the measured ones is not counted: the first start after a build records the
# class-data-sharing archive that later starts map. Needs curl and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLUICE="${SLUICE:-$ROOT/bin/sluice}"
RUNS="${RUNS:-10}"
POLL="${POLL:-0.005}"
WORK="$(mktemp -d -t sluice-startup.XXXXXX)"
SERVER_PID=""
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  echo $((t / 1000))
}

# poll URL [curl options]: until it answers 2xx; fails if the server exits or 60 s pass. Each round starts only curl
# and sleep: on two cores a heavier poller would slow the server it measures.
poll() {
  local url="$1" deadline=$((SECONDS + 60))
  shift
  until curl -sf -o /dev/null --max-time 2 "$@" "$url"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$SECONDS" -gt "$deadline" ]; then
      echo "the server did not answer $url; its output:" >&2
      cat "$WORK/server.log" >&2
      return 1
    fi
    sleep "$POLL"
  done
}

# start DATA_DIR: one measured start; prints "<ms to /health> <ms to TLS /health>"
start() {
  local begin http tls
  begin=$(now_ms)
  "$SLUICE" server --port "$PORT" --tls-port "$TLS_PORT" --data-dir "$1" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  poll "http://127.0.0.1:$PORT/health"
  http=$(($(now_ms) - begin))
  poll "https://127.0.0.1:$TLS_PORT/health" -k
  tls=$(($(now_ms) - begin))
  echo "$http $tls"
}

# kinesis ACTION JSON: one call to the server on PORT; an open loopback server accepts any signature
kinesis() {
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/" \
      -H "X-Amz-Target: Kinesis_20131202.$1" -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0000' \
      -d "$2"
}

# summary LABEL FILE: median, min and max of each column
summary() {
  local label="$1" file="$2" column
  printf '%-34s' "$label"
  for column in 1 2; do
    sort -n -k"$column","$column" "$file" | awk -v c="$column" '
      { v[NR] = $c }
      END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
            printf "  %6d %5d %5d", m, v[1], v[NR] }'
  done
  echo
}

"$SLUICE" --version > /dev/null  # builds first if sources changed, not measured
PORT="$(free_port)"
TLS_PORT="$(free_port)"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
start "$WORK/warm-up" > /dev/null
stop_server

# the existing data directory: made by a first start, then a stream of 4 shards with records in it
start "$WORK/existing" > /dev/null
kinesis CreateStream '{"StreamName":"startup","ShardCount":4}'
sleep 1
for i in $(seq 1 20); do
  kinesis PutRecord "{\"StreamName\":\"startup\",\"PartitionKey\":\"k$i\",\"Data\":\"aGVsbG8gc2x1aWNl\"}"
done
stop_server

: > "$WORK/fresh.txt"
: > "$WORK/existing.txt"
for run in $(seq 1 "$RUNS"); do
  start "$WORK/fresh-$run" >> "$WORK/fresh.txt"
  stop_server
  start "$WORK/existing" >> "$WORK/existing.txt"
  stop_server
done

echo "Start-up of $SLUICE server, $RUNS starts each, polling every ${POLL}s (ms)"
printf '%-34s  %6s %5s %5s  %6s %5s %5s\n' "" "/health" "min" "max" "TLS" "min" "max"
summary "fresh data directory" "$WORK/fresh.txt"
summary "existing data directory" "$WORK/existing.txt"
echo "load average before and after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
