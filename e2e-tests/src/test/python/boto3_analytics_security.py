"""Kinesis Data Analytics behind the same checks as Kinesis, through boto3, against a server started with
src/test/resources/security/credentials.json: the kinesisanalytics:* actions are authorized like any other, and
starting an application needs what its role would need on its source and destination.
Usage: python3 boto3_analytics_security.py http://127.0.0.1:PORT"""
import sys
import time

import boto3
from botocore.config import Config

from checks import check, expect_error, passed

REGION = "ap-northeast-1"
ROLE = "arn:aws:iam::333333333333:role/kda"
CODE = """
CREATE OR REPLACE STREAM "OUT" (v VARCHAR(8));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM v FROM "SOURCE_SQL_STREAM_001";
"""


def client(endpoint, service, key, secret):
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key,
                        aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))


def main(endpoint):
    alice = client(endpoint, "kinesisanalytics", "AKIAALICE", "alice-secret")
    carol = client(endpoint, "kinesisanalytics", "AKIACAROL", "carol-secret")
    dave = client(endpoint, "kinesisanalytics", "AKIADAVE", "dave-secret")
    streams = client(endpoint, "kinesis", "AKIADAVE", "dave-secret")
    suffix = str(int(time.time() * 1000))
    arns = {}
    for role in ("in", "out"):
        name = f"kda-{role}-{suffix}"
        streams.create_stream(StreamName=name, ShardCount=1)
        arns[role] = f"arn:aws:kinesis:{REGION}:333333333333:stream/{name}"
    app = f"guarded-{suffix}"
    inputs = [{"NamePrefix": "SOURCE_SQL_STREAM", "KinesisStreamsInput": {"ResourceARN": arns["in"], "RoleARN": ROLE},
               "InputSchema": {"RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {
                   "CSVMappingParameters": {"RecordRowDelimiter": "\n", "RecordColumnDelimiter": ","}}},
                   "RecordEncoding": "UTF-8", "RecordColumns": [{"Name": "V", "SqlType": "VARCHAR(8)"}]}}]
    outputs = [{"Name": "OUT", "KinesisStreamsOutput": {"ResourceARN": arns["out"], "RoleARN": ROLE},
                "DestinationSchema": {"RecordFormatType": "CSV"}}]

    expect_error("AccessDeniedException", alice.list_applications)
    expect_error("AccessDeniedException", alice.create_application, ApplicationName=app, ApplicationCode=CODE)
    carol.create_application(ApplicationName=app, ApplicationCode=CODE, Inputs=inputs, Outputs=outputs)
    check(dave.describe_application(ApplicationName=app)["ApplicationDetail"]["ApplicationARN"]
          == f"arn:aws:kinesisanalytics:{REGION}:333333333333:application/{app}",
          "the application belongs to the callers' account and the signing region")
    start = dict(ApplicationName=app, InputConfigurations=[
        {"Id": "1.1", "InputStartingPositionConfiguration": {"InputStartingPosition": "NOW"}}])
    denied = expect_error("AccessDeniedException", carol.start_application, **start)
    check("kinesis:PutRecord" in str(denied) and arns["out"] in str(denied),
          "starting needs what the role would need on the destination: " + str(denied))
    check(dave.describe_application(ApplicationName=app)["ApplicationDetail"]["ApplicationStatus"] == "READY",
          "a refused start leaves the application READY")
    dave.start_application(**start)
    check(dave.describe_application(ApplicationName=app)["ApplicationDetail"]["ApplicationStatus"] == "RUNNING",
          "a caller who may read the source and write the destination starts it")
    dave.stop_application(ApplicationName=app)
    print(passed(), "checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
