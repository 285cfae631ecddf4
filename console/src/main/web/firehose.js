// Firehose delivery streams: status, destination, buffering hints and an estimate of the buffer's fill (bytes
// that came in since the last delivery, from the sampled metrics), incoming rate, last delivery and its result,
// the failure Firehose reports, and each delivery stream's newest error records (read back from its destination's
// error output: processing-failed/, http-endpoint-failed/...) with their errorCode and errorMessage.
import { h, mount, fmtTime, fmtBytes } from './dom.js';
import { firehose, sluice } from './api.js';
import { sparkline } from './charts.js';
import { attempt } from './ui.js';

export async function render(main) {
  const body = h('tbody');
  const errors = h('div#error-records');
  mount(main, h('h1', {}, 'Firehose delivery streams'),
    h('table#delivery-streams', { 'aria-label': 'Delivery streams' },
      h('thead', {}, h('tr', {}, ['Name', 'Status', 'Source', 'Destination', 'Buffering hints', 'Buffer fill (estimated)', 'Incoming bytes/s',
        'Last delivery', 'Delivered objects (1 h)', 'Failure'].map(t => h('th', { scope: 'col' }, t)))), body),
    h('h2', {}, 'Newest error records'), errors);
  const names = (await attempt(() => firehose('ListDeliveryStreams', { Limit: 100 })))?.DeliveryStreamNames || [];
  const rows = await Promise.all(names.map(name => attempt(() => describe(name))));
  mount(body, rows.filter(Boolean).length ? rows.filter(Boolean)
    : h('tr', {}, h('td', { colspan: 10 }, 'No delivery streams.')));
  const lists = await Promise.all(names.map(name => attempt(() => errorRecords(name))));
  mount(errors, lists.filter(Boolean).length ? lists.filter(Boolean) : h('p', {}, 'No error records.'));
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function preview(base64, truncated) {
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  const text = utf8.decode(bytes);
  return (text.length > 200 ? text.slice(0, 200) + '…' : text) + (truncated ? ' (cut)' : '');
}

// the error output type in the key (processing-failed...), else the key's directory
function outputOf(key) {
  const parts = key.split('/');
  return parts.find(p => p.endsWith('-failed')) || parts.slice(0, -1).join('/') || key;
}

// A delivery stream's newest error records, or null when its error output has none.
async function errorRecords(name) {
  const { ErrorRecords: records } = await sluice('GetDeliveryStreamErrorRecords',
    { DeliveryStreamName: name, Limit: 20 });
  if (!records.length) return null;
  return h('section', { 'data-error-records': name, 'aria-label': `Error records of ${name}` },
    h('h3', {}, name),
    h('table', {},
      h('thead', {}, h('tr', {}, ['Failed at', 'Error output', 'Error code', 'Error message', 'Attempts', 'Data']
        .map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, records.map(r => h('tr', {},
        h('td', {}, fmtTime(r.AttemptEndingTimestamp / 1000)),
        h('td', { title: r.ObjectKey }, outputOf(r.ObjectKey)),
        h('td.error-code', {}, r.ErrorCode),
        h('td', {}, r.ErrorMessage),
        h('td', {}, r.AttemptsMade),
        h('td.data', {}, preview(r.RawData, r.RawDataTruncated)))))));
}

async function describe(name) {
  const d = (await firehose('DescribeDeliveryStream', { DeliveryStreamName: name })).DeliveryStreamDescription;
  const { Series: series } = await sluice('GetDeliveryStreamMetrics', { DeliveryStreamName: name });
  const destination = d.Destinations?.[0] || {};
  // an extended S3 destination is described twice (as S3 too): name the specific one
  const [kind, config] = Object.entries(destination).filter(([k]) => k.endsWith('DestinationDescription'))
    .sort(([a], [b]) => (a === 'S3DestinationDescription') - (b === 'S3DestinationDescription'))[0] || ['', {}];
  const hints = config.BufferingHints;
  const incoming = series.find(s => s.Metric === 'IncomingBytes');
  const delivered = series.filter(s => s.Metric.endsWith('.Records') && s.Metric.startsWith('DeliveryTo'));
  let last = null;
  for (const s of delivered) {
    s.Values.forEach((v, i) => { if (v > 0 && (!last || s.Timestamps[i] > last.time)) last = { time: s.Timestamps[i], metric: s.Metric }; });
  }
  const success = series.find(s => s.Metric.startsWith('DeliveryTo') && s.Metric.endsWith('.Success'));
  const objects = series.filter(s => s.Metric.endsWith('.ObjectCount'))
    .reduce((sum, s) => sum + s.Values.reduce((a, v) => a + v * 10, 0), 0);
  const failure = d.FailureDescription;
  // what came in since the last delivery, from the 10-second samples: an estimate of what the buffer holds
  let pending = 0;
  if (incoming) {
    incoming.Timestamps.forEach((t, i) => { if (!last || t > last.time) pending += incoming.Values[i] * 10; });
  }
  const since = last ? Math.round(Date.now() / 1000 - last.time) : null;
  const fill = hints ? `${fmtBytes(pending)} of ${hints.SizeInMBs} MiB`
    + (since === null ? '' : `; ${since} s of ${hints.IntervalInSeconds} s`) : '–';
  return h('tr', { 'data-delivery-stream': name }, h('td', {}, name),
    h('td', {}, h(`span.badge.${d.DeliveryStreamStatus}`, {}, d.DeliveryStreamStatus)),
    h('td', {}, d.Source?.KinesisStreamSourceDescription?.KinesisStreamARN?.split('/').pop() || 'Direct PUT'),
    h('td', {}, kind.replace('DestinationDescription', '')),
    h('td', {}, hints ? `${hints.SizeInMBs} MiB / ${hints.IntervalInSeconds} s` : '–'),
    h('td', {}, fill),
    h('td', {}, sparkline(incoming?.Values || [], 'Incoming bytes per second')),
    h('td', {}, last ? `${fmtTime(last.time)} (${success && success.Values.at(-1) === 0 ? 'failed' : 'ok'})` : '–'),
    h('td', {}, Math.round(objects)),
    h('td', {}, failure ? `${failure.Type}: ${failure.Details}` : 'none'));
}

