"""boto3: the Glue Data Catalog calls a team's scripts make to define the schema Firehose converts records with.

Usage: boto3_glue.py <sluice endpoint>
Prints "checks passed" when every check holds; exits non-zero on the first that does not.
"""
import sys

import boto3

from checks import check, expect_error, passed

sluice = sys.argv[1]
glue = boto3.client("glue", endpoint_url=sluice, region_name="us-east-1",
                    aws_access_key_id="local", aws_secret_access_key="local")

glue.create_database(DatabaseInput={"Name": "Analytics", "Description": "clickstream",
                                    "Parameters": {"team": "web"}}, Tags={"owner": "web"})
arn = "arn:aws:glue:us-east-1:000000000000:database/analytics"
glue.tag_resource(ResourceArn=arn, TagsToAdd={"env": "test"})
glue.untag_resource(ResourceArn=arn, TagsToRemove=["owner"])
check(glue.get_tags(ResourceArn=arn)["Tags"] == {"env": "test"}, "database tags")
database = glue.get_database(Name="analytics")["Database"]
check(database["Name"] == "analytics", "database names are stored lower-cased")
check(database["Parameters"] == {"team": "web"}, "database parameters")
check(database["CatalogId"] == "000000000000", "the catalogue is the account's")
check(any(d["Name"] == "analytics" for d in glue.get_databases()["DatabaseList"]), "get_databases lists it")

columns = [
    {"Name": "event_id", "Type": "string"},
    {"Name": "UserId", "Type": "bigint", "Comment": "who"},
    {"Name": "amount", "Type": "decimal(10,2)"},
    {"Name": "ts", "Type": "timestamp"},
    {"Name": "day", "Type": "date"},
    {"Name": "payload", "Type": "binary"},
    {"Name": "code", "Type": "char(3)"},
    {"Name": "label", "Type": "varchar(64)"},
    {"Name": "items", "Type": "array<struct<sku:string,qty:int>>"},
    {"Name": "attrs", "Type": "map<string,double>"},
]
glue.create_table(DatabaseName="analytics", TableInput={
    "Name": "clicks",
    "TableType": "EXTERNAL_TABLE",
    "Parameters": {"classification": "parquet"},
    "PartitionKeys": [{"Name": "dt", "Type": "string"}],
    "StorageDescriptor": {
        "Columns": columns,
        "Location": "s3://lake/clicks/",
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                      "Parameters": {"serialization.format": "1"}},
    },
})
table = glue.get_table(DatabaseName="analytics", Name="clicks")["Table"]
check(table["VersionId"] == "0", "a new table is version 0")
check([c["Name"] for c in table["StorageDescriptor"]["Columns"]][:3] == ["event_id", "userid", "amount"],
      "column names are lower-cased")
check(table["StorageDescriptor"]["Columns"][8]["Type"] == "array<struct<sku:string,qty:int>>", "nested type kept")
check(table["PartitionKeys"] == [{"Name": "dt", "Type": "string"}], "partition keys")
check(table["CreateTime"].year >= 2024, "create time is a timestamp")

columns.append({"Name": "referrer", "Type": "string"})
updated_input = dict(Name="clicks", TableType="EXTERNAL_TABLE",
                     StorageDescriptor={"Columns": columns, "Location": "s3://lake/clicks/"})
glue.update_table(DatabaseName="analytics", TableInput=updated_input)
glue.update_table(DatabaseName="analytics", TableInput=updated_input, SkipArchive=True)
versions = glue.get_table_versions(DatabaseName="analytics", TableName="clicks")["TableVersions"]
check(sorted(v["VersionId"] for v in versions) == ["0", "2"], "SkipArchive replaced version 1: %s" % versions)
old = glue.get_table_version(DatabaseName="analytics", TableName="clicks", VersionId="0")["TableVersion"]
check(len(old["Table"]["StorageDescriptor"]["Columns"]) == 10, "version 0 kept its columns")

paginator = glue.get_paginator("get_tables")
for i in range(3):
    glue.create_table(DatabaseName="analytics", TableInput={"Name": "t%d" % i, "StorageDescriptor": {
        "Columns": [{"Name": "a", "Type": "int"}]}})
names = [t["Name"] for page in paginator.paginate(DatabaseName="analytics", PaginationConfig={"PageSize": 2})
         for t in page["TableList"]]
check(names == ["clicks", "t0", "t1", "t2"], "paginated tables: %s" % names)

error = expect_error("InvalidInputException", glue.create_table, DatabaseName="analytics",
                     TableInput={"Name": "bad", "StorageDescriptor": {"Columns": [
                         {"Name": "a", "Type": "decimal(40,2)"}]}})
check("decimal precision must be 1 to 38" in error.response["Error"]["Message"], "the message says why")
expect_error("AlreadyExistsException", glue.create_database, DatabaseInput={"Name": "ANALYTICS"})
expect_error("EntityNotFoundException", glue.get_table, DatabaseName="analytics", Name="missing")
expect_error("EntityNotFoundException", glue.get_tables, DatabaseName="missing")
expect_error("ValidationException", glue.get_tables, DatabaseName="analytics", MaxResults=1000)

glue.delete_table(DatabaseName="analytics", Name="t0")
glue.delete_database(Name="analytics")
expect_error("EntityNotFoundException", glue.get_database, Name="analytics")
print(passed(), "checks passed")
