"""A mapping whose function always fails, with MaximumRetryAttempts 0, sends each discarded batch's invocation record
to its on-failure destination: a Kinesis stream, and (on one node) a bucket of the store Firehose writes to.

Usage: boto3_lambda_on_failure.py <endpoint> <function> <objects directory, or - on a cluster>
Prints "checks passed" when every check holds.
"""
import glob
import json
import os
import sys
import time
import uuid

import boto3

from checks import check, passed

endpoint, function, objects = sys.argv[1], sys.argv[2], sys.argv[3]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
               aws_secret_access_key="local")
kinesis = boto3.client("kinesis", **session)
lam = boto3.client("lambda", **session)
run = uuid.uuid4().hex[:8]


def stream(name):
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=name, WaiterConfig={"Delay": 1})
    return kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]


def wait_for(what, get, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = get()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


source = stream(f"fail-src-{run}")
dead_letters = stream(f"fail-dlq-{run}")
mapping = lam.create_event_source_mapping(FunctionName=function, EventSourceArn=source,
                                          StartingPosition="TRIM_HORIZON", BatchSize=5, MaximumRetryAttempts=0,
                                          DestinationConfig={"OnFailure": {"Destination": dead_letters}})
for n in range(3):
    kinesis.put_record(StreamARN=source, PartitionKey="k", Data=f"record-{n}".encode())

iterator = kinesis.get_shard_iterator(StreamARN=dead_letters, ShardId="shardId-000000000000",
                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]


def dead_letter():
    global iterator
    answer = kinesis.get_records(ShardIterator=iterator)
    iterator = answer["NextShardIterator"]
    return answer["Records"]


records = wait_for("an invocation record in the destination stream", dead_letter)
record = json.loads(records[0]["Data"])
check(record["requestContext"]["condition"] == "RetryAttemptsExhausted", f"condition: {record['requestContext']}")
check(record["requestContext"]["functionArn"].endswith(":function:" + function), "the function's ARN")
info = record["KinesisBatchInfo"]
check(info["shardId"] == "shardId-000000000000" and info["streamArn"] == source, f"batch info: {info}")
check(info["batchSize"] >= 1 and info["startSequenceNumber"] <= info["endSequenceNumber"], f"batch: {info}")
check(records[0]["PartitionKey"] == "shardId-000000000000", "the shard id as partition key")

if objects != "-":
    # one node: it runs the mapping, so its LastProcessingResult is the poller's (in cluster mode each node
    # answers what its own pollers saw)
    result = wait_for("LastProcessingResult", lambda: lam.get_event_source_mapping(UUID=mapping["UUID"])[
        "LastProcessingResult"].startswith("PROBLEM") and "ok")
    check(result, "the mapping reports the function's failures")
    other = stream(f"fail-s3-{run}")
    bucket = f"esm-failures-{run}"
    s3_mapping = lam.create_event_source_mapping(FunctionName=function, EventSourceArn=other,
                                                 StartingPosition="TRIM_HORIZON", MaximumRetryAttempts=0,
                                                 DestinationConfig={"OnFailure": {
                                                     "Destination": f"arn:aws:s3:::{bucket}"}})
    kinesis.put_record(StreamARN=other, PartitionKey="k", Data=b"to-s3")
    pattern = os.path.join(objects, bucket, "aws", "lambda", s3_mapping["UUID"], "shardId-000000000000", "*", "*",
                           "*", "*")
    files = wait_for("an object in the bucket", lambda: glob.glob(pattern))
    with open(files[0]) as f:
        stored = json.load(f)
    check(stored["KinesisBatchInfo"]["streamArn"] == other, "the object is the invocation record")

print(passed(), "checks passed")
