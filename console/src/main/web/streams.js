// The streams table: name, status, mode, open shards, retention, encryption, incoming rates as sparklines and
// consumers; a filter, the create form, and delete with confirmation. Refreshes every 5 seconds.
import { h, mount, field } from './dom.js';
import { kinesis, sluice } from './api.js';
import { sparkline } from './charts.js';
import { report, attempt } from './ui.js';

const REFRESH_MILLIS = 5000;

export async function render(main) {
  const filter = h('input#stream-filter', { type: 'search', placeholder: 'Filter by name' });
  const body = h('tbody');
  const table = h('table#streams', { 'aria-label': 'Streams' },
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Mode', 'Open shards', 'Retention', 'Encryption',
      'Incoming records/s', 'Incoming bytes/s', 'Consumers', ''].map(t => h('th', { scope: 'col' }, t)))), body);
  const createSlot = h('div');
  const dialog = h('dialog#confirm-delete', { 'aria-labelledby': 'confirm-title' });
  let rows = [];
  const draw = () => {
    const needle = filter.value.trim().toLowerCase();
    const shown = rows.filter(r => r.name.toLowerCase().includes(needle));
    mount(body, shown.length ? shown.map(r => row(r, dialog, refresh))
      : h('tr', {}, h('td', { colspan: 10 }, rows.length ? 'No stream matches the filter.' : 'No streams yet.')));
  };
  const refresh = async () => {
    const loaded = await attempt(() => load());
    if (loaded) {
      rows = loaded;
      draw();
    }
  };
  filter.addEventListener('input', draw);
  mount(main, h('h1', {}, 'Streams'),
    h('div.toolbar', {}, field('Filter', filter),
      h('button.primary#create-open', { type: 'button', onclick: () => toggleCreate(createSlot, refresh) },
        'Create stream')),
    createSlot, table, dialog);
  await refresh();
  const timer = setInterval(refresh, REFRESH_MILLIS);
  return () => clearInterval(timer);
}

async function load() {
  const names = [];
  let token;
  do {
    const page = await kinesis('ListStreams', token ? { NextToken: token } : {});
    names.push(...page.StreamNames);
    token = page.HasMoreStreams ? page.NextToken : null;
  } while (token);
  const metrics = await sluice('ListStreamMetrics').catch(() => ({ IncomingRecords: {}, IncomingBytes: {} }));
  const described = await Promise.all(names.map(async name => {
    let d;
    try {
      d = (await kinesis('DescribeStreamSummary', { StreamName: name })).StreamDescriptionSummary;
    } catch (e) {
      // deleted between the list and the describe
      if (e.type === 'ResourceNotFoundException') return null;
      throw e;
    }
    return {
      name, status: d.StreamStatus, mode: d.StreamModeDetails?.StreamMode || 'PROVISIONED',
      openShards: d.OpenShardCount, retention: d.RetentionPeriodHours, encryption: d.EncryptionType || 'NONE',
      consumers: d.ConsumerCount ?? 0,
      records: metrics.IncomingRecords[name]?.Values || [], bytes: metrics.IncomingBytes[name]?.Values || [],
    };
  }));
  return described.filter(Boolean);
}

function row(r, dialog, refresh) {
  return h('tr', { 'data-stream': r.name },
    h('td', {}, h('a', { href: `#/stream/${encodeURIComponent(r.name)}` }, r.name)),
    h('td', {}, h(`span.badge.${r.status}`, {}, r.status)), h('td', {}, r.mode), h('td', {}, r.openShards),
    h('td', {}, `${r.retention} h`), h('td', {}, r.encryption),
    h('td', {}, sparkline(r.records, 'Incoming records per second')),
    h('td', {}, sparkline(r.bytes, 'Incoming bytes per second')), h('td', {}, r.consumers),
    h('td', {}, h('a', { href: `#/tail/${encodeURIComponent(r.name)}` }, 'Tail'), ' ',
      h('button.danger', { type: 'button', 'aria-label': `Delete ${r.name}`,
        onclick: () => confirmDelete(dialog, r.name, refresh) }, 'Delete')));
}

function confirmDelete(dialog, name, refresh) {
  const typed = h('input#confirm-name', { autocomplete: 'off' });
  const yes = h('button.danger#confirm-yes', { type: 'submit', disabled: true }, 'Delete');
  typed.addEventListener('input', () => { yes.disabled = typed.value !== name; });
  mount(dialog, h('form', {
    method: 'dialog',
    onsubmit: async event => {
      event.preventDefault();
      dialog.close();
      if (await attempt(() => kinesis('DeleteStream', { StreamName: name, EnforceConsumerDeletion: true }))) {
        report(`Deleting ${name}.`, true);
      }
      await refresh();
    },
  }, h('h2#confirm-title', {}, `Delete ${name}?`),
  h('p', {}, 'Its records and consumers go with it. This cannot be undone.'),
  field(`Type ${name} to confirm`, typed),
  h('div.toolbar', {}, yes, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'))));
  dialog.showModal();
  typed.focus();
}

function toggleCreate(slot, refresh) {
  if (slot.firstChild) {
    mount(slot);
    return;
  }
  const name = h('input#create-name', { required: true, pattern: '[a-zA-Z0-9_.\\-]+', maxlength: 128 });
  const mode = h('select#create-mode', {}, h('option', { value: 'PROVISIONED' }, 'Provisioned'),
    h('option', { value: 'ON_DEMAND' }, 'On-demand'));
  const shards = h('input#create-shards', { type: 'number', min: 1, value: 1 });
  const tags = h('textarea#create-tags', { rows: 2, placeholder: 'team=data' });
  mode.addEventListener('change', () => { shards.disabled = mode.value === 'ON_DEMAND'; });
  mount(slot, h('form.panel#create-form', {
    'aria-label': 'Create stream',
    onsubmit: async event => {
      event.preventDefault();
      const input = { StreamName: name.value.trim(), StreamModeDetails: { StreamMode: mode.value } };
      if (mode.value === 'PROVISIONED') input.ShardCount = Number(shards.value);
      const tagMap = Object.fromEntries(tags.value.split('\n').map(l => l.trim()).filter(Boolean)
        .map(l => [l.split('=')[0].trim(), l.slice(l.indexOf('=') + 1).trim()]));
      if (Object.keys(tagMap).length) input.Tags = tagMap;
      if (await attempt(() => kinesis('CreateStream', input)) !== undefined) {
        report(`Creating ${input.StreamName}.`, true);
        mount(slot);
        await refresh();
      }
    },
  }, field('Name', name), field('Capacity mode', mode), field('Shards', shards),
  field('Tags', tags, 'one key=value per line'), h('button.primary#create-submit', { type: 'submit' }, 'Create')));
  name.focus();
}
