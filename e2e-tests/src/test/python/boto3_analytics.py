"""boto3 against Sluice's Kinesis Data Analytics (SQL) API: the getting-started stock ticker application end to end,
a tumbling-window count, a reference-data join, schema discovery and the API's errors.

Usage: boto3_analytics.py <sluice endpoint>
The reference object s3://ticker-reference/companies.csv must exist in the server's object store.
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import json
import random
import sys
import time

import boto3
from botocore.exceptions import ClientError

from checks import check, passed

endpoint = sys.argv[1]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
               aws_secret_access_key="local")
kinesis = boto3.client("kinesis", **session)
analytics = boto3.client("kinesisanalytics", **session)
ROLE = "arn:aws:iam::000000000000:role/kda"


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def wait_for(what, get, done, seconds=30):
    deadline = time.time() + seconds
    value = get()
    while not done(value):
        if time.time() > deadline:
            print("FAILED: timed out waiting for", what, value)
            sys.exit(1)
        time.sleep(0.2)
        value = get()
    return value


def stream(name):
    kinesis.create_stream(StreamName=name, ShardCount=1)
    wait_for(name + " ACTIVE", lambda: kinesis.describe_stream_summary(StreamName=name)
             ["StreamDescriptionSummary"]["StreamStatus"], lambda s: s == "ACTIVE")
    return kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]


def status(app):
    return analytics.describe_application(ApplicationName=app)["ApplicationDetail"]["ApplicationStatus"]


def read_all(name, expected, seconds=30):
    """Every record of the stream's only shard, waiting until there are at least `expected`."""
    shard = kinesis.list_shards(StreamName=name)["Shards"][0]["ShardId"]
    iterator = kinesis.get_shard_iterator(StreamName=name, ShardId=shard,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    rows = []
    deadline = time.time() + seconds
    while True:
        answer = kinesis.get_records(ShardIterator=iterator, Limit=1000)
        rows += [json.loads(r["Data"]) for r in answer["Records"]]
        iterator = answer["NextShardIterator"]
        if not answer["Records"]:
            if len(rows) >= expected or time.time() > deadline:
                return rows
            time.sleep(0.2)


TICKER_SCHEMA = {
    "RecordFormat": {"RecordFormatType": "JSON", "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
    "RecordEncoding": "UTF-8",
    "RecordColumns": [
        {"Name": "TICKER_SYMBOL", "SqlType": "VARCHAR(4)", "Mapping": "$.TICKER_SYMBOL"},
        {"Name": "SECTOR", "SqlType": "VARCHAR(16)", "Mapping": "$.SECTOR"},
        {"Name": "CHANGE", "SqlType": "REAL", "Mapping": "$.CHANGE"},
        {"Name": "PRICE", "SqlType": "REAL", "Mapping": "$.PRICE"},
    ],
}
TICKERS = [("AMZN", "TECHNOLOGY"), ("MSFT", "TECHNOLOGY"), ("XOM", "ENERGY"), ("JNJ", "HEALTHCARE")]


def ticks(n, seed):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        symbol, sector = rnd.choice(TICKERS)
        out.append({"TICKER_SYMBOL": symbol, "SECTOR": sector, "CHANGE": round(rnd.uniform(-5, 5), 2),
                    "PRICE": round(rnd.uniform(10, 500), 2)})
    return out


def put(name, records):
    for i in range(0, len(records), 100):
        batch = records[i:i + 100]
        answer = kinesis.put_records(StreamName=name, Records=[
            {"Data": json.dumps(r).encode(), "PartitionKey": r["TICKER_SYMBOL"]} for r in batch])
        check(answer["FailedRecordCount"] == 0, "put_records succeeded")


def application(name, code, source_arn, outputs, references=()):
    analytics.create_application(
        ApplicationName=name, ApplicationCode=code,
        Inputs=[{"NamePrefix": "SOURCE_SQL_STREAM", "InputSchema": TICKER_SCHEMA,
                 "KinesisStreamsInput": {"ResourceARN": source_arn, "RoleARN": ROLE}}],
        Outputs=[{"Name": stream_name, "KinesisStreamsOutput": {"ResourceARN": arn, "RoleARN": ROLE},
                  "DestinationSchema": {"RecordFormatType": "JSON"}} for stream_name, arn in outputs])
    detail = analytics.describe_application(ApplicationName=name)["ApplicationDetail"]
    version = detail["ApplicationVersionId"]
    for reference in references:
        analytics.add_application_reference_data_source(ApplicationName=name, CurrentApplicationVersionId=version,
                                                        ReferenceDataSource=reference)
        version += 1
    detail = analytics.describe_application(ApplicationName=name)["ApplicationDetail"]
    check(detail["ApplicationStatus"] == "READY", name + " is READY after create")
    input_id = detail["InputDescriptions"][0]["InputId"]
    analytics.start_application(ApplicationName=name, InputConfigurations=[
        {"Id": input_id, "InputStartingPositionConfiguration": {"InputStartingPosition": "NOW"}}])
    wait_for(name + " RUNNING", lambda: status(name), lambda s: s == "RUNNING")
    return detail


# 1. the getting-started application: a filter into a destination stream
source = stream("ticker-source")
destination = stream("ticker-tech")
counts = stream("ticker-counts")
joined = stream("ticker-joined")

TICKER_APP = """
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE,
                                                   price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol, sector, change, price
    FROM "SOURCE_SQL_STREAM_001"
    WHERE sector SIMILAR TO '%TECH%';
"""
detail = application("stock-ticker", TICKER_APP, source, [("DESTINATION_SQL_STREAM", destination)])
check(detail["InputDescriptions"][0]["InAppStreamNames"] == ["SOURCE_SQL_STREAM_001"], "in-application stream names")
check(detail["ApplicationARN"].endswith(":application/stock-ticker"), "application ARN")

# 2. a tumbling window: rows per ticker every two seconds
COUNT_APP = """
CREATE OR REPLACE STREAM "COUNTS" (ticker_symbol VARCHAR(4), ticks INTEGER);
CREATE OR REPLACE PUMP "COUNT_PUMP" AS INSERT INTO "COUNTS"
    SELECT STREAM ticker_symbol, COUNT(*) AS ticks
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);
"""
application("ticker-counts", COUNT_APP, source, [("COUNTS", counts)])

# 3. a reference-data join (the object is written by the test before this script runs)
JOIN_APP = """
CREATE OR REPLACE STREAM "NAMED" (ticker_symbol VARCHAR(4), company VARCHAR(32), price DOUBLE);
CREATE OR REPLACE PUMP "JOIN_PUMP" AS INSERT INTO "NAMED"
    SELECT STREAM s.ticker_symbol, c."Company", s.price
    FROM "SOURCE_SQL_STREAM_001" AS s LEFT JOIN "CompanyName" AS c ON s.ticker_symbol = c."Ticker";
"""
application("ticker-names", JOIN_APP, source, [("NAMED", joined)], references=[{
    "TableName": "CompanyName",
    "S3ReferenceDataSource": {"BucketARN": "arn:aws:s3:::ticker-reference", "FileKey": "companies.csv",
                              "ReferenceRoleARN": ROLE},
    "ReferenceSchema": {
        "RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {
            "CSVMappingParameters": {"RecordRowDelimiter": "\n", "RecordColumnDelimiter": ","}}},
        "RecordEncoding": "UTF-8",
        "RecordColumns": [{"Name": "Ticker", "SqlType": "VARCHAR(4)"}, {"Name": "Company", "SqlType": "VARCHAR(32)"}],
    }}])

