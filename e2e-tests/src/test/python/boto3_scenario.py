"""The Data Streams core through boto3 (JSON 1.1), with client-side validation off so that the
server's own validation is what answers. Usage: python3 boto3_scenario.py http://127.0.0.1:PORT"""
import datetime
import sys
import time

import boto3
from botocore.config import Config

from checks import check, expect_error, passed


def main(endpoint):
    kinesis = boto3.client(
        "kinesis", endpoint_url=endpoint, region_name="eu-west-1",
        aws_access_key_id="AKIDBOTO3", aws_secret_access_key="secret",
        config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    name = f"boto3-{int(time.time() * 1000)}"

    kinesis.create_stream(StreamName=name, ShardCount=2)
    kinesis.get_waiter("stream_exists").wait(StreamName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    desc = kinesis.describe_stream(StreamName=name)["StreamDescription"]
    check(desc["StreamStatus"] == "ACTIVE", "stream is active")
    check(desc["StreamARN"] == f"arn:aws:kinesis:eu-west-1:000000000000:stream/{name}", "ARN has signing region")
    check(len(desc["Shards"]) == 2, "two shards")
    created = desc["StreamCreationTimestamp"]
    check(abs((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds()) < 60, "creation time")

    summary = kinesis.describe_stream_summary(StreamARN=desc["StreamARN"])["StreamDescriptionSummary"]
    check(summary["OpenShardCount"] == 2, "summary by ARN")
    check(name in kinesis.list_streams()["StreamNames"], "listed")

    put = kinesis.put_record(StreamName=name, Data=b"\x00\x01binary\xff", PartitionKey="pk-1")
    check(put["SequenceNumber"].isdigit(), "sequence number")
    batch = kinesis.put_records(StreamName=name, Records=[
        {"Data": f"r{i}".encode(), "PartitionKey": f"k{i}"} for i in range(50)])
    check(batch["FailedRecordCount"] == 0 and len(batch["Records"]) == 50, "put_records")

    shards = kinesis.list_shards(StreamName=name, MaxResults=1)
    check(len(shards["Shards"]) == 1 and "NextToken" in shards, "list_shards page 1")
    more = kinesis.list_shards(NextToken=shards["NextToken"])
    check(len(more["Shards"]) == 1 and "NextToken" not in more, "list_shards page 2")

    total = 0
    for shard in desc["Shards"]:
        it = kinesis.get_shard_iterator(StreamName=name, ShardId=shard["ShardId"],
                                        ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        got = kinesis.get_records(ShardIterator=it, Limit=1000)
        for record in got["Records"]:
            age = datetime.datetime.now(datetime.timezone.utc) - record["ApproximateArrivalTimestamp"]
            check(abs(age.total_seconds()) < 60, "arrival timestamp")
            if record["SequenceNumber"] == put["SequenceNumber"]:
                check(record["Data"] == b"\x00\x01binary\xff", "binary data intact")
        total += len(got["Records"])
        check(got["MillisBehindLatest"] == 0, "caught up")
    check(total == 51, f"read back 51 records, got {total}")

    at = kinesis.get_shard_iterator(StreamName=name, ShardId=put["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                    StartingSequenceNumber=put["SequenceNumber"])["ShardIterator"]
    check(kinesis.get_records(ShardIterator=at)["Records"][0]["SequenceNumber"] == put["SequenceNumber"], "AT_SEQ")
    ts = kinesis.get_shard_iterator(StreamName=name, ShardId=put["ShardId"], ShardIteratorType="AT_TIMESTAMP",
                                    Timestamp=datetime.datetime.now(datetime.timezone.utc)
                                    - datetime.timedelta(minutes=5))["ShardIterator"]
    check(len(kinesis.get_records(ShardIterator=ts)["Records"]) > 0, "AT_TIMESTAMP")

    kinesis.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=48)
    kinesis.decrease_stream_retention_period(StreamName=name, RetentionPeriodHours=24)

    expect_error("ResourceNotFoundException", kinesis.describe_stream, StreamName="no-such-stream")
    expect_error("ResourceInUseException", kinesis.create_stream, StreamName=name, ShardCount=1)
    expect_error("ValidationException", kinesis.put_record, StreamName=name, Data=b"x", PartitionKey="")
    expect_error("ValidationException", kinesis.put_record, StreamName=name, Data=b"x", PartitionKey="k" * 257)
    expect_error("ValidationException", kinesis.put_record, StreamName=name, Data=b"x" * (1024 * 1024 + 1),
                 PartitionKey="k")
    expect_error("ValidationException", kinesis.put_records, StreamName=name,
                 Records=[{"Data": b"x", "PartitionKey": "k"}] * 501)
    expect_error("ValidationException", kinesis.put_records, StreamName=name, Records=[])
    expect_error("ResourceNotFoundException", kinesis.get_shard_iterator, StreamName=name,
                 ShardId="shardId-000000000007", ShardIteratorType="LATEST")
    expect_error("InvalidArgumentException", kinesis.get_records, ShardIterator="garbage")
    expect_error("ValidationException", kinesis.get_records, ShardIterator=at, Limit=10001)
    expect_error("ValidationException", kinesis.create_stream, StreamName="bad/name", ShardCount=1)
    expect_error("ValidationException", kinesis.create_stream, StreamName=name + "-zero", ShardCount=0)

    kinesis.delete_stream(StreamName=name)
    kinesis.get_waiter("stream_not_exists").wait(StreamName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 20})
    print(f"boto3 scenario: {passed()} checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
