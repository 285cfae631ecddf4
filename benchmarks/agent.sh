#!/usr/bin/env bash
# sluice agent: throughput and footprint, with Sluice on the same machine.
#
#   benchmarks/agent.sh        # LINES=3000000 WARMUP_LINES=1000000 RATE=1000 DURATION=90 SHARDS=8
#
# 1. Throughput: a file of LINES Apache common log lines of 200 bytes each is written first, then the agent
#    (LOGTOJSON COMMONAPACHELOG, START_OF_FILE, agent.json's other defaults) ships it to a stream of SHARDS shards.
#    Two rates are printed: the sustained one, over the lines sent after the first WARMUP_LINES (both JVMs have
#    compiled their hot code by then), and the whole run's, LINES over the time from the agent's start (its metrics
#    endpoint answering; the JVM's own start is left out) until that endpoint counts every record sent, which
#    includes the JIT compilation of the agent and of the freshly started server.
# 2. Footprint: a fresh agent tails a file that a writer appends RATE lines/s to for DURATION seconds; the agent's CPU
#    (user + system time from /proc, as % of one core) and its resident memory (VmRSS, the largest sampled) are
#    reported over the last two thirds of the run (the first third is the JVM warming up).
#
# Starts its own server (bin/sluice server, fsync on) with limits.profile=off: the agent, not the shards' AWS
# write limits, is measured. AGENT_JAVA_OPTS is the agent's SLUICE_JAVA_OPTS (bin/sluice gives the agent the serial
# collector and -Xmx128m unless told otherwise). Needs the AWS CLI and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES="${LINES:-3000000}"
WARMUP_LINES="${WARMUP_LINES:-1000000}"
RATE="${RATE:-1000}"
DURATION="${DURATION:-90}"
SHARDS="${SHARDS:-8}"
PORT="${PORT:-4597}"
METRICS_PORT="${METRICS_PORT:-4596}"
AGENT_JAVA_OPTS="${AGENT_JAVA_OPTS:-}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
WORK="$(mktemp -d -t sluice-agent-bench.XXXXXX)"
ENDPOINT="http://127.0.0.1:$PORT"
export AWS_ACCESS_KEY_ID=sluice AWS_SECRET_ACCESS_KEY=sluice AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "machine: $(nproc) cores; $(uptime)"
"$ROOT/bin/sluice" --version >/dev/null  # builds once, outside the measurements
printf 'limits.profile=off\n' >"$WORK/server.properties"
SLUICE_JAVA_OPTS="$SERVER_JAVA_OPTS" "$ROOT/bin/sluice" server --port "$PORT" --tls-port -1 --data-dir "$WORK/data" --config "$WORK/server.properties" \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
PIDS+=($SERVER)
for _ in $(seq 1 600); do
  curl -sf "$ENDPOINT/health" >/dev/null 2>&1 && break
  sleep 0.1
done
aws() { command aws --endpoint-url "$ENDPOINT" "$@"; }
aws kinesis create-stream --stream-name agent-bench --shard-count "$SHARDS"
aws kinesis wait stream-exists --stream-name agent-bench

# one Apache common log line of exactly 200 bytes with its newline
python3 - "$WORK/access.log" "$LINES" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    for i in range(n):
        head = '10.0.%d.%d - frank [10/Oct/2000:13:55:36 -0700] "GET /app/%08d/' % (i % 250, i % 200, i)
        tail = ' HTTP/1.1" 200 %d\n' % (1000 + i % 9000)
        f.write(head + "x" * (200 - len(head) - len(tail)) + tail)
PY

agent_json() {  # $1 file pattern, $2 checkpoint file
  cat <<JSON
{"kinesis.endpoint": "$ENDPOINT", "kinesis.region": "us-east-1", "awsAccessKeyId": "sluice",
 "awsSecretAccessKey": "sluice", "checkpointFile": "$2", "sluice.metricsPort": $METRICS_PORT,
 "flows": [{"filePattern": "$1", "kinesisStream": "agent-bench", "initialPosition": "START_OF_FILE",
            "dataProcessingOptions": [{"optionName": "LOGTOJSON", "logFormat": "COMMONAPACHELOG"}]}]}
JSON
}
sent() {
  curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" 2>/dev/null \
    | awk '/^agent_records_sent_total/ {s += $2} END {printf "%d", s}'
}

ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system CPU of a process, in clock ticks

