// The KPL's aggregated record format: the magic bytes F3 89 9A C2, a protobuf AggregatedRecord, then the MD5 of
// the protobuf. A record that is not one is returned as it is. Only the fields the tail shows are read:
// partition_key_table (1), explicit_hash_key_table (2), records (3: partition_key_index 1, explicit_hash_key_index
// 2, data 3).
const MAGIC = [0xf3, 0x89, 0x9a, 0xc2];

export function deaggregate(bytes, partitionKey) {
  if (bytes.length < 4 + 16 || !MAGIC.every((b, i) => bytes[i] === b)) {
    return [{ data: bytes, partitionKey, subIndex: null }];
  }
  try {
    const message = bytes.subarray(4, bytes.length - 16);
    const keys = [];
    const records = [];
    for (const [field, value] of fields(message)) {
      if (field === 1) keys.push(new TextDecoder().decode(value));
      else if (field === 3) records.push(value);
    }
    return records.map((r, subIndex) => {
      let keyIndex = 0;
      let data = new Uint8Array(0);
      for (const [field, value] of fields(r)) {
        if (field === 1) keyIndex = value;
        else if (field === 3) data = value;
      }
      return { data, partitionKey: keys[keyIndex] ?? partitionKey, subIndex };
    });
  } catch {
    return [{ data: bytes, partitionKey, subIndex: null }];
  }
}

/** The fields of a protobuf message: [number, varint value or length-delimited bytes]. */
function* fields(bytes) {
  let at = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new Error('truncated');
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const wire = tag & 7;
    const number = Math.floor(tag / 8);
    if (wire === 0) yield [number, varint()];
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('truncated');
      yield [number, bytes.subarray(at, at + length)];
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error('unknown wire type');
  }
}
