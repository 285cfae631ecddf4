#!/usr/bin/env bash
# The Data Streams core through the AWS CLI (JSON 1.1), client-side validation off.
# Usage: cli_scenario.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[default]\nregion = us-west-2\nparameter_validation = false\nmax_attempts = 1\n' > "$work/config"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/none"
export AWS_ACCESS_KEY_ID=AKIDCLI AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
k() { aws --endpoint-url "$endpoint" kinesis "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); }

name="cli-$(date +%s%N)"
k create-stream --stream-name "$name" --shard-count 2
k wait stream-exists --stream-name "$name"
[ "$(k describe-stream-summary --stream-name "$name" --query StreamDescriptionSummary.OpenShardCount --output text)" = 2 ] || fail "open shard count"; ok
arn=$(k describe-stream --stream-name "$name" --query StreamDescription.StreamARN --output text)
[ "$arn" = "arn:aws:kinesis:us-west-2:000000000000:stream/$name" ] || fail "arn $arn"; ok

shard=$(k put-record --stream-name "$name" --partition-key pk --data hello-cli --query ShardId --output text)
[ -n "$shard" ] || fail "put-record"; ok
failed=$(k put-records --stream-name "$name" --records Data=YQ==,PartitionKey=a Data=Yg==,PartitionKey=b --query FailedRecordCount --output text)
[ "$failed" = 0 ] || fail "put-records"; ok
it=$(k get-shard-iterator --stream-name "$name" --shard-id "$shard" --shard-iterator-type TRIM_HORIZON --query ShardIterator --output text)
data=$(k get-records --shard-iterator "$it" --query 'Records[0].Data' --output text)
# CLI v1 sends a blob argument's text as the bytes; get-records prints them base64-encoded.
[ "$data" = "$(printf hello-cli | base64)" ] || fail "get-records data $data"; ok
[ "$(k list-shards --stream-name "$name" --query 'length(Shards)' --output text)" = 2 ] || fail "list-shards"; ok
k list-streams --query StreamNames --output text | grep -q "$name" || fail "list-streams"; ok
k increase-stream-retention-period --stream-name "$name" --retention-period-hours 36
[ "$(k describe-stream-summary --stream-name "$name" --query StreamDescriptionSummary.RetentionPeriodHours --output text)" = 36 ] || fail "retention"; ok

err=$(k describe-stream --stream-name no-such-stream-cli 2>&1 || true)
echo "$err" | grep -q ResourceNotFoundException || fail "missing stream: $err"; ok
err=$(k put-record --stream-name "$name" --partition-key "" --data YQ== 2>&1 || true)
echo "$err" | grep -q ValidationException || fail "empty partition key: $err"; ok
err=$(k get-records --shard-iterator garbage 2>&1 || true)
echo "$err" | grep -q InvalidArgumentException || fail "garbage iterator: $err"; ok
err=$(k create-stream --stream-name "$name" --shard-count 1 2>&1 || true)
echo "$err" | grep -q ResourceInUseException || fail "duplicate: $err"; ok

k delete-stream --stream-name "$name"
for _ in $(seq 1 50); do
  k describe-stream-summary --stream-name "$name" >/dev/null 2>&1 || break
  sleep 0.2
done
k describe-stream-summary --stream-name "$name" >/dev/null 2>&1 && fail "stream still there after delete"; ok
echo "aws cli scenario: $checks checks passed"
