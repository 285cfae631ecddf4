"""boto3 against Sluice's Firehose API, delivering into an S3-compatible server.

Usage: boto3_firehose.py <sluice endpoint> <s3 endpoint> <s3 access key> <s3 secret key>
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import gzip
import re
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

sluice, s3_endpoint, s3_key, s3_secret = sys.argv[1:5]
firehose = boto3.client("firehose", endpoint_url=sluice, region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")
s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                  aws_access_key_id=s3_key, aws_secret_access_key=s3_secret,
                  config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required",
                                response_checksum_validation="when_required"))
ROLE = "arn:aws:iam::000000000000:role/firehose"
checks = 0


def check(condition, what):
    global checks
    if not condition:
        print("FAILED:", what)
        sys.exit(1)
    checks += 1


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def wait_for(what, get, done, seconds=20):
    deadline = time.time() + seconds
    value = get()
    while not done(value):
        if time.time() > deadline:
            print("FAILED: timed out waiting for", what, value)
            sys.exit(1)
        time.sleep(0.1)
        value = get()
    return value


s3.create_bucket(Bucket="boto3-lake")

arn = firehose.create_delivery_stream(
    DeliveryStreamName="boto3-orders",
    DeliveryStreamType="DirectPut",
    ExtendedS3DestinationConfiguration={
        "RoleARN": ROLE,
        "BucketARN": "arn:aws:s3:::boto3-lake",
        "Prefix": "orders/",
        "CompressionFormat": "GZIP",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0},
    },
    Tags=[{"Key": "team", "Value": "data"}],
)["DeliveryStreamARN"]
check(arn == "arn:aws:firehose:us-east-1:000000000000:deliverystream/boto3-orders", "the ARN")

status = wait_for("ACTIVE", lambda: firehose.describe_delivery_stream(DeliveryStreamName="boto3-orders")
                  ["DeliveryStreamDescription"]["DeliveryStreamStatus"], lambda s: s == "ACTIVE")
description = firehose.describe_delivery_stream(DeliveryStreamName="boto3-orders")["DeliveryStreamDescription"]
check(description["VersionId"] == "1", "version 1")
destination = description["Destinations"][0]["ExtendedS3DestinationDescription"]
check(destination["CompressionFormat"] == "GZIP", "compression described")
check(description["CreateTimestamp"].year >= 2024, "timestamps parse as dates")

names = firehose.list_delivery_streams()["DeliveryStreamNames"]
check("boto3-orders" in names, "listed")
check(firehose.list_tags_for_delivery_stream(DeliveryStreamName="boto3-orders")["Tags"]
      == [{"Key": "team", "Value": "data"}], "tags")

sent = [("order-%d\n" % i).encode() for i in range(50)]
result = firehose.put_record_batch(DeliveryStreamName="boto3-orders", Records=[{"Data": d} for d in sent])
check(result["FailedPutCount"] == 0, "batch accepted")
check(len(result["RequestResponses"]) == 50, "one answer per record")
single = firehose.put_record(DeliveryStreamName="boto3-orders", Record={"Data": b"last\n"})
check(single["RecordId"], "a record id")

objects = wait_for("objects", lambda: s3.list_objects_v2(Bucket="boto3-lake", Prefix="orders/").get("Contents", []),
                   lambda contents: sum(o["Size"] for o in contents) > 0 and
                   b"last\n" in b"".join(gzip.decompress(s3.get_object(Bucket="boto3-lake", Key=o["Key"])["Body"]
                                                         .read()) for o in contents))
delivered = b"".join(gzip.decompress(s3.get_object(Bucket="boto3-lake", Key=o["Key"])["Body"].read())
                     for o in sorted(objects, key=lambda o: o["Key"]))
# objects written in the same second sort by their random suffix, so compare the records, not the order of objects
check(sorted(delivered.splitlines()) == sorted(b"".join(sent + [b"last\n"]).splitlines()), "delivered what was sent")
for o in objects:
    check(re.fullmatch(r"orders/\d{4}/\d{2}/\d{2}/\d{2}/boto3-orders-1-\d{4}(-\d{2}){5}-[0-9a-f-]{36}\.gz", o["Key"]),
          "AWS's key naming: " + o["Key"])

check(error_code(lambda: firehose.update_destination(
    DeliveryStreamName="boto3-orders", CurrentDeliveryStreamVersionId="9",
    DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={"Prefix": "x/"}))
      == "ConcurrentModificationException", "a stale version is refused")
firehose.update_destination(DeliveryStreamName="boto3-orders", CurrentDeliveryStreamVersionId="1",
                            DestinationId="destinationId-000000000001",
                            ExtendedS3DestinationUpdate={"Prefix": "v2/"})
check(firehose.describe_delivery_stream(DeliveryStreamName="boto3-orders")["DeliveryStreamDescription"]
      ["VersionId"] == "2", "the update made version 2")

check(error_code(lambda: firehose.describe_delivery_stream(DeliveryStreamName="nope"))
      == "ResourceNotFoundException", "unknown stream")
check(error_code(lambda: firehose.create_delivery_stream(
    DeliveryStreamName="bad name", ExtendedS3DestinationConfiguration={
        "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::boto3-lake"})) == "ValidationException", "model validation")
check(error_code(lambda: firehose.create_delivery_stream(
    DeliveryStreamName="splunk", SplunkDestinationConfiguration={
        "HECEndpoint": "https://splunk", "HECEndpointType": "Raw",
        "SecretsManagerConfiguration": {"Enabled": True,
                                        "SecretARN": "arn:aws:secretsmanager:us-east-1:000000000000:secret:hec"},
        "S3Configuration": {"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::boto3-lake"}}))
      == "InvalidArgumentException", "a Splunk token from Secrets Manager is not supported yet")

firehose.start_delivery_stream_encryption(DeliveryStreamName="boto3-orders")
encryption = firehose.describe_delivery_stream(DeliveryStreamName="boto3-orders")["DeliveryStreamDescription"][
    "DeliveryStreamEncryptionConfiguration"]
check(encryption["Status"] in ("ENABLING", "ENABLED"), "encryption starts")

firehose.delete_delivery_stream(DeliveryStreamName="boto3-orders")
wait_for("deletion", lambda: error_code(lambda: firehose.describe_delivery_stream(DeliveryStreamName="boto3-orders")),
         lambda code: code == "ResourceNotFoundException")

print("%d checks passed" % checks)
