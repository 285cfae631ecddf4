"""Enhanced fan-out through boto3: SubscribeToShard's event stream over HTTP/1.1 (chunked), every starting
position. Usage: python3 boto3_fanout.py http://127.0.0.1:PORT"""
import datetime
import sys
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from checks import check, passed


def collect(k, consumer_arn, position, expected):
    response = k.subscribe_to_shard(ConsumerARN=consumer_arn, ShardId="shardId-000000000000",
                                    StartingPosition=position)
    got = []
    for event in response["EventStream"]:
        records = event["SubscribeToShardEvent"]["Records"]
        got.extend(r["Data"].decode() for r in records)
        if len(got) >= expected:
            break
    response["EventStream"].close()
    return got


def main(endpoint):
    k = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="AKIDBOTO3", aws_secret_access_key="secret",
                     config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    name = f"fanout-{int(time.time() * 1000)}"
    arn = f"arn:aws:kinesis:us-east-1:000000000000:stream/{name}"
    k.create_stream(StreamName=name, ShardCount=1)
    for i in range(3):
        k.put_record(StreamName=name, Data=f"old-{i}".encode(), PartitionKey="k")
    # botocore sends timestamps in whole seconds: keep a whole second between the records
    time.sleep(1.1)
    between = datetime.datetime.now(datetime.timezone.utc)
    k.put_record(StreamName=name, Data=b"old-3", PartitionKey="k")

    consumers = [k.register_stream_consumer(StreamARN=arn, ConsumerName=f"c{i}")["Consumer"]["ConsumerARN"]
                 for i in range(4)]
    check(k.describe_stream_consumer(ConsumerARN=consumers[0])["ConsumerDescription"]["ConsumerStatus"]
          == "ACTIVE", "consumer active")
    check(collect(k, consumers[0], {"Type": "TRIM_HORIZON"}, 4) == ["old-0", "old-1", "old-2", "old-3"],
          "TRIM_HORIZON")
    check(collect(k, consumers[1], {"Type": "AT_TIMESTAMP", "Timestamp": between}, 1) == ["old-3"], "AT_TIMESTAMP")

    def produce():
        time.sleep(0.5)
        for i in range(5):
            k.put_record(StreamName=name, Data=f"new-{i}".encode(), PartitionKey="k")

    producer = threading.Thread(target=produce)
    producer.start()
    check(collect(k, consumers[2], {"Type": "LATEST"}, 5) == [f"new-{i}" for i in range(5)], "LATEST pushes")
    producer.join()

    try:
        k.subscribe_to_shard(ConsumerARN=consumers[3], ShardId="shardId-000000000009",
                             StartingPosition={"Type": "LATEST"})
        raise AssertionError("subscribed to a missing shard")
    except ClientError as e:
        check(e.response["Error"]["Code"] == "ResourceNotFoundException", "missing shard")
    try:
        k.subscribe_to_shard(ConsumerARN=arn + "/consumer/none:1", ShardId="shardId-000000000000",
                             StartingPosition={"Type": "LATEST"})
        raise AssertionError("subscribed with a missing consumer")
    except ClientError as e:
        check(e.response["Error"]["Code"] == "ResourceNotFoundException", "missing consumer")

    k.delete_stream(StreamName=name, EnforceConsumerDeletion=True)
    print(f"boto3 fan-out scenario: {passed()} checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
