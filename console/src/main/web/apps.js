// Kinesis Data Analytics (SQL) applications and Lambda event source mappings, with their status.
import { h, mount, fmtTime } from './dom.js';
import { analytics, lambdaGet } from './api.js';
import { attempt } from './ui.js';

export async function render(main) {
  const apps = h('div#applications');
  const mappings = h('div#mappings');
  mount(main, h('h1', {}, 'Applications and mappings'), h('h2', {}, 'Analytics applications'), apps,
    h('h2', {}, 'Event source mappings'), mappings);
  const list = (await attempt(() => analytics('ListApplications', { Limit: 50 })))?.ApplicationSummaries;
  if (list) {
    mount(apps, list.length ? table(['Name', 'Status', 'ARN'], list.map(a => [a.ApplicationName,
      h(`span.badge.${a.ApplicationStatus}`, {}, a.ApplicationStatus), a.ApplicationARN]))
      : h('p.muted', {}, 'No analytics applications.'));
  }
  const found = (await attempt(() => lambdaGet('/2015-03-31/event-source-mappings/')))?.EventSourceMappings;
  if (found) {
    mount(mappings, found.length ? table(['Source', 'Function', 'State', 'Batch size', 'Last result', 'Modified'],
      found.map(m => [m.EventSourceArn, m.FunctionArn, h(`span.badge.${m.State}`, {}, m.State), m.BatchSize,
        m.LastProcessingResult || '–', fmtTime(m.LastModified)]))
      : h('p.muted', {}, 'No event source mappings.'));
  }
}

function table(headings, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, headings.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(c => h('td', {}, c))))));
}
