"""SigV4 and authorization through boto3, against a server started with
src/test/resources/security/credentials.json. Usage: python3 boto3_security.py http://127.0.0.1:PORT"""
import json
import sys
import time

import boto3
from botocore.config import Config

from checks import check, expect_error, passed


def client(endpoint, key, secret):
    return boto3.client("kinesis", endpoint_url=endpoint, region_name="ap-northeast-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=Config(parameter_validation=False, retries={"max_attempts": 1}))


def main(endpoint):
    alice = client(endpoint, "AKIAALICE", "alice-secret")
    bob = client(endpoint, "AKIABOB", "bob-secret")
    name = f"sec-{int(time.time() * 1000)}"
    arn = f"arn:aws:kinesis:ap-northeast-1:111111111111:stream/{name}"

    alice.create_stream(StreamName=name, ShardCount=1)
    check(alice.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"] == arn,
          "ARN carries the caller's account and the signing region")
    expect_error("UnrecognizedClientException", client(endpoint, "AKIAUNKNOWN", "x").list_streams)
    expect_error("InvalidSignatureException", client(endpoint, "AKIAALICE", "not-the-secret").list_streams)
    expect_error("AccessDeniedException", bob.describe_stream_summary, StreamARN=arn)
    alice.put_resource_policy(ResourceARN=arn, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "kinesis:DescribeStreamSummary",
        "Resource": arn}]}))
    check(bob.describe_stream_summary(StreamARN=arn)["StreamDescriptionSummary"]["StreamName"] == name,
          "cross-account read through the resource policy")
    bob.create_stream(StreamName=name, ShardCount=2)
    check(bob.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["OpenShardCount"] == 2,
          "same name, other account, other stream")
    expect_error("AccessDeniedException", bob.put_record, StreamName=name, Data=b"x", PartitionKey="k")
    expect_error("AccessDeniedException", bob.delete_stream, StreamName=name)
    alice.put_record(StreamName=name, Data=b"x", PartitionKey="k")
    print(f"boto3 security scenario: {passed()} checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
