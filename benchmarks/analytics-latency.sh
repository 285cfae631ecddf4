#!/usr/bin/env bash
# End-to-end latency of a Kinesis Data Analytics (SQL) filter application, measured by sluice bench: records are
# put to a source stream at RATE records/s, the application reads them (CSV: the bench's text header and a
# padding column), keeps those that pass its WHERE clause (all of them) and writes them to an output stream, and
# the bench's fan-out consumers read the output stream and report the latency from put to read.
#
#   benchmarks/analytics-latency.sh            # RATE=10000 DURATION=30s SHARDS=16 WARMUP=10s
#
# Starts its own server (bin/sluice server, fsync on, AWS limits) on a temporary data directory and port 4599.
# Needs the AWS CLI (the application is created with it, as a user would).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${RATE:-10000}"
DURATION="${DURATION:-30s}"
SHARDS="${SHARDS:-16}"
WARMUP="${WARMUP:-10s}"
PORT="${PORT:-4599}"
WORK="$(mktemp -d -t sluice-kda-latency.XXXXXX)"
ENDPOINT="http://127.0.0.1:$PORT"
export AWS_ACCESS_KEY_ID=sluice AWS_SECRET_ACCESS_KEY=sluice AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$ROOT/bin/sluice" server --port "$PORT" --tls-port -1 --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -sf "$ENDPOINT/health" >/dev/null 2>&1 && break
  sleep 0.1
done
aws() { command aws --endpoint-url "$ENDPOINT" "$@"; }

for stream in kda-latency-in kda-latency-out; do
  aws kinesis create-stream --stream-name "$stream" --shard-count "$SHARDS"
  aws kinesis wait stream-exists --stream-name "$stream"
done
IN_ARN=$(aws kinesis describe-stream-summary --stream-name kda-latency-in \
  --query StreamDescriptionSummary.StreamARN --output text)
OUT_ARN=$(aws kinesis describe-stream-summary --stream-name kda-latency-out \
  --query StreamDescriptionSummary.StreamARN --output text)
ROLE=arn:aws:iam::000000000000:role/kda
cat >"$WORK/app.sql" <<'SQL'
CREATE OR REPLACE STREAM "OUT_STREAM" ("HEADER" VARCHAR(48), "PAD" VARCHAR(64));
CREATE OR REPLACE PUMP "FILTER" AS INSERT INTO "OUT_STREAM"
    SELECT STREAM "HEADER", "PAD" FROM "SOURCE_SQL_STREAM_001" WHERE CHAR_LENGTH("PAD") > 0;
SQL
cat >"$WORK/inputs.json" <<JSON
[{"NamePrefix": "SOURCE_SQL_STREAM",
  "KinesisStreamsInput": {"ResourceARN": "$IN_ARN", "RoleARN": "$ROLE"},
  "InputSchema": {
    "RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {"CSVMappingParameters":
        {"RecordRowDelimiter": "\n", "RecordColumnDelimiter": ","}}},
    "RecordEncoding": "UTF-8",
    "RecordColumns": [{"Name": "HEADER", "SqlType": "VARCHAR(48)"}, {"Name": "PAD", "SqlType": "VARCHAR(64)"}]}}]
JSON
cat >"$WORK/outputs.json" <<JSON
[{"Name": "OUT_STREAM", "KinesisStreamsOutput": {"ResourceARN": "$OUT_ARN", "RoleARN": "$ROLE"},
  "DestinationSchema": {"RecordFormatType": "CSV"}}]
JSON
aws kinesisanalytics create-application --application-name kda-latency \
  --application-code "file://$WORK/app.sql" --inputs "file://$WORK/inputs.json" \
  --outputs "file://$WORK/outputs.json" >/dev/null
aws kinesisanalytics start-application --application-name kda-latency \
  --input-configurations 'Id=1.1,InputStartingPositionConfiguration={InputStartingPosition=NOW}'
until [ "$(aws kinesisanalytics describe-application --application-name kda-latency \
    --query ApplicationDetail.ApplicationStatus --output text)" = RUNNING ]; do sleep 0.2; done

"$ROOT/bin/sluice" bench --endpoint "$ENDPOINT" --stream kda-latency-in --read-stream kda-latency-out \
  --shards "$SHARDS" --payload text --record-size 100 --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
  --consumers fanout --records-per-put 100 --concurrency 8
