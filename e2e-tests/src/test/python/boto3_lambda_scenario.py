"""The steps of the event source mapping scenario, driven by boto3 (the Java test orchestrates them and checks what
the function received).

Usage:
  boto3_lambda_scenario.py <endpoint> setup <stream> <function>   two shards, and a mapping from TRIM_HORIZON
  boto3_lambda_scenario.py <endpoint> put <stream> <from> <to>    records <from>..<to>-1 over 8 partition keys
  boto3_lambda_scenario.py <endpoint> split <stream>              splits the first open shard in two
Each prints "done" when it succeeded.
"""
import sys
import time

import boto3

endpoint, step, stream = sys.argv[1], sys.argv[2], sys.argv[3]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
               aws_secret_access_key="local")
kinesis = boto3.client("kinesis", **session)
lam = boto3.client("lambda", **session)
KEYS = 8


def wait_active():
    kinesis.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig={"Delay": 1})


if step == "setup":
    kinesis.create_stream(StreamName=stream, ShardCount=2)
    wait_active()
    arn = kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]["StreamARN"]
    mapping = lam.create_event_source_mapping(FunctionName=sys.argv[4], EventSourceArn=arn,
                                              StartingPosition="TRIM_HORIZON", BatchSize=10,
                                              MaximumBatchingWindowInSeconds=0)
    deadline = time.time() + 30
    while lam.get_event_source_mapping(UUID=mapping["UUID"])["State"] != "Enabled":
        if time.time() > deadline:
            raise AssertionError("the mapping did not become Enabled")
        time.sleep(0.1)
elif step == "put":
    first, end = int(sys.argv[4]), int(sys.argv[5])
    for start in range(first, end, 100):
        entries = [{"PartitionKey": f"key-{n % KEYS}", "Data": f"key-{n % KEYS}:{n}".encode()}
                   for n in range(start, min(start + 100, end))]
        # one request at a time, retrying only the records that failed, so each key's records go in order
        while entries:
            answer = kinesis.put_records(StreamName=stream, Records=entries)
            if answer["FailedRecordCount"] == 0:
                break
            failed_at = next(i for i, r in enumerate(answer["Records"]) if "ErrorCode" in r)
            entries = entries[failed_at:]
            time.sleep(0.2)
elif step == "split":
    shards = kinesis.list_shards(StreamName=stream)["Shards"]
    shard = next(s for s in shards if "EndingSequenceNumber" not in s["SequenceNumberRange"])
    low = int(shard["HashKeyRange"]["StartingHashKey"])
    high = int(shard["HashKeyRange"]["EndingHashKey"])
    kinesis.split_shard(StreamName=stream, ShardToSplit=shard["ShardId"], NewStartingHashKey=str((low + high) // 2))
    wait_active()
else:
    raise SystemExit("unknown step " + step)
print("done")
