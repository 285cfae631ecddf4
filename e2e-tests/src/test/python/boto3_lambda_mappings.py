"""boto3's lambda client against Sluice's event source mapping API: create, get, list (by function, by source,
paged), update, disable, tags, delete, and Lambda's errors with their codes and HTTP statuses.

Usage: boto3_lambda_mappings.py <sluice endpoint>
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import sys
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from checks import check, passed

endpoint = sys.argv[1]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
               aws_secret_access_key="local")
kinesis = boto3.client("kinesis", **session)
lam = boto3.client("lambda", config=Config(retries={"max_attempts": 1}), **session)


def expect(code, status, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        check(got == code, f"expected {code}, got {got}: {e}")
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        check(got_status == status, f"{code}: status {got_status}, expected {status}")
        check(e.response["Error"]["Message"], f"{code} has a message")
        return e
    raise AssertionError(f"expected {code}, the call succeeded: {kwargs}")


def wait_for(what, get, done, seconds=30):
    deadline = time.time() + seconds
    value = get()
    while not done(value):
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {value}")
        time.sleep(0.1)
        value = get()
    return value


def stream(name):
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=name, WaiterConfig={"Delay": 1})
    return kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]


run = uuid.uuid4().hex[:8]
source = stream(f"esm-src-{run}")
other = stream(f"esm-other-{run}")
dead_letters = stream(f"esm-dlq-{run}")
function = f"handler-{run}"

created = lam.create_event_source_mapping(
    FunctionName=function, EventSourceArn=source, StartingPosition="TRIM_HORIZON", BatchSize=50,
    MaximumBatchingWindowInSeconds=1, ParallelizationFactor=2, MaximumRetryAttempts=3,
    MaximumRecordAgeInSeconds=3600, BisectBatchOnFunctionError=True, FunctionResponseTypes=["ReportBatchItemFailures"],
    FilterCriteria={"Filters": [{"Pattern": '{"data": {"kind": ["order"]}}'}]},
    DestinationConfig={"OnFailure": {"Destination": dead_letters}}, Tags={"team": "data"})
check(created["ResponseMetadata"]["HTTPStatusCode"] == 202, "create answers 202")
mapping = created["UUID"]
check(created["State"] == "Creating", f"a new mapping is Creating: {created['State']}")
check(created["FunctionArn"] == f"arn:aws:lambda:us-east-1:000000000000:function:{function}",
      f"the function name becomes its ARN: {created['FunctionArn']}")
check(created["EventSourceArn"] == source, "event source")
check(created["BatchSize"] == 50 and created["MaximumBatchingWindowInSeconds"] == 1, "batching")
check(created["ParallelizationFactor"] == 2 and created["MaximumRetryAttempts"] == 3, "parallelism and retries")
check(created["MaximumRecordAgeInSeconds"] == 3600 and created["BisectBatchOnFunctionError"], "age and bisect")
check(created["FunctionResponseTypes"] == ["ReportBatchItemFailures"], "function response types")
check(created["FilterCriteria"]["Filters"][0]["Pattern"] == '{"data": {"kind": ["order"]}}', "filter pattern")
check(created["DestinationConfig"]["OnFailure"]["Destination"] == dead_letters, "on-failure destination")
check(created["StartingPosition"] == "TRIM_HORIZON", "starting position")
check(created["EventSourceMappingArn"] == f"arn:aws:lambda:us-east-1:000000000000:event-source-mapping:{mapping}",
      "mapping ARN")
check(created["LastModified"].year >= 2024, "LastModified is a date")

got = wait_for("Enabled", lambda: lam.get_event_source_mapping(UUID=mapping), lambda m: m["State"] == "Enabled")
check(got["UUID"] == mapping and got["StateTransitionReason"] == "USER_INITIATED", "get answers the mapping")
check(got["LastProcessingResult"], "LastProcessingResult is set")

second = lam.create_event_source_mapping(FunctionName=function, EventSourceArn=other, StartingPosition="LATEST",
                                         Enabled=False)
check(second["BatchSize"] == 100 and second["MaximumRetryAttempts"] == -1, "Lambda's defaults")
check(second["DestinationConfig"] == {"OnFailure": {}}, f"no destination: {second['DestinationConfig']}")

by_function = lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"]
check(sorted(m["UUID"] for m in by_function) == sorted([mapping, second["UUID"]]), "list by function")
by_source = lam.list_event_source_mappings(EventSourceArn=other)["EventSourceMappings"]
check([m["UUID"] for m in by_source] == [second["UUID"]], "list by source")
first_page = lam.list_event_source_mappings(FunctionName=function, MaxItems=1)
check(len(first_page["EventSourceMappings"]) == 1 and first_page.get("NextMarker"), "a page of one, and a marker")
next_page = lam.list_event_source_mappings(FunctionName=function, MaxItems=1, Marker=first_page["NextMarker"])
check(len(next_page["EventSourceMappings"]) == 1 and "NextMarker" not in next_page, "the last page")
check(next_page["EventSourceMappings"][0]["UUID"] != first_page["EventSourceMappings"][0]["UUID"], "pages differ")
paged = [m["UUID"] for page in lam.get_paginator("list_event_source_mappings").paginate(
    FunctionName=function, PaginationConfig={"PageSize": 1}) for m in page["EventSourceMappings"]]
check(sorted(paged) == sorted([mapping, second["UUID"]]), "boto3's paginator walks the markers")

updated = lam.update_event_source_mapping(UUID=mapping, BatchSize=10, FilterCriteria={},
                                          DestinationConfig={"OnFailure": {}})
check(updated["ResponseMetadata"]["HTTPStatusCode"] == 202, "update answers 202")
check(updated["BatchSize"] == 10, "batch size updated")
check("FilterCriteria" not in updated or not updated["FilterCriteria"].get("Filters"), "filters removed")
check(updated["DestinationConfig"] == {"OnFailure": {}}, "destination removed")
wait_for("Enabled after the update", lambda: lam.get_event_source_mapping(UUID=mapping),
         lambda m: m["State"] == "Enabled")
lam.update_event_source_mapping(UUID=mapping, Enabled=False)
wait_for("Disabled", lambda: lam.get_event_source_mapping(UUID=mapping), lambda m: m["State"] == "Disabled")

arn = got["EventSourceMappingArn"]
check(lam.list_tags(Resource=arn)["Tags"] == {"team": "data"}, "tags given at create")
tagged = lam.tag_resource(Resource=arn, Tags={"env": "test", "cost": "42"})
check(tagged["ResponseMetadata"]["HTTPStatusCode"] == 204, "tag answers 204")
check(lam.list_tags(Resource=arn)["Tags"] == {"team": "data", "env": "test", "cost": "42"}, "tags added")
untagged = lam.untag_resource(Resource=arn, TagKeys=["team", "cost"])
check(untagged["ResponseMetadata"]["HTTPStatusCode"] == 204, "untag answers 204")
check(lam.list_tags(Resource=arn)["Tags"] == {"env": "test"}, "tags removed")

missing = "00000000-0000-0000-0000-000000000000"
expect("ResourceNotFoundException", 404, lam.get_event_source_mapping, UUID=missing)
expect("ResourceNotFoundException", 404, lam.delete_event_source_mapping, UUID=missing)
expect("ResourceNotFoundException", 404, lam.list_tags,
       Resource=f"arn:aws:lambda:us-east-1:000000000000:event-source-mapping:{missing}")
expect("ResourceConflictException", 409, lam.create_event_source_mapping, FunctionName=function,
       EventSourceArn=source, StartingPosition="LATEST")
expect("InvalidParameterValueException", 400, lam.create_event_source_mapping, FunctionName=function,
       EventSourceArn=f"arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream-{run}",
       StartingPosition="LATEST")
expect("InvalidParameterValueException", 400, lam.create_event_source_mapping, FunctionName=f"f2-{run}",
       EventSourceArn=source, StartingPosition="LATEST", MaximumRecordAgeInSeconds=30)
expect("InvalidParameterValueException", 400, lam.create_event_source_mapping, FunctionName=f"f3-{run}",
       EventSourceArn=source, StartingPosition="LATEST",
       FilterCriteria={"Filters": [{"Pattern": "not a pattern"}]})
unvalidated = boto3.client("lambda", config=Config(parameter_validation=False, retries={"max_attempts": 1}),
                           **session)
expect("ValidationException", 400, unvalidated.create_event_source_mapping, FunctionName=f"f4-{run}",
       EventSourceArn=source, StartingPosition="LATEST", BatchSize=20000)
expect("InvalidParameterValueException", 400, lam.create_event_source_mapping, FunctionName=f"f5-{run}",
       EventSourceArn=source, StartingPosition="LATEST", ProvisionedPollerConfig={"MinimumPollers": 2})
expect("UnknownOperationException", 404, lam.list_functions)
expect("UnknownOperationException", 404, lam.invoke, FunctionName=function, Payload=b"{}")

deleted = lam.delete_event_source_mapping(UUID=mapping)
check(deleted["ResponseMetadata"]["HTTPStatusCode"] == 202, "delete answers 202")
check(deleted["State"] == "Deleting", f"a deleted mapping answers Deleting: {deleted['State']}")
wait_for("gone", lambda: [m["UUID"] for m in lam.list_event_source_mappings(FunctionName=function)[
    "EventSourceMappings"]], lambda uuids: mapping not in uuids)
expect("ResourceNotFoundException", 404, lam.get_event_source_mapping, UUID=mapping)
lam.delete_event_source_mapping(UUID=second["UUID"])

print(passed(), "checks passed")
