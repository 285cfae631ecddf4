// The server page: version, uptime, backend and data directory, bytes on disk per stream, fsync, limits,
// authentication and the metrics endpoint.
import { h, mount, fmtBytes, fmtTime } from './dom.js';
import { sluice } from './api.js';
import { attempt } from './ui.js';

export async function render(main) {
  const s = await attempt(() => sluice('DescribeServer'));
  if (!s) return;
  const kv = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  const days = Math.floor(s.UptimeSeconds / 86400);
  const uptime = `${days ? days + ' d ' : ''}${new Date(s.UptimeSeconds * 1000).toISOString().slice(11, 19)}`;
  const limits = s.Limits.Enabled
    ? `${fmtBytes(s.Limits.WriteBytesPerSecondPerShard)}/s and ${s.Limits.WriteRecordsPerSecondPerShard} records/s `
      + `written, ${fmtBytes(s.Limits.ReadBytesPerSecondPerShard)}/s and ${s.Limits.ReadCallsPerSecondPerShard} calls/s `
      + `read per shard; ${s.Limits.UpdateShardCountPerDay} UpdateShardCount a day`
    : 'off';
  mount(main, h('h1', {}, 'Server'),
    h('section.panel#server-facts', {}, h('dl.kv', {},
      kv('Version', h('span#server-version', {}, s.Version)), kv('Started', fmtTime(s.StartedAt)),
      kv('Uptime', uptime), kv('Backend', s.Backend), kv('Data directory', s.DataDirectory),
      kv('fsync', s.Fsync ? 'on: each acknowledged write is on disk' : 'off'), kv('Limits', limits),
      kv('Authentication', s.SignedCallsRequired ? 'signed calls of the credentials file\'s users' : 'open (loopback)'),
      kv('Account / region', `${s.Account} / ${s.Region}`),
      kv('Metrics', h('a', { href: s.MetricsEndpoint }, s.MetricsEndpoint)))),
    h('h2', {}, 'Streams on disk'),
    h('table#disk', { 'aria-label': 'Bytes on disk per stream' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Stream'), h('th', { scope: 'col' }, 'On disk'))),
      h('tbody', {}, s.Streams.map(x => h('tr', {}, h('td', {}, x.StreamName),
        h('td', {}, x.BytesOnDisk === undefined ? 'in Kafka' : fmtBytes(x.BytesOnDisk)))))));
}
