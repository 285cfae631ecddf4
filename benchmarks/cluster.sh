#!/usr/bin/env bash
# Cluster mode (issue 14), on one machine: one Kafka 4.4.0 broker (KRaft, combined broker and controller) and
# Sluice nodes on the kafka backend.
#
#   benchmarks/cluster.sh               # throughput, then failover
#   benchmarks/cluster.sh throughput    # DURATION=15s WARMUP=20s SIZES="100 1KiB" SHARDS=4 RECORDS_PER_PUT=500 CONCURRENCY=32
#                                       # DATA=unique (the bench's --data; repeated: the same data in every record)
#   benchmarks/cluster.sh failover
#   RUNS="one-node kafka" benchmarks/cluster.sh throughput   # a subset (without one-node, set PERF_RECORDS)
#   NODE_PROPS="kafka.linger.ms=2 kafka.compression.type=none" benchmarks/cluster.sh throughput   # extra node settings
#   SLUICE_JAVA_OPTS=... BROKER_JAVA_OPTS=... benchmarks/cluster.sh throughput   # extra JVM options (e.g. a profiler)
#
# throughput: for each record size, `sluice bench` puts records (PutRecords) for DURATION after WARMUP, then reads
# the stream it wrote from TRIM_HORIZON with one GetRecords loop per shard (--read-only), through
#   (a) the embedded backend (bin/sluice server, fsync on),
#   (b) one Sluice node on the kafka backend,
#   (c) two Sluice nodes on the kafka backend: one bench process per node at once, both on the same stream (each
#       with CONCURRENCY calls in flight); the figures are the sums of the two. Each node's reader reads the whole
#       stream, so reads count every record twice;
# The CPU column is the CPU time (user + system, from /proc) the Sluice process(es) and the broker spent per record
# put during the measured part of the ingest: it moves much less with the machine's load than records/s does. The
# last column is how busy the machine's cores were meanwhile (all processes; below 100 % the run is bound by
# latency, not CPU); for Kafka's tool it covers its whole run, warm-up included.
# And (d) Kafka's own org.apache.kafka.tools.ProducerPerformance at acks=all (idempotent) on the same broker, on a
# topic of SHARDS partitions, once with its defaults and once with the producer settings Sluice's nodes use (no
# compression, 256 KiB batches, linger 5 ms), then ConsumerPerformance reading that topic back.
#
# failover: two nodes; a fan-out subscription through node 1; `kill -9` of node 1; then the time until node 2's log
# says it owns all the task partitions (the killed node's background tasks run on node 2), until a
# SubscribeToShard through node 2 (same consumer, same shard) delivers a record put after the kill, and until the
# delivery streams whose delivery ran on node 1 have delivered a record put through node 2 after the kill into node
# 2's local directory.
#
# Sluice runs with throughput limits off. The broker is the kafka-testkit's BrokerMain (the broker's classpath that
# kafka-testkit's build writes), started here with a production-like JVM (1 GiB heap, G1, both JIT tiers); its
# topics have replication factor 1, so acks=all means the leader's log (page cache, no fsync: Kafka's default),
# while the embedded backend fsyncs each batch. Kafka's tools come from org.apache.kafka:kafka-tools 4.4.0,
# resolved by benchmarks/cluster/pom.xml (downloaded from Maven Central the first time).
# Builds what it needs first: bin/sluice builds the cli when sources changed; kafka-testkit is packaged if its
# classpath file is missing. Needs curl and python3. Prints the load average before each step. KEEP=1 keeps the
# working directory (reports, logs) instead of deleting it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-all}"
DURATION="${DURATION:-15s}"
# Three fresh JVMs (the bench, the node, and at the first run the broker) compile their hot paths at once on the
# machine's cores: with a 5 s warm-up the JIT compilers took much of the measured CPU (the node's CPU per record
# put was 5.0 µs after 5 s and 2.8 µs after 25 s, benchmarks/README.md).
WARMUP="${WARMUP:-20s}"
SIZES="${SIZES:-100 1KiB}"
SHARDS="${SHARDS:-4}"
RECORDS_PER_PUT="${RECORDS_PER_PUT:-500}"
# Calls in flight per bench process: 32 calls of 500 records are 16,000 records in flight, far fewer than Kafka's
# producer holds (its 32 MiB buffer); with 8 a node on one broker was bound by latency with the cores a third idle.
CONCURRENCY="${CONCURRENCY:-32}"
DATA="${DATA:-unique}"
RUNS="${RUNS:-embedded one-node two-nodes kafka}"   # which of the throughput runs to make
WORK="$(mktemp -d -t sluice-cluster.XXXXXX)"
SLUICE="$ROOT/bin/sluice"
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  exec 7>&- 2>/dev/null || true   # the broker halts and deletes its directory when this pipe closes
  if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log() { echo "== $* (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  echo $((t / 1000))
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

java_bin() {
  # shellcheck source=../bin/lib/java.sh
  . "$ROOT/bin/lib/java.sh"
  select_jdk >/dev/null
  echo "$JAVA_HOME/bin/java"
}

# ---- build -------------------------------------------------------------------------------------------------------
"$SLUICE" --version >/dev/null
JAVA="$(java_bin)"
BROKER_CLASSPATH_FILE="$ROOT/kafka-testkit/target/classes/io/sluice/kafka/testkit/broker.classpath"
if [ ! -f "$BROKER_CLASSPATH_FILE" ]; then
  (cd "$ROOT" && ./mvnw -B -q --no-transfer-progress -pl kafka-testkit -am package -DskipTests) >&2
fi
(cd "$ROOT" && ./mvnw -B -q --no-transfer-progress -f benchmarks/cluster/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$WORK/kafka-tools.classpath") >&2
KAFKA_TOOLS_CP="$(cat "$WORK/kafka-tools.classpath")"

# ---- the broker --------------------------------------------------------------------------------------------------
BROKER_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
BOOTSTRAP="127.0.0.1:$BROKER_PORT"
mkdir -p "$WORK/broker"
cat > "$WORK/broker/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$WORK/broker/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
cat > "$WORK/broker/log4j2.properties" <<'EOF'
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
EOF
mkfifo "$WORK/broker/stdin"
"$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true ${BROKER_JAVA_OPTS:-} \
    --enable-native-access=ALL-UNNAMED -Dlog4j2.configurationFile="$WORK/broker/log4j2.properties" \
    -cp "$ROOT/kafka-testkit/target/classes:$(cat "$BROKER_CLASSPATH_FILE")" io.sluice.kafka.testkit.BrokerMain \
    "$WORK/broker/server.properties" "$(python3 -c 'import base64, uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
    "$WORK/broker" < "$WORK/broker/stdin" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
PIDS+=($BROKER_PID)
exec 7> "$WORK/broker/stdin"
for _ in $(seq 1 600); do
  grep -q 'Kafka Server started' "$WORK/broker.log" && break
  sleep 0.1
done
grep -q 'Kafka Server started' "$WORK/broker.log" || { tail -30 "$WORK/broker.log" >&2; echo "no broker" >&2; exit 1; }
log "broker at $BOOTSTRAP"

kafka_tool() {
  local class="$1"
  shift
  "$JAVA" -Xmx512m -cp "$KAFKA_TOOLS_CP" "org.apache.kafka.tools.$class" "$@"
}

# ---- Sluice ------------------------------------------------------------------------------------------------------
head -c 32 /dev/urandom > "$WORK/master.key"
cat > "$WORK/sluice.properties" <<EOF
limits.profile=off
streams.create-delay-ms=0
tls-port=-1
EOF
cat > "$WORK/cluster.properties" <<EOF
limits.profile=off
streams.create-delay-ms=0
tls-port=-1
kms.master-key-file=$WORK/master.key
EOF
# NODE_PROPS: extra lines for the nodes' settings, e.g. NODE_PROPS='kafka.linger.ms=2' (client settings to compare)
if [ -n "${NODE_PROPS:-}" ]; then printf '%s\n' $NODE_PROPS >> "$WORK/cluster.properties"; fi

# start_server NAME PORT [options]: a server whose output goes to $WORK/NAME.log; waits for /health; sets LAST_PID
start_server() {
  local name="$1" port="$2"
  shift 2
  "$SLUICE" server --port "$port" --data-dir "$WORK/$name-data" "$@" > "$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && return 0
    kill -0 "$LAST_PID" 2>/dev/null || break
    sleep 0.05
  done
  tail -30 "$WORK/$name.log" >&2
  echo "$name did not start" >&2
  exit 1
}

start_node() {
  start_server "$1" "$2" --backend kafka --kafka-bootstrap "$BOOTSTRAP" --node-id "$1" \
      --config "$WORK/cluster.properties"
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# kinesis PORT ACTION JSON: one call; an open loopback server accepts any signature
kinesis() {
  curl -sS -f -X POST "http://127.0.0.1:$1/" \
      -H "X-Amz-Target: Kinesis_20131202.$2" -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0000' \
      -d "$3"
}

create_stream() {
  local port="$1" stream="$2" shards="$3"
  kinesis "$port" CreateStream "{\"StreamName\":\"$stream\",\"ShardCount\":$shards}" >/dev/null
  until kinesis "$port" DescribeStreamSummary "{\"StreamName\":\"$stream\"}" | grep -q '"ACTIVE"'; do
    sleep 0.1
  done
}

# bench NAME PORT STREAM [options]: report in $WORK/NAME.json, output in $WORK/NAME.txt
bench() {
  local name="$1" port="$2" stream="$3"
  shift 3
  "$SLUICE" bench --endpoint "http://127.0.0.1:$port" --stream "$stream" --shards "$SHARDS" \
      --records-per-put "$RECORDS_PER_PUT" --concurrency "$CONCURRENCY" --json-report "$WORK/$name.json" "$@" \
      > "$WORK/$name.txt" 2> "$WORK/$name.err"
}

# busy_idle: the machine's busy and idle clock ticks so far (all cores, from /proc/stat), as "busy idle"
busy_idle() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit}' /proc/stat
}

# ticks PID...: user + system CPU of the processes so far, in clock ticks
ticks() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}

seconds() { python3 -c "import sys; s = sys.argv[1]; print(float(s[:-2]) / 1000 if s.endswith('ms') else float(s.rstrip('s')))" "$1"; }

# write_and_read LABEL SIZE PORT...: the same stream written through every port at once, then read through each.
# SERVER_PIDS are the Sluice processes serving the ports: their CPU and the broker's during the measured part of
# the ingest (after the warm-up) go to $WORK/cpu.txt
write_and_read() {
  local label="$1" size="$2" stream="$1-${2,,}" port pid i pids=() server0 broker0 machine0 machine1
  shift 2
  create_stream "$1" "$stream" "$SHARDS"
  log "$label, $size: ingest through port(s) $*"
  i=0
  for port in "$@"; do
    bench "$stream-put-$i" "$port" "$stream" --record-size "$size" --data "$DATA" --warmup "$WARMUP" \
        --duration "$DURATION" &
    pids+=($!)
    i=$((i + 1))
  done
  sleep "$(seconds "$WARMUP")"
  server0=$(ticks $SERVER_PIDS); broker0=$(ticks "$BROKER_PID"); machine0=$(busy_idle)
  for pid in "${pids[@]}"; do wait "$pid"; done
  machine1=$(busy_idle)
  echo "$stream|$(($(ticks $SERVER_PIDS) - server0))|$(($(ticks "$BROKER_PID") - broker0))|$machine0|$machine1" \
      >> "$WORK/cpu.txt"
  log "$label, $size: read from trim_horizon through port(s) $*"
  i=0
  pids=()
  for port in "$@"; do
    # at most 20 s (the bench's default duration), so a slow reader may not reach the end: its rate still holds
    bench "$stream-read-$i" "$port" "$stream" --read-only --consumers polling --from trim_horizon &
    pids+=($!)
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  echo "$label|$size|$stream|$#" >> "$WORK/runs.txt"
}

kafka_perf() {
  local size="$1" bytes records topic machine0
  bytes=$(python3 -c "s='$1'; print(int(s[:-3]) * 1024 if s.endswith('KiB') else int(s))")
  # twice what one Sluice node took in 20 s at this size (the first quarter is Kafka's warm-up), so that a run
  # takes 10 to 40 s whatever the machine's load; PERF_RECORDS overrides it
  records="${PERF_RECORDS:-$(python3 -c "import json; r = json.load(open('$WORK/one-node-${size,,}-put-0.json'));
print(max(200000, int(r['produced']['recordsPerSecond'] * 40)))")}"
  for settings in defaults sluice; do
    topic="perf-$settings-$bytes"
    kafka_tool TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$topic" --partitions "$SHARDS" \
        --replication-factor 1 >/dev/null
    local props=(bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true)
    local keys=()
    if [ "$settings" = sluice ]; then
      # and keyed records, spread over the partitions by key as Sluice's are by hash key
      props+=(compression.type=none linger.ms=5 batch.size=262144 buffer.memory=134217728)
      keys=(--key-distribution random --record-key-range 1000000)
    fi
    log "kafka ProducerPerformance ($settings), $size: $records records"
    machine0=$(busy_idle)
    kafka_tool ProducerPerformance --topic "$topic" --num-records "$records" --record-size "$bytes" \
        --throughput -1 --warmup-records $((records / 4)) "${keys[@]}" --producer-props "${props[@]}" > "$WORK/perf-$settings-$bytes.txt" 2>&1
    echo "$machine0|$(busy_idle)" > "$WORK/perf-$settings-$bytes.machine"
    tail -1 "$WORK/perf-$settings-$bytes.txt" >&2
    log "kafka ConsumerPerformance ($settings), $size"
    kafka_tool ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$topic" --messages "$records" \
        --timeout 60000 > "$WORK/consume-$settings-$bytes.txt" 2>&1
    tail -2 "$WORK/consume-$settings-$bytes.txt" >&2
    echo "kafka ($settings)|$size|$settings-$bytes" >> "$WORK/perf.txt"
  done
}

throughput() {
  local size port1 port2 pid1 pid2
  : > "$WORK/runs.txt"
  : > "$WORK/perf.txt"
  : > "$WORK/cpu.txt"
  if [[ " $RUNS " == *" embedded "* ]]; then
    port1="$(free_port)"
    start_server embedded "$port1" --config "$WORK/sluice.properties"
    pid1="$LAST_PID"
    SERVER_PIDS="$pid1"
    for size in $SIZES; do write_and_read embedded "$size" "$port1"; done
    stop_pid "$pid1"
  fi
  if [[ " $RUNS " == *" one-node "* || " $RUNS " == *" two-nodes "* ]]; then
    port1="$(free_port)"
    start_node node1 "$port1"
    pid1="$LAST_PID"
    SERVER_PIDS="$pid1"
    if [[ " $RUNS " == *" one-node "* ]]; then
      for size in $SIZES; do write_and_read one-node "$size" "$port1"; done
    fi
    if [[ " $RUNS " == *" two-nodes "* ]]; then
      port2="$(free_port)"
      start_node node2 "$port2"
      pid2="$LAST_PID"
      SERVER_PIDS="$pid1 $pid2"
      for size in $SIZES; do write_and_read two-nodes "$size" "$port1" "$port2"; done
      stop_pid "$pid2"
    fi
    stop_pid "$pid1"
  fi
  if [[ " $RUNS " == *" kafka "* ]]; then
    for size in $SIZES; do kafka_perf "$size"; done
  fi
  summary
}

summary() {
  python3 - "$WORK" "$(seconds "$DURATION")" "$(getconf CLK_TCK)" <<'EOF'
import json, re, sys, glob, os
work, duration, tck = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
def busy_percent(before, after):
    """How busy the cores were between two busy_idle readings ("busy idle" clock ticks each)."""
    (busy0, idle0), (busy1, idle1) = (map(int, reading.split()) for reading in (before, after))
    return 100 * (busy1 - busy0) / (busy1 - busy0 + idle1 - idle0)

cpu = {}
for line in open(os.path.join(work, "cpu.txt")):
    stream, server, broker, before, after = line.strip().split("|")
    cpu[stream] = (int(server) / tck, int(broker) / tck, busy_percent(before, after))

def reports(pattern):
    return [json.load(open(p)) for p in sorted(glob.glob(os.path.join(work, pattern)))]

print("\n| run | record size | ingest records/s | ingest MiB/s | put p50 / p99 ms | read records/s | read MiB/s "
      "| CPU µs per record put: Sluice / broker | machine busy |")
print("|---|---|---|---|---|---|---|---|---|")
for line in open(os.path.join(work, "runs.txt")):
    label, size, stream, nodes = line.strip().split("|")
    puts = reports(f"{stream}-put-*.json")
    reads = reports(f"{stream}-read-*.json")
    rate = sum(r["produced"]["recordsPerSecond"] for r in puts)
    mib = sum(r["produced"]["mibPerSecond"] for r in puts)
    lat = " + ".join(f"{r['produced']['putLatencyMs']['p50']:.1f} / {r['produced']['putLatencyMs']['p99']:.1f}"
                     for r in puts)
    errors = sum(r["produced"]["failedCalls"] + r["produced"]["recordsThrottled"] for r in puts)
    read_rate = sum(r["consumed"]["recordsPerSecond"] for r in reads)
    read_mib = sum(r["consumed"]["mibPerSecond"] for r in reads)
    note = f" ({errors} failed or throttled)" if errors else ""
    server, broker, busy = cpu.get(stream, (float("nan"),) * 3)
    per = 1e6 / (rate * duration) if rate else float("nan")
    print(f"| {label} | {size} | {rate:,.0f}{note} | {mib:.1f} | {lat} | {read_rate:,.0f} | {read_mib:.1f} "
          f"| {server * per:.1f} / {broker * per:.1f} | {busy:.0f} % |")

for line in open(os.path.join(work, "perf.txt")):
    label, size, name = line.strip().split("|")
    produced = open(os.path.join(work, f"perf-{name}.txt")).read().strip().splitlines()[-1]
    m = re.search(r"([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency.*?(\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th", produced)
    consumed = open(os.path.join(work, f"consume-{name}.txt")).read().strip().splitlines()[-1].split(",")
    try:
        read_rate, read_mib = float(consumed[5]), float(consumed[3])
    except (IndexError, ValueError):
        read_rate = read_mib = float("nan")
    busy = f"{busy_percent(*open(os.path.join(work, f'perf-{name}.machine')).read().strip().split('|')):.0f} % (whole run)"
    if m:
        print(f"| {label} | {size} | {float(m[1]):,.0f} | {float(m[2]):.1f} | {m[4]} / {m[6]} | {read_rate:,.0f} | {read_mib:.1f} | | {busy} |")
    else:
        print(f"| {label} | {size} | {produced} | | | {read_rate:,.0f} | {read_mib:.1f} | | {busy} |")
EOF
}

# ---- failover ----------------------------------------------------------------------------------------------------
failover() {
  local port1 port2 pid1 arn consumer shard killed sub_pid attempt found t_tasks="" t_tasks_log t_sub="" i f t_delivery all
  port1="$(free_port)"
  port2="$(free_port)"
  start_node fnode1 "$port1"
  pid1="$LAST_PID"
  start_node fnode2 "$port2"
  # both nodes in the group: each owns part of the task partitions
  until grep -q 'node fnode2 now owns [1-9][0-9]* of' "$WORK/fnode2.log" \
      && [ "$(grep -o 'node fnode1 now owns [0-9]* of' "$WORK/fnode1.log" | tail -1 | grep -o '[0-9]* of')" != "32 of" ]; do
    sleep 0.1
  done
  create_stream "$port2" failover 1
  arn=$(kinesis "$port2" DescribeStreamSummary '{"StreamName":"failover"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["StreamDescriptionSummary"]["StreamARN"])')
  consumer=$(kinesis "$port2" RegisterStreamConsumer "{\"StreamARN\":\"$arn\",\"ConsumerName\":\"failover\"}" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["Consumer"]["ConsumerARN"])')
  until kinesis "$port2" DescribeStreamConsumer "{\"ConsumerARN\":\"$consumer\"}" | grep -q '"ACTIVE"'; do sleep 0.1; done
  shard=shardId-000000000000
  # a subscription through node 1, delivering
  subscribe "$port1" "$consumer" "$shard" "$WORK/sub1.out" &
  sub_pid=$!
  for i in $(seq 1 50); do
    kinesis "$port2" PutRecord "{\"StreamName\":\"failover\",\"PartitionKey\":\"before-$i\",\"Data\":\"AA==\"}" >/dev/null
    grep -aq "before-$i" "$WORK/sub1.out" 2>/dev/null && break
    sleep 0.1
  done
  grep -aq "before-" "$WORK/sub1.out" || { echo "the subscription through node 1 delivered nothing" >&2; exit 1; }
  grep 'now owns' "$WORK/fnode1.log" "$WORK/fnode2.log" | tail -2 >&2
  # delivery streams whose delivery runs on node 1: the node whose local directory got a stream's first object
  delivery_streams_before_kill "$port2"
  log "kill -9 of node 1 (pid $pid1)"
  killed=$(now_ms)
  kill -9 "$pid1"
  for f in $ON_NODE1; do
    firehose "$port2" PutRecord "{\"DeliveryStreamName\":\"$f\",\"Record\":{\"Data\":\"YWZ0ZXI=\"}}" >/dev/null
  done
  # the consumer notices its stream ended and subscribes again through node 2, as a KCL worker would; a put through
  # node 2 every 100 ms, until one arrives through the new subscription
  attempt=0
  found=""
  while [ -z "$found" ] && [ $(($(now_ms) - killed)) -lt 60000 ]; do
    attempt=$((attempt + 1))
    : > "$WORK/sub2.out"
    subscribe "$port2" "$consumer" "$shard" "$WORK/sub2.out" &
    sub_pid=$!
    for i in $(seq 1 30); do
      kinesis "$port2" PutRecord "{\"StreamName\":\"failover\",\"PartitionKey\":\"after-$attempt-$i\",\"Data\":\"AA==\"}" >/dev/null || true
      if grep -aq "after-$attempt-" "$WORK/sub2.out"; then found=yes; t_sub=$(($(now_ms) - killed)); break; fi
      [ -z "$t_tasks" ] && grep -q 'node fnode2 now owns 32 of 32' "$WORK/fnode2.log" && t_tasks=$(($(now_ms) - killed))
      kill -0 "$sub_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$sub_pid" 2>/dev/null || true
    wait "$sub_pid" 2>/dev/null || true
    [ -z "$found" ] && sleep 0.1
  done
  until [ -n "$t_tasks" ] || [ $(($(now_ms) - killed)) -gt 60000 ]; do
    grep -q 'node fnode2 now owns 32 of 32' "$WORK/fnode2.log" && t_tasks=$(($(now_ms) - killed))
    sleep 0.05
  done
  grep 'now owns' "$WORK/fnode2.log" | tail -1 >&2
  t_delivery=""
  if [ -n "$ON_NODE1" ]; then
    until [ -n "$t_delivery" ] || [ $(($(now_ms) - killed)) -gt 60000 ]; do
      all=yes
      for f in $ON_NODE1; do
        grep -rqs after "$WORK/fnode2-data/firehose/objects/failover/$f/" || { all=""; break; }
      done
      [ -n "$all" ] && t_delivery=$(($(now_ms) - killed))
      sleep 0.05
    done
  fi
  # the same from the log line's own time stamp, free of the polling interval
  t_tasks_log=$(grep 'node fnode2 now owns 32 of 32' "$WORK/fnode2.log" | head -1 | python3 -c "
import sys, datetime
line = sys.stdin.read().split()[0]
print(int(datetime.datetime.fromisoformat(line.replace('Z', '+00:00')).timestamp() * 1000) - $killed)")
  echo
  echo "failover after kill -9 of node 1 (task group session timeout 10 s), $(date -u '+%Y-%m-%d %H:%M UTC'):"
  echo "  node 2 owns all 32 task partitions after: ${t_tasks:-not within 60000} ms (polled every 100 ms;" \
      "${t_tasks_log:-?} ms by the time stamp of its log line)"
  echo "  SubscribeToShard through node 2 delivers a record put after the kill, after: ${t_sub:-not within 60000} ms" \
      "($attempt subscription attempt(s); the first made at once)"
  if [ -n "$ON_NODE1" ]; then
    echo "  delivery streams node 1 delivered ($ON_NODE1): a record put through node 2 after the kill is in node 2's" \
        "local directory after: ${t_delivery:-not within 60000} ms (all of them)"
  else
    echo "  delivery streams: none of the 8 had its delivery on node 1, nothing to fail over"
  fi
  head -c 300 "$WORK/sub2.out" | tr -c '[:print:]' '.' | head -c 300 >&2
  echo >&2
}

# firehose PORT ACTION JSON: one Firehose call, as kinesis does it
firehose() {
  curl -sS -f -X POST "http://127.0.0.1:$1/" \
      -H "X-Amz-Target: Firehose_20150804.$2" -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/firehose/aws4_request, SignedHeaders=host, Signature=0000' \
      -d "$3"
}

# delivery_streams_before_kill PORT: 8 DirectPut delivery streams to the local directory, one record each; sets
# ON_NODE1 to those whose first object node 1 wrote (their delivery task is on node 1)
delivery_streams_before_kill() {
  local port="$1" i
  ON_NODE1=""
  for i in $(seq 0 7); do
    firehose "$port" CreateDeliveryStream "{\"DeliveryStreamName\":\"f$i\",\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\",\"BucketARN\":\"arn:aws:s3:::failover\",\"Prefix\":\"f$i/\",\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":0}}}" >/dev/null
  done
  for i in $(seq 0 7); do
    until firehose "$port" DescribeDeliveryStream "{\"DeliveryStreamName\":\"f$i\"}" | grep -q '"ACTIVE"'; do sleep 0.1; done
    firehose "$port" PutRecord "{\"DeliveryStreamName\":\"f$i\",\"Record\":{\"Data\":\"YmVmb3Jl\"}}" >/dev/null
  done
  for i in $(seq 0 7); do
    for _ in $(seq 1 200); do
      if grep -rqs before "$WORK/fnode1-data/firehose/objects/failover/f$i/"; then ON_NODE1="$ON_NODE1 f$i"; break; fi
      grep -rqs before "$WORK/fnode2-data/firehose/objects/failover/f$i/" && break
      sleep 0.05
    done
  done
  ON_NODE1="${ON_NODE1# }"
}

# subscribe PORT CONSUMER SHARD FILE: a SubscribeToShard from LATEST whose event stream goes to FILE (at most 5 min)
subscribe() {
  curl -sS -N --max-time 300 -X POST "http://127.0.0.1:$1/" -o "$4" \
      -H 'X-Amz-Target: Kinesis_20131202.SubscribeToShard' -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0000' \
      -d "{\"ConsumerARN\":\"$2\",\"ShardId\":\"$3\",\"StartingPosition\":{\"Type\":\"LATEST\"}}" || true
}

echo "$(nproc) cores, $(uname -m), $("$JAVA" -version 2>&1 | head -1), $(date -u '+%Y-%m-%d %H:%M UTC')"
case "$MODE" in
  throughput) throughput ;;
  failover) failover ;;
  all) throughput; failover ;;
  *) echo "usage: $0 [throughput|failover|all]" >&2; exit 2 ;;
esac
