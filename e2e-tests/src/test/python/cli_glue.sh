#!/usr/bin/env bash
# The Glue Data Catalog through the AWS CLI (JSON 1.1): a database and a table defined as a team's scripts do, read
# back, and a bad column type answered with Glue's error.
# Usage: cli_glue.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[default]\nregion = us-east-1\nmax_attempts = 1\n' > "$work/config"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/none"
export AWS_ACCESS_KEY_ID=AKIDCLI AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
g() { aws --endpoint-url "$endpoint" glue "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); }

db="cli_$(date +%s%N)"
g create-database --database-input "{\"Name\":\"$db\",\"Description\":\"from the CLI\"}"
[ "$(g get-database --name "$db" --query Database.Description --output text)" = "from the CLI" ] || fail "database"; ok
g create-table --database-name "$db" --table-input '{"Name":"Events","TableType":"EXTERNAL_TABLE",
  "StorageDescriptor":{"Location":"s3://lake/events/","Columns":[{"Name":"Id","Type":"bigint"},
  {"Name":"attrs","Type":"map<string,struct<a:int,b:array<string>>>"}]}}'
[ "$(g get-table --database-name "$db" --name events --query 'Table.StorageDescriptor.Columns[1].Type' --output text)" \
  = "map<string,struct<a:int,b:array<string>>>" ] || fail "column type"; ok
[ "$(g get-tables --database-name "$db" --query 'length(TableList)' --output text)" = 1 ] || fail "get-tables"; ok
if out=$(g create-table --database-name "$db" --table-input \
    '{"Name":"bad","StorageDescriptor":{"Columns":[{"Name":"a","Type":"varchar(0)"}]}}' 2>&1); then
  fail "a bad type was accepted"
fi
case "$out" in *InvalidInputException*"length must be 1 to 65535"*) ok ;; *) fail "bad type error: $out" ;; esac
g delete-database --name "$db"
echo "$checks checks passed"