# 1. throughput
agent_json "$WORK/access.log" "$WORK/checkpoints-1" >"$WORK/agent-1.json"
SLUICE_JAVA_OPTS="$AGENT_JAVA_OPTS" "$ROOT/bin/sluice" agent --config "$WORK/agent-1.json" >"$WORK/agent-1.log" 2>&1 &
AGENT=$!
PIDS+=($AGENT)
# the clock starts when the metrics endpoint answers: the agent opens it just before its readers start
until curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >/dev/null 2>&1; do
  kill -0 "$AGENT" 2>/dev/null || { echo "the agent exited:" >&2; cat "$WORK/agent-1.log" >&2; exit 1; }
  sleep 0.02
done
start=$(date +%s.%N)
agent_cpu0=$(ticks_of "$AGENT"); server_cpu0=$(ticks_of "$SERVER")
at_start=$(sent)
warm=""
while :; do
  n=$(sent)
  if [ -z "$warm" ] && [ "$n" -ge "$WARMUP_LINES" ]; then
    warm=$(date +%s.%N); warm_lines=$n; agent_cpuw=$(ticks_of "$AGENT"); server_cpuw=$(ticks_of "$SERVER")
  fi
  [ "$n" -ge "$LINES" ] && break
  sleep 0.05
done
end=$(date +%s.%N)
agent_cpu1=$(ticks_of "$AGENT"); server_cpu1=$(ticks_of "$SERVER")
kill "$AGENT"; wait "$AGENT" 2>/dev/null || true
python3 - "$start" "$warm" "$end" "$LINES" "$warm_lines" "$at_start" "$(getconf CLK_TCK)" \
  "$agent_cpu0" "$agent_cpuw" "$agent_cpu1" "$server_cpu0" "$server_cpuw" "$server_cpu1" <<'PY'
import sys
start, warm, end = (float(v) for v in sys.argv[1:4])
lines, warm_lines, at_start, tck = (int(v) for v in sys.argv[4:8])
a0, aw, a1, s0, sw, s1 = (int(v) for v in sys.argv[8:14])
def cpu(c0, c1, n):
    return (c1 - c0) / tck / (n / 1e6)
n = lines - warm_lines
print(f"sustained throughput: {n} lines of 200 B (LOGTOJSON) after the first {warm_lines} in {end - warm:.1f} s: "
      f"{n / (end - warm):,.0f} lines/s; CPU per million lines: agent {cpu(aw, a1, n):.1f} s, server {cpu(sw, s1, n):.1f} s")
print(f"whole run: {lines} lines in {end - start:.1f} s after the agent started ({at_start} already sent then): "
      f"{lines / (end - start):,.0f} lines/s; CPU per million lines: agent {cpu(a0, a1, lines):.1f} s, "
      f"server {cpu(s0, s1, lines):.1f} s")
PY

# 2. footprint at RATE lines/s
agent_json "$WORK/rate.log*" "$WORK/checkpoints-2" >"$WORK/agent-2.json"
: >"$WORK/rate.log"
SLUICE_JAVA_OPTS="$AGENT_JAVA_OPTS" "$ROOT/bin/sluice" agent --config "$WORK/agent-2.json" >"$WORK/agent-2.log" 2>&1 &
AGENT=$!
PIDS+=($AGENT)
python3 - "$WORK/access.log" "$WORK/rate.log" "$RATE" "$DURATION" <<'PY' &
import itertools, sys, time
src, dst, rate, duration = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = list(itertools.islice(open(src), rate))
with open(dst, "a") as out:
    start = time.time()
    for tick in range(duration * 10):
        out.write("".join(lines[(tick % 10) * rate // 10:((tick % 10) + 1) * rate // 10]))
        out.flush()
        time.sleep(max(0, start + (tick + 1) / 10 - time.time()))
PY
WRITER=$!
PIDS+=($WRITER)
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$AGENT/stat"; }
sleep $((DURATION / 3))
cpu0=$(cpu); t0=$(date +%s.%N); rss=0
while kill -0 "$WRITER" 2>/dev/null; do
  r=$(awk '/VmRSS/ {print $2}' "/proc/$AGENT/status"); [ "$r" -gt "$rss" ] && rss=$r
  sleep 1
done
cpu1=$(cpu); t1=$(date +%s.%N)
sleep 2
echo "records sent at $RATE lines/s: $(sent) of $((RATE * DURATION))"
python3 -c "import sys; c=(float(sys.argv[2])-float(sys.argv[1]))/int(sys.argv[5]); s=float(sys.argv[4])-float(sys.argv[3]); \
print(f'footprint at {int(sys.argv[7])} lines/s: CPU {100*c/s:.1f}% of one core over {s:.0f} s, RSS max {int(sys.argv[6])/1024:.0f} MB')" \
  "$cpu0" "$cpu1" "$t0" "$t1" "$ticks" "$rss" "$RATE"
echo "machine after: $(uptime)"
