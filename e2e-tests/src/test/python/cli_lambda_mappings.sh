#!/usr/bin/env bash
# Event source mappings through the AWS CLI's lambda commands (REST-JSON): create, get, list, update, delete, and
# an error's code. Usage: cli_lambda_mappings.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[default]\nregion = us-west-2\nmax_attempts = 1\n' > "$work/config"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/none"
export AWS_ACCESS_KEY_ID=AKIDCLI AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
k() { aws --endpoint-url "$endpoint" kinesis "$@"; }
l() { aws --endpoint-url "$endpoint" lambda "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); }

name="cli-esm-$(date +%s%N)"
k create-stream --stream-name "$name" --shard-count 1
k wait stream-exists --stream-name "$name"
arn=$(k describe-stream-summary --stream-name "$name" --query StreamDescriptionSummary.StreamARN --output text)

uuid=$(l create-event-source-mapping --function-name cli-fn --event-source-arn "$arn" --starting-position LATEST \
    --batch-size 25 --maximum-retry-attempts 2 --query UUID --output text)
[ -n "$uuid" ] || fail "create"; ok
[ "$(l get-event-source-mapping --uuid "$uuid" --query BatchSize --output text)" = 25 ] || fail "get"; ok
[ "$(l get-event-source-mapping --uuid "$uuid" --query FunctionArn --output text)" = \
  "arn:aws:lambda:us-west-2:000000000000:function:cli-fn" ] || fail "function ARN"; ok
l list-event-source-mappings --function-name cli-fn --query 'EventSourceMappings[].UUID' --output text \
    | grep -q "$uuid" || fail "list"; ok
for _ in $(seq 100); do
  state=$(l get-event-source-mapping --uuid "$uuid" --query State --output text)
  [ "$state" = Enabled ] && break
  sleep 0.1
done
[ "$state" = Enabled ] || fail "state $state"; ok
[ "$(l update-event-source-mapping --uuid "$uuid" --batch-size 7 --query BatchSize --output text)" = 7 ] \
    || fail "update"; ok
err=$(l create-event-source-mapping --function-name cli-fn --event-source-arn "$arn" --starting-position LATEST 2>&1 || true)
echo "$err" | grep -q "(ResourceConflictException)" || fail "duplicate: $err"; ok
err=$(l create-event-source-mapping --function-name cli-fn2 --event-source-arn "$arn" --starting-position LATEST \
    --maximum-record-age-in-seconds 10 2>&1 || true)
echo "$err" | grep -q "(InvalidParameterValueException)" || fail "record age: $err"; ok
[ "$(l delete-event-source-mapping --uuid "$uuid" --query State --output text)" = Deleting ] || fail "delete"; ok
for _ in $(seq 100); do
  err=$(l get-event-source-mapping --uuid "$uuid" 2>&1 || true)
  echo "$err" | grep -q "(ResourceNotFoundException)" && break
  sleep 0.1
done
echo "$err" | grep -q "(ResourceNotFoundException)" || fail "deleted mapping: $err"; ok
echo "$checks checks passed"
