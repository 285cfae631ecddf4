// Kinesis Data Analytics (SQL) applications with their status and SQL, a live preview of the rows their code writes
// to each in-application stream (the last rows the server keeps, polled while the page is open), and Lambda event
// source mappings with their state and lag (the iterator age of the batches handed to the function, and the
// invocation rate, from the sampled metrics of the last hour).
import { h, mount, fmtTime } from './dom.js';
import { analytics, lambdaGet, sluice } from './api.js';
import { attempt } from './ui.js';
import { sparkline } from './charts.js';

const PREVIEW_EVERY_MS = 2000;

export async function render(main) {
  const apps = h('div#applications');
  const mappings = h('div#mappings');
  mount(main, h('h1', {}, 'Applications and mappings'), h('h2', {}, 'Analytics applications'), apps,
    h('h2', {}, 'Event source mappings'), mappings);
  const timers = [];
  const list = (await attempt(() => analytics('ListApplications', { Limit: 50 })))?.ApplicationSummaries;
  if (list) {
    const details = await Promise.all(list.map(a => attempt(() => analytics('DescribeApplication',
      { ApplicationName: a.ApplicationName }))));
    mount(apps, list.length ? details.filter(Boolean).map(d => application(d.ApplicationDetail, timers))
      : h('p.muted', {}, 'No analytics applications.'));
  }
  const found = (await attempt(() => lambdaGet('/2015-03-31/event-source-mappings/')))?.EventSourceMappings;
  if (found) {
    const series = await Promise.all(found.map(m => attempt(() => sluice('GetEventSourceMappingMetrics',
      { UUID: m.UUID }))));
    const values = (i, metric) => series[i]?.Series.find(s => s.Metric === metric)?.Values || [];
    mount(mappings, found.length ? table(['Source', 'Function', 'State', 'Batch size', 'Last result', 'Modified',
      'Lag: iterator age (ms)', 'Invocations/s', 'Errors/s'],
    found.map((m, i) => [m.EventSourceArn, m.FunctionArn, h(`span.badge.${m.State}`, {}, m.State), m.BatchSize,
      m.LastProcessingResult || '–', fmtTime(m.LastModified),
      sparkline(values(i, 'Lambda.IteratorAge'), 'Iterator age in milliseconds'),
      sparkline(values(i, 'Lambda.Invocations'), 'Invocations per second'),
      sparkline(values(i, 'Lambda.Errors'), 'Errors per second')]), found.map(m => m.UUID))
      : h('p.muted', {}, 'No event source mappings.'));
  }
  return () => timers.forEach(clearInterval);
}

// The streams the code creates (their rows are what the application writes), then error_stream.
function inAppStreams(code) {
  const names = [...(code || '').matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?STREAM\s+("(?:[^"]|"")+"|[\w$]+)/gi)]
    .map(m => m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1].toUpperCase());
  return [...new Set(names), 'error_stream'];
}

function application(d, timers) {
  const streams = inAppStreams(d.ApplicationCode);
  const select = h('select', { 'aria-label': `In-application stream of ${d.ApplicationName}` },
    streams.map(s => h('option', { value: s }, s)));
  const preview = h('div.preview', { 'aria-live': 'polite' }, h('p.muted', {}, 'No rows yet.'));
  const refresh = async () => {
    const stream = select.value;
    const rows = await attempt(() => sluice('GetApplicationStreamRows',
      { ApplicationName: d.ApplicationName, StreamName: stream }));
    if (!rows || select.value !== stream) return;
    mount(preview, rows.Rows.length
      ? table(['ROWTIME', ...rows.Columns], rows.Rows.slice().reverse().map(r =>
        [new Date(r.Rowtime).toISOString(), ...r.Values.map(v => v === null ? 'NULL' : v)]))
      : h('p.muted', {}, `No rows in ${stream} yet.`));
  };
  select.addEventListener('change', refresh);
  refresh();
  timers.push(setInterval(refresh, PREVIEW_EVERY_MS));
  return h('section', { 'data-application': d.ApplicationName, 'aria-label': `Application ${d.ApplicationName}` },
    h('h3', {}, d.ApplicationName, ' ', h(`span.badge.${d.ApplicationStatus}`, {}, d.ApplicationStatus)),
    h('p.muted', {}, d.ApplicationARN),
    h('details', {}, h('summary', {}, 'SQL'), h('pre.sql', {}, d.ApplicationCode || '(no code)')),
    h('div.field', {}, h('label', {}, 'Preview of ', select)), preview);
}

// ids: each row's data-id, if given
function table(headings, rows, ids) {
  return h('table', {}, h('thead', {}, h('tr', {}, headings.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells, i) => h('tr', { 'data-id': ids?.[i] }, cells.map(c => h('td', {}, c))))));
}
