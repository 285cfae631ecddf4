#!/usr/bin/env bash
# Runs the same `sluice bench` load against Sluice and, when it can be installed here, kinesalite, one after the
# other on this machine (never at once: they would share the CPU), and prints one table with the ratios.
#
#   benchmarks/compare.sh [extra sluice bench options, e.g. --record-size 1KiB --consumers polling]
#
# Default load: 100-byte records, 500 per PutRecords, 4 shards, concurrency 8, CBOR, no consumers, measured for
# 20 s after a 5 s warm-up. Override with the environment: DURATION=20s WARMUP=5s RECORD_SIZE=100
# RECORDS_PER_PUT=500 SHARDS=4 CONCURRENCY=8.
# Sluice runs durable (fsync on, the default) with throughput limits off. kinesalite 3 (npm) keeps its data in
# LevelDB on disk (--path), which does not sync each write. Needs curl and python3; kinesalite needs npm and node.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
RECORD_SIZE="${RECORD_SIZE:-100}"
RECORDS_PER_PUT="${RECORDS_PER_PUT:-500}"
SHARDS="${SHARDS:-4}"
CONCURRENCY="${CONCURRENCY:-8}"
KINESALITE_VERSION="3.3.3"

WORK="$(mktemp -d -t sluice-compare.XXXXXX)"
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

# waits until something answers HTTP on the port (any status), for up to 60 s
wait_for_port() {
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

# bench NAME PORT [options]: the same load against the endpoint on PORT, report in $WORK/NAME.json
bench() {
  local name="$1" port="$2"
  shift 2
  echo "== $name: $RECORDS_PER_PUT x $RECORD_SIZE B per put, $SHARDS shards, concurrency $CONCURRENCY," \
      "$DURATION after $WARMUP of warm-up" >&2
  "$ROOT/bin/sluice" bench --endpoint "http://127.0.0.1:$port" --stream compare --shards "$SHARDS" \
      --records-per-put "$RECORDS_PER_PUT" --record-size "$RECORD_SIZE" --concurrency "$CONCURRENCY" \
      --duration "$DURATION" --warmup "$WARMUP" --json-report "$WORK/$name.json" "$@" >&2
}

# bin/sluice builds the project first when it has not been built or its sources changed
"$ROOT/bin/sluice" --version >/dev/null

PORT="$(free_port)"
cat > "$WORK/sluice.properties" <<EOF
storage.fsync=true
limits.profile=off
streams.create-delay-ms=0
tls-port=-1
EOF
"$ROOT/bin/sluice" server --port "$PORT" --data-dir "$WORK/sluice-data" --config "$WORK/sluice.properties" \
    > "$WORK/sluice.log" 2>&1 &
SERVER_PID=$!
wait_for_port "$PORT" || { cat "$WORK/sluice.log" >&2; echo "Sluice did not start" >&2; exit 1; }
bench sluice "$PORT" "$@"
stop_server

KINESALITE=""
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "kinesalite: npm or node is missing; running Sluice alone" >&2
elif ! (cd "$WORK" && npm install --prefix "$WORK/kinesalite" --no-audit --no-fund --loglevel=error \
    "kinesalite@$KINESALITE_VERSION" > "$WORK/npm.log" 2>&1); then
  echo "kinesalite could not be installed from npm; running Sluice alone. npm said:" >&2
  tail -5 "$WORK/npm.log" >&2
else
  PORT="$(free_port)"
  node "$WORK/kinesalite/node_modules/kinesalite/cli.js" --port "$PORT" --path "$WORK/kinesalite-data" \
      --createStreamMs 0 --deleteStreamMs 0 --updateStreamMs 0 --shardLimit 1000 > "$WORK/kinesalite.log" 2>&1 &
  SERVER_PID=$!
  if wait_for_port "$PORT"; then
    bench kinesalite "$PORT" "$@"
    KINESALITE="$WORK/kinesalite.json"
  else
    echo "kinesalite did not start; running Sluice alone. It said:" >&2
    tail -5 "$WORK/kinesalite.log" >&2
  fi
  stop_server
fi

python3 - "$WORK/sluice.json" "$KINESALITE" <<'EOF'
import json, sys

def row(path):
    report = json.load(open(path))
    produced = report["produced"]
    latency = produced.get("putLatencyMs") or {}
    return report, [produced["recordsPerSecond"], produced["mibPerSecond"], latency.get("p50", 0),
                    latency.get("p99", 0), latency.get("p999", 0),
                    produced["failedCalls"] + produced["recordsThrottled"]]

sluice, s = row(sys.argv[1])
rows = [("Sluice (fsync on)", s)]
if sys.argv[2]:
    rows.append(("kinesalite (LevelDB, no fsync)", row(sys.argv[2])[1]))
setup = sluice["setup"]
print(f"\n{setup['operation']} of {setup['recordsPerPut']} x {setup['recordSize']} B, {setup['shards']} shards, "
      f"concurrency {setup['concurrency']}, {setup['format']}, {sluice['produced']['seconds']:.0f} s, {sluice['date']}")
header = ["endpoint", "records/s", "MiB/s", "put p50 ms", "put p99 ms", "put p99.9 ms", "errors+throttled"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for name, values in rows:
    print(f"| {name} | {values[0]:,.0f} | {values[1]:.2f} | {values[2]:.1f} | {values[3]:.1f} | {values[4]:.1f} "
          f"| {values[5]:,} |")
if len(rows) == 2:
    k = rows[1][1]
    ratio = lambda a, b: f"{a / b:.2f}x" if b else "n/a"
    print(f"| Sluice / kinesalite | {ratio(s[0], k[0])} | {ratio(s[1], k[1])} | {ratio(s[2], k[2])} "
          f"| {ratio(s[3], k[3])} | {ratio(s[4], k[4])} | |")
EOF
