"""boto3: CloudWatch Logs subscription payloads (gzip'd JSON) through a delivery stream with the Decompression and
CloudWatchLogProcessing processors: the log events' messages arrive one per line, the control message is dropped and
a record that is not gzip lands under decompression-failed/ of the error output prefix.

Usage: boto3_firehose_cloudwatch_logs.py <sluice endpoint> <local objects directory>
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import base64
import gzip
import json
import os
import sys
import time

import boto3

from checks import check, passed

sluice, objects_dir = sys.argv[1:3]
firehose = boto3.client("firehose", endpoint_url=sluice, region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")


def objects(prefix):
    root = os.path.join(objects_dir, "logs-lake", prefix)
    found = []
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".tmp"):
                with open(os.path.join(directory, name), "rb") as f:
                    found.append(f.read())
    return found


def subscription_payload(message_type, messages):
    """A payload shaped as CloudWatch Logs subscription filters send them to Firehose, gzip'd."""
    return gzip.compress(json.dumps({
        "messageType": message_type,
        "owner": "111122223333" if message_type == "DATA_MESSAGE" else "CloudwatchLogs",
        "logGroup": "/aws/lambda/checkout" if message_type == "DATA_MESSAGE" else "",
        "logStream": "2026/12/06/[$LATEST]9f8e7d6c5b4a39281706f5e4d3c2b1a0" if message_type == "DATA_MESSAGE" else "",
        "subscriptionFilters": ["to-firehose"] if message_type == "DATA_MESSAGE" else [],
        "logEvents": [{"id": str(36000000000000000000000000000000000000000000000000000000 + i),
                       "timestamp": 1765000000000 + i, "message": m} for i, m in enumerate(messages)],
    }).encode())


firehose.create_delivery_stream(
    DeliveryStreamName="cloudwatch-logs",
    ExtendedS3DestinationConfiguration={
        "RoleARN": "arn:aws:iam::000000000000:role/firehose",
        "BucketARN": "arn:aws:s3:::logs-lake",
        "Prefix": "events/",
        "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0},
        "ProcessingConfiguration": {"Enabled": True, "Processors": [
            {"Type": "Decompression", "Parameters": [{"ParameterName": "CompressionFormat", "ParameterValue": "GZIP"}]},
            {"Type": "CloudWatchLogProcessing", "Parameters": [
                {"ParameterName": "DataMessageExtraction", "ParameterValue": "true"}]}]},
    })
deadline = time.time() + 20
while firehose.describe_delivery_stream(DeliveryStreamName="cloudwatch-logs")["DeliveryStreamDescription"][
        "DeliveryStreamStatus"] != "ACTIVE":
    check(time.time() < deadline, "ACTIVE in time")
    time.sleep(0.1)

result = firehose.put_record_batch(DeliveryStreamName="cloudwatch-logs", Records=[
    {"Data": subscription_payload("CONTROL_MESSAGE", ["CWL CONTROL MESSAGE: Checking health of destination Firehose."])},
    {"Data": subscription_payload("DATA_MESSAGE", ["START RequestId: 42", '{"cart":7,"total":"19.99"}'])},
    {"Data": subscription_payload("DATA_MESSAGE", ["END RequestId: 42"])},
    {"Data": b"plain text, not gzip"},
])
check(result["FailedPutCount"] == 0, "batch accepted")

expected = b'START RequestId: 42\n{"cart":7,"total":"19.99"}\nEND RequestId: 42\n'
deadline = time.time() + 60
while b"".join(objects("events")) != expected or not objects("errors/decompression-failed"):
    check(time.time() < deadline, "delivered in time; have %r and errors %r"
          % (b"".join(objects("events"))[:300], objects("errors")))
    time.sleep(0.2)
error = json.loads(objects("errors/decompression-failed")[0].splitlines()[0])
check(base64.b64decode(error["rawData"]) == b"plain text, not gzip", "the failed record as it came")
check(error["errorCode"] == "Decompression.Failed", "error code: %s" % error)
check(b"CONTROL MESSAGE" not in b"".join(objects("events")), "the control message was dropped")
print(passed(), "checks passed")
