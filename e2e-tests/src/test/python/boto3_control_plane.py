"""The Data Streams control plane through boto3 (JSON 1.1): resharding, capacity modes, tags, encryption,
monitoring, record size, warm throughput, resource policies, limits and account settings, each with bad inputs.
Client-side validation is off. Usage: python3 boto3_control_plane.py http://127.0.0.1:PORT"""
import json
import sys
import time

import boto3
from botocore.config import Config

from checks import check, expect_error, passed


def main(endpoint):
    k = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="AKIDBOTO3", aws_secret_access_key="secret",
                     config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    name = f"cp-{int(time.time() * 1000)}"
    arn = f"arn:aws:kinesis:us-east-1:000000000000:stream/{name}"
    k.create_stream(StreamName=name, ShardCount=2, Tags={"team": "data"})

    # resharding
    shards = k.list_shards(StreamName=name)["Shards"]
    first = shards[0]
    start, end = int(first["HashKeyRange"]["StartingHashKey"]), int(first["HashKeyRange"]["EndingHashKey"])
    k.split_shard(StreamName=name, ShardToSplit=first["ShardId"], NewStartingHashKey=str((start + end) // 2))
    open_shards = k.list_shards(StreamName=name, ShardFilter={"Type": "AT_LATEST"})["Shards"]
    check(len(open_shards) == 3, "split opens two children")
    check(all("ParentShardId" in s for s in open_shards if s["ShardId"] != shards[1]["ShardId"]), "lineage")
    expect_error("InvalidArgumentException", k.split_shard, StreamName=name, ShardToSplit=open_shards[0]["ShardId"],
                 NewStartingHashKey=open_shards[0]["HashKeyRange"]["StartingHashKey"])
    expect_error("ResourceNotFoundException", k.split_shard, StreamName=name, ShardToSplit="shardId-000000000099",
                 NewStartingHashKey="5")
    expect_error("ValidationException", k.split_shard, StreamName=name, ShardToSplit=open_shards[0]["ShardId"],
                 NewStartingHashKey="-1")
    ordered = sorted(open_shards, key=lambda s: int(s["HashKeyRange"]["StartingHashKey"]))
    expect_error("InvalidArgumentException", k.merge_shards, StreamName=name, ShardToMerge=ordered[0]["ShardId"],
                 AdjacentShardToMerge=ordered[2]["ShardId"])
    k.merge_shards(StreamName=name, ShardToMerge=ordered[0]["ShardId"], AdjacentShardToMerge=ordered[1]["ShardId"])
    check(len(k.list_shards(StreamName=name, ShardFilter={"Type": "AT_LATEST"})["Shards"]) == 2, "merge")
    out = k.update_shard_count(StreamName=name, TargetShardCount=4, ScalingType="UNIFORM_SCALING")
    check(out["CurrentShardCount"] == 2 and out["TargetShardCount"] == 4, "update_shard_count output")
    check(k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["OpenShardCount"] == 4, "4 open")
    expect_error("InvalidArgumentException", k.update_shard_count, StreamName=name, TargetShardCount=9,
                 ScalingType="UNIFORM_SCALING")
    expect_error("ValidationException", k.update_shard_count, StreamName=name, TargetShardCount=3,
                 ScalingType="SIDEWAYS")

    # tags
    k.add_tags_to_stream(StreamName=name, Tags={"env": "dev"})
    tags = k.list_tags_for_stream(StreamName=name)
    check([t["Key"] for t in tags["Tags"]] == ["env", "team"] and not tags["HasMoreTags"], "tags listed")
    k.remove_tags_from_stream(StreamName=name, TagKeys=["env"])
    k.tag_resource(ResourceARN=arn, Tags={"owner": "me"})
    k.untag_resource(ResourceARN=arn, TagKeys=["team"])
    check(k.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "owner", "Value": "me"}], "by ARN")
    expect_error("ValidationException", k.add_tags_to_stream, StreamName=name, Tags={})
    expect_error("InvalidArgumentException", k.add_tags_to_stream, StreamName=name,
                 Tags={f"k{i}": "v" for i in range(60)})

    # enhanced monitoring
    on = k.enable_enhanced_monitoring(StreamName=name, ShardLevelMetrics=["ALL"])
    check(len(on["DesiredShardLevelMetrics"]) == 7, "ALL expands to seven metrics")
    off = k.disable_enhanced_monitoring(StreamName=name, ShardLevelMetrics=["IncomingBytes"])
    check("IncomingBytes" not in off["DesiredShardLevelMetrics"], "disable one")
    expect_error("ValidationException", k.enable_enhanced_monitoring, StreamName=name,
                 ShardLevelMetrics=["NotAMetric"])

    # encryption
    k.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
    put = k.put_record(StreamName=name, Data=b"secret", PartitionKey="p")
    check(put["EncryptionType"] == "KMS", "put reports KMS")
    check(k.describe_stream(StreamName=name)["StreamDescription"]["EncryptionType"] == "KMS", "stream says KMS")
    expect_error("KMSNotFoundException", k.start_stream_encryption, StreamName=name, EncryptionType="KMS",
                 KeyId="alias/nope")
    expect_error("ValidationException", k.stop_stream_encryption, StreamName=name, EncryptionType="AES",
                 KeyId="alias/aws/kinesis")
    k.stop_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
    it = k.get_shard_iterator(StreamName=name, ShardId=put["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                              StartingSequenceNumber=put["SequenceNumber"])["ShardIterator"]
    record = k.get_records(ShardIterator=it)["Records"][0]
    check(record["Data"] == b"secret" and record["EncryptionType"] == "KMS", "decrypted on read")

    # record size, mode, warm throughput
    k.update_max_record_size(StreamARN=arn, MaxRecordSizeInKiB=2048)
    k.put_record(StreamName=name, Data=b"x" * (1536 * 1024), PartitionKey="big")
    expect_error("ValidationException", k.update_max_record_size, StreamARN=arn, MaxRecordSizeInKiB=20000)
    expect_error("InvalidArgumentException", k.update_stream_warm_throughput, StreamName=name, WarmThroughputMiBps=5)
    k.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "ON_DEMAND"})
    summary = k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    check(summary["StreamModeDetails"]["StreamMode"] == "ON_DEMAND", "mode switched")
    k.update_stream_warm_throughput(StreamName=name, WarmThroughputMiBps=5)
    expect_error("ValidationException", k.update_shard_count, StreamName=name, TargetShardCount=5,
                 ScalingType="UNIFORM_SCALING")
    expect_error("ValidationException", k.update_stream_mode, StreamARN=arn,
                 StreamModeDetails={"StreamMode": "SOMETIMES"})

    # resource policies
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kinesis:DescribeStreamSummary", "Resource": arn}]})
    k.put_resource_policy(ResourceARN=arn, Policy=policy)
    check(k.get_resource_policy(ResourceARN=arn)["Policy"] == policy, "policy stored")
    expect_error("InvalidArgumentException", k.put_resource_policy, ResourceARN=arn, Policy="not json")
    expect_error("ResourceNotFoundException", k.get_resource_policy,
                 ResourceARN="arn:aws:kinesis:us-east-1:000000000000:stream/nope")
    k.delete_resource_policy(ResourceARN=arn)

    # limits and account settings
    limits = k.describe_limits()
    check(limits["ShardLimit"] == 500 and limits["OnDemandStreamCount"] >= 1, "limits")
    settings = k.update_account_settings(MinimumThroughputBillingCommitment={"Status": "ENABLED"})
    check(settings["MinimumThroughputBillingCommitment"]["Status"] == "ENABLED", "commitment on")
    check(k.describe_account_settings()["MinimumThroughputBillingCommitment"]["Status"] == "ENABLED", "described")
    expect_error("ValidationException", k.update_account_settings,
                 MinimumThroughputBillingCommitment={"Status": "MAYBE"})

    k.delete_stream(StreamName=name)
    print(f"boto3 control-plane scenario: {passed()} checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
