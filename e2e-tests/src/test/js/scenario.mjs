// The Data Streams core through the AWS SDK for JavaScript v3, which speaks HTTP/2 (h2c) for every call.
// Usage: node scenario.mjs http://127.0.0.1:PORT
import {
  KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordCommand, PutRecordsCommand,
  ListShardsCommand, GetShardIteratorCommand, GetRecordsCommand, DeleteStreamCommand,
} from "@aws-sdk/client-kinesis";

let checks = 0;
const check = (condition, what) => { if (!condition) throw new Error(what); checks++; };
const kinesis = new KinesisClient({
  endpoint: process.argv[2], region: "ap-southeast-2", maxAttempts: 1,
  credentials: { accessKeyId: "AKIDJS", secretAccessKey: "secret" },
});
const name = `js-${Date.now()}`;
await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
const summary = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
check(summary.StreamStatus === "ACTIVE", "active");
check(summary.StreamARN === `arn:aws:kinesis:ap-southeast-2:000000000000:stream/${name}`, "ARN with region");
check(Math.abs(summary.StreamCreationTimestamp.getTime() - Date.now()) < 60000, "creation timestamp");
const put = await kinesis.send(new PutRecordCommand({
  StreamName: name, PartitionKey: "k", Data: new TextEncoder().encode("hello-js") }));
const batch = await kinesis.send(new PutRecordsCommand({ StreamName: name, Records: Array.from({ length: 20 },
  (_, i) => ({ PartitionKey: `p${i}`, Data: new TextEncoder().encode(`r${i}`) })) }));
check(batch.FailedRecordCount === 0 && batch.Records.length === 20, "put records");
check((await kinesis.send(new ListShardsCommand({ StreamName: name }))).Shards.length === 2, "two shards");
const it = await kinesis.send(new GetShardIteratorCommand({
  StreamName: name, ShardId: put.ShardId, ShardIteratorType: "AT_SEQUENCE_NUMBER",
  StartingSequenceNumber: put.SequenceNumber }));
const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
check(new TextDecoder().decode(got.Records[0].Data) === "hello-js", "data read back");
check(Math.abs(got.Records[0].ApproximateArrivalTimestamp.getTime() - Date.now()) < 60000, "arrival timestamp");
try {
  await kinesis.send(new GetRecordsCommand({ ShardIterator: "garbage" }));
  throw new Error("garbage iterator accepted");
} catch (e) {
  check(e.name === "InvalidArgumentException", `garbage iterator: ${e.name}`);
}
await kinesis.send(new DeleteStreamCommand({ StreamName: name }));
kinesis.destroy();
console.log(`js sdk scenario: ${checks} checks passed`);
