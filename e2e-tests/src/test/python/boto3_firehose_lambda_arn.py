"""boto3: a Firehose delivery stream whose Lambda processor is named by ARN is transformed through lambda.endpoint.

Usage: boto3_firehose_lambda_arn.py <sluice endpoint> <function ARN> <local objects directory>
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import os
import sys
import time

import boto3

sluice, function_arn, objects_dir = sys.argv[1:4]
firehose = boto3.client("firehose", endpoint_url=sluice, region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")
checks = 0


def check(condition, what):
    global checks
    if not condition:
        print("FAILED:", what)
        sys.exit(1)
    checks += 1


def delivered():
    root = os.path.join(objects_dir, "lambda-lake", "shouted")
    data = b""
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".tmp"):
                with open(os.path.join(directory, name), "rb") as f:
                    data += f.read()
    return data


firehose.create_delivery_stream(
    DeliveryStreamName="lambda-by-arn",
    DeliveryStreamType="DirectPut",
    ExtendedS3DestinationConfiguration={
        "RoleARN": "arn:aws:iam::000000000000:role/firehose",
        "BucketARN": "arn:aws:s3:::lambda-lake",
        "Prefix": "shouted/",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0},
        "ProcessingConfiguration": {"Enabled": True, "Processors": [{"Type": "Lambda", "Parameters": [
            {"ParameterName": "LambdaArn", "ParameterValue": function_arn},
            {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "0"}]}]},
    })
deadline = time.time() + 20
while firehose.describe_delivery_stream(DeliveryStreamName="lambda-by-arn")["DeliveryStreamDescription"][
        "DeliveryStreamStatus"] != "ACTIVE":
    check(time.time() < deadline, "ACTIVE in time")
    time.sleep(0.1)

sent = [("order-%d\n" % i).encode() for i in range(20)]
result = firehose.put_record_batch(DeliveryStreamName="lambda-by-arn", Records=[{"Data": d} for d in sent])
check(result["FailedPutCount"] == 0, "batch accepted")

expected = sorted(d.upper() for d in sent)
deadline = time.time() + 60
while sorted(delivered().splitlines(keepends=True)) != expected:
    check(time.time() < deadline, "the transformed records delivered in time; have " + repr(delivered()[:200]))
    time.sleep(0.2)
print(checks, "checks passed")