sent = ticks(400, 7)
put("ticker-source", sent)

tech = [r for r in sent if "TECH" in r["SECTOR"]]
got = read_all("ticker-tech", len(tech))
check(len(got) == len(tech), "every TECH tick reached the destination (%d of %d)" % (len(got), len(tech)))
check([r["TICKER_SYMBOL"] for r in got] == [r["TICKER_SYMBOL"] for r in tech], "in order, and only TECH rows")
check(all(r["SECTOR"] == "TECHNOLOGY" for r in got), "sector column carried through")
check(abs(got[0]["PRICE"] - tech[0]["PRICE"]) < 0.01, "prices carried through")

expected = {}
for r in sent:
    expected[r["TICKER_SYMBOL"]] = expected.get(r["TICKER_SYMBOL"], 0) + 1
totals = {}
deadline = time.time() + 30
while totals != expected and time.time() < deadline:
    totals = {}
    for r in read_all("ticker-counts", 0, seconds=1):
        totals[r["TICKER_SYMBOL"]] = totals.get(r["TICKER_SYMBOL"], 0) + r["TICKS"]
    time.sleep(0.5)
check(totals == expected, "tumbling counts add up to what was sent: %s vs %s" % (totals, expected))

named = read_all("ticker-joined", len(sent))
check(len(named) == len(sent), "every tick joined (left join keeps all)")
companies = {"AMZN": "Amazon", "MSFT": "Microsoft", "XOM": "Exxon"}
check(all(r["COMPANY"] == companies.get(r["TICKER_SYMBOL"]) for r in named), "reference names joined, NULL for JNJ")

# schema discovery on the source stream
discovered = analytics.discover_input_schema(
    ResourceARN=source, RoleARN=ROLE, InputStartingPositionConfiguration={"InputStartingPosition": "TRIM_HORIZON"})
names = [c["Name"] for c in discovered["InputSchema"]["RecordColumns"]]
check(names == ["TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE"], "discovered columns " + str(names))
check(discovered["InputSchema"]["RecordFormat"]["RecordFormatType"] == "JSON", "discovered JSON")

# the API's errors
check(error_code(lambda: analytics.create_application(ApplicationName="broken", ApplicationCode="SELECT FROM;"))
      == "CodeValidationException", "bad SQL is refused at create")
check(error_code(lambda: analytics.describe_application(ApplicationName="missing")) == "ResourceNotFoundException",
      "unknown application")
check(error_code(lambda: analytics.create_application(ApplicationName="stock-ticker")) == "ResourceInUseException",
      "duplicate name")
version = analytics.describe_application(ApplicationName="stock-ticker")["ApplicationDetail"]["ApplicationVersionId"]
check(error_code(lambda: analytics.update_application(
    ApplicationName="stock-ticker", CurrentApplicationVersionId=version + 5,
    ApplicationUpdate={"ApplicationCodeUpdate": TICKER_APP})) == "ConcurrentModificationException", "stale version")
listed = [a["ApplicationName"] for a in analytics.list_applications()["ApplicationSummaries"]]
check(sorted(listed) == ["stock-ticker", "ticker-counts", "ticker-names"], "list " + str(listed))

for app in listed:
    analytics.stop_application(ApplicationName=app)
    wait_for(app + " READY", lambda: status(app), lambda s: s == "READY")
    created = analytics.describe_application(ApplicationName=app)["ApplicationDetail"]["CreateTimestamp"]
    analytics.delete_application(ApplicationName=app, CreateTimestamp=created)
wait_for("applications deleted", lambda: analytics.list_applications()["ApplicationSummaries"], lambda a: a == [])

print(passed(), "checks passed")
