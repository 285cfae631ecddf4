// One stream: its summary, the shard map over the hash-key space, the lineage of closed parents and children,
// resharding and settings, per-shard rates and consumer lag over the last hour, and its consumers.
import { h, mount, field, fmtTime } from './dom.js';
import { kinesis, sluice } from './api.js';
import { timeChart } from './charts.js';
import { report, attempt } from './ui.js';

const MAX_HASH = (1n << 128n) - 1n;
const REFRESH_MILLIS = 5000;
/** The history gains a point every 10 seconds. */
const CHART_REFRESH_MILLIS = 10000;

export async function render(main, [name]) {
  const state = { name, selected: null };
  const summary = h('section.panel', { 'aria-label': 'Summary' });
  const actions = h('section.panel', { 'aria-label': 'Actions' });
  const map = h('div#shard-map');
  const lineage = h('div#lineage');
  const charts = h('div.grid#charts');
  const consumers = h('div#consumers');
  mount(main, h('h1', {}, 'Stream ', h('span#stream-name', {}, name), ' ',
    h('a', { href: `#/tail/${encodeURIComponent(name)}` }, '(live tail)')),
  summary, h('h2', {}, 'Shard map'), h('p.muted', {}, 'Open shards over the hash-key space 0 … 2¹²⁸−1. '
      + 'Select a shard to split it or merge it with its neighbour.'), map, actions,
  h('h2', {}, 'Lineage'), lineage, h('h2', {}, 'Last hour'), charts, h('h2', {}, 'Consumers'), consumers);
  const refresh = async () => {
    const loaded = await attempt(() => load(name));
    if (!loaded) return;
    state.loaded = loaded;
    if (state.selected && !loaded.open.some(s => s.ShardId === state.selected)) state.selected = null;
    drawSummary(summary, loaded.summary);
    drawMap(map, state, () => drawActions(actions, state, refresh));
    drawActions(actions, state, refresh);
    drawLineage(lineage, loaded.shards);
    drawConsumers(consumers, loaded.consumers);
  };
  await refresh();
  await attempt(() => drawCharts(charts, name));
  const timer = setInterval(refresh, REFRESH_MILLIS);
  const chartTimer = setInterval(() => attempt(() => drawCharts(charts, name)), CHART_REFRESH_MILLIS);
  return () => {
    clearInterval(timer);
    clearInterval(chartTimer);
  };
}

async function load(name) {
  const summary = (await kinesis('DescribeStreamSummary', { StreamName: name })).StreamDescriptionSummary;
  const shards = [];
  let token;
  do {
    const page = await kinesis('ListShards', token ? { NextToken: token } : { StreamName: name });
    shards.push(...page.Shards);
    token = page.NextToken;
  } while (token);
  const consumers = (await kinesis('ListStreamConsumers', { StreamARN: summary.StreamARN })).Consumers || [];
  const open = shards.filter(s => !s.SequenceNumberRange.EndingSequenceNumber)
    .sort((a, b) => (BigInt(a.HashKeyRange.StartingHashKey) < BigInt(b.HashKeyRange.StartingHashKey) ? -1 : 1));
  return { summary, shards, open, consumers };
}

function drawSummary(el, s) {
  const kv = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  mount(el, h('dl.kv', {},
    kv('Status', h(`span.badge.${s.StreamStatus}#stream-status`, {}, s.StreamStatus)),
    kv('Capacity mode', s.StreamModeDetails?.StreamMode || 'PROVISIONED'),
    kv('Open shards', h('span#open-shards', {}, s.OpenShardCount)),
    kv('Retention', `${s.RetentionPeriodHours} hours`),
    kv('Encryption', s.EncryptionType === 'KMS' ? `KMS (${s.KeyId})` : 'none'),
    kv('Shard-level metrics', (s.EnhancedMonitoring?.[0]?.ShardLevelMetrics || []).join(', ') || 'none'),
    kv('Consumers', s.ConsumerCount ?? 0), kv('Created', fmtTime(s.StreamCreationTimestamp)),
    kv('ARN', s.StreamARN)));
}

function fraction(key) {
  return Number((BigInt(key) * 1000000n) / MAX_HASH) / 1000000;
}

function drawMap(el, state, onSelect) {
  const width = 900;
  const height = 56;
  const svg = h('svg.shardmap', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'group',
    'aria-label': 'Shard map' });
  for (const shard of state.loaded.open) {
    const x = fraction(shard.HashKeyRange.StartingHashKey) * width;
    const w = Math.max(2, (fraction(shard.HashKeyRange.EndingHashKey) - fraction(shard.HashKeyRange.StartingHashKey)) * width);
    const select = () => {
      state.selected = state.selected === shard.ShardId ? null : shard.ShardId;
      drawMap(el, state, onSelect);
      onSelect();
    };
    const rect = h('rect.shard', { x, y: 4, width: w, height: 32, tabindex: 0, role: 'button',
      'data-shard-id': shard.ShardId, 'aria-pressed': String(state.selected === shard.ShardId),
      'aria-label': `${shard.ShardId}, hash keys ${shard.HashKeyRange.StartingHashKey} to `
        + `${shard.HashKeyRange.EndingHashKey}`,
      onclick: select, onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } },
    }, h('title', {}, shard.ShardId));
    svg.append(rect, h('text', { x: x + 4, y: 50 }, w > 90 ? shard.ShardId.replace('shardId-', '') : ''));
  }
  mount(el, svg);
}

function drawActions(el, state, refresh) {
  const { summary, open } = state.loaded;
  const name = state.name;
  const selected = open.find(s => s.ShardId === state.selected);
  const run = async (operation, input, done) => {
    if (await attempt(() => kinesis(operation, { StreamName: name, ...input })) !== undefined) {
      report(done, true);
      await refresh();
    }
  };
  const splitKey = h('input#split-key', { placeholder: 'middle of the range', size: 40 });
  const adjacent = selected && open.find(s => BigInt(s.HashKeyRange.StartingHashKey)
    === BigInt(selected.HashKeyRange.EndingHashKey) + 1n);
  const count = h('input#target-shards', { type: 'number', min: 1, value: summary.OpenShardCount });
  const retention = h('input#retention-hours', { type: 'number', min: 24, max: 8760,
    value: summary.RetentionPeriodHours });
  const keyId = h('input#kms-key', { value: 'alias/aws/kinesis' });
  const monitoring = (summary.EnhancedMonitoring?.[0]?.ShardLevelMetrics || []).length > 0;
  mount(el,
    h('div.toolbar', {}, h('strong', {}, selected ? `Selected: ${selected.ShardId}` : 'No shard selected'),
      field('Split at hash key', splitKey),
      h('button#split', { type: 'button', disabled: !selected, onclick: () => {
        const start = BigInt(selected.HashKeyRange.StartingHashKey);
        const end = BigInt(selected.HashKeyRange.EndingHashKey);
        const key = splitKey.value.trim() || String(start + (end - start + 1n) / 2n);
        run('SplitShard', { ShardToSplit: selected.ShardId, NewStartingHashKey: key }, `Splitting ${selected.ShardId}.`);
      } }, 'Split'),
      h('button#merge', { type: 'button', disabled: !adjacent, onclick: () => run('MergeShards',
        { ShardToMerge: selected.ShardId, AdjacentShardToMerge: adjacent.ShardId },
        `Merging ${selected.ShardId} and ${adjacent.ShardId}.`) },
      adjacent ? `Merge with ${adjacent.ShardId}` : 'Merge with next')),
    h('div.toolbar', {}, field('Open shards', count),
      h('button#update-shards', { type: 'button', onclick: () => run('UpdateShardCount',
        { TargetShardCount: Number(count.value), ScalingType: 'UNIFORM_SCALING' }, 'Updating the shard count.') },
      'Update shard count'),
      field('Retention (hours)', retention),
      h('button#set-retention', { type: 'button', onclick: () => {
        const hours = Number(retention.value);
        const increase = hours > summary.RetentionPeriodHours;
        run(increase ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod',
          { RetentionPeriodHours: hours }, `Retention set to ${hours} hours.`);
      } }, 'Set retention'),
      field('KMS key', keyId),
      summary.EncryptionType === 'KMS'
        ? h('button#encryption', { type: 'button', onclick: () => run('StopStreamEncryption',
          { EncryptionType: 'KMS', KeyId: summary.KeyId }, 'Stopping encryption.') }, 'Stop encryption')
        : h('button#encryption', { type: 'button', onclick: () => run('StartStreamEncryption',
          { EncryptionType: 'KMS', KeyId: keyId.value.trim() }, 'Starting encryption.') }, 'Start encryption'),
      h('button#monitoring', { type: 'button', onclick: () => run(
        monitoring ? 'DisableEnhancedMonitoring' : 'EnableEnhancedMonitoring', { ShardLevelMetrics: ['ALL'] },
        monitoring ? 'Shard-level metrics off.' : 'Shard-level metrics on.') },
      monitoring ? 'Disable shard-level metrics' : 'Enable shard-level metrics')));
}

function drawLineage(el, shards) {
  const byId = new Map(shards.map(s => [s.ShardId, s]));
  const depth = new Map();
  const depthOf = s => {
    if (depth.has(s.ShardId)) return depth.get(s.ShardId);
    const parents = [s.ParentShardId, s.AdjacentParentShardId].filter(p => p && byId.has(p));
    const d = parents.length ? Math.max(...parents.map(p => depthOf(byId.get(p)))) + 1 : 0;
    depth.set(s.ShardId, d);
    return d;
  };
  shards.forEach(depthOf);
  const columns = [];
  shards.forEach(s => (columns[depth.get(s.ShardId)] ||= []).push(s));
  const pos = new Map();
  const boxW = 190;
  const boxH = 28;
  columns.forEach((col, x) => col.forEach((s, y) => pos.set(s.ShardId, { x: 10 + x * (boxW + 50), y: 10 + y * (boxH + 12) })));
  const width = 20 + columns.length * (boxW + 50);
  const height = 20 + Math.max(1, ...columns.map(c => c.length)) * (boxH + 12);
  const svg = h('svg.lineage', { viewBox: `0 0 ${width} ${height}`, width: Math.min(width, 1200), role: 'img',
    'aria-label': `Lineage of ${shards.length} shards` });
  for (const s of shards) {
    for (const p of [s.ParentShardId, s.AdjacentParentShardId]) {
      if (p && pos.has(p)) {
        const a = pos.get(p);
        const b = pos.get(s.ShardId);
        svg.append(h('line', { x1: a.x + boxW, y1: a.y + boxH / 2, x2: b.x, y2: b.y + boxH / 2,
          'data-edge': `${p}>${s.ShardId}` }));
      }
    }
  }
  for (const s of shards) {
    const p = pos.get(s.ShardId);
    const closed = !!s.SequenceNumberRange.EndingSequenceNumber;
    svg.append(h(closed ? 'g.closed' : 'g.open', { 'data-shard-id': s.ShardId, 'data-state': closed ? 'closed' : 'open' },
      h('rect', { x: p.x, y: p.y, width: boxW, height: boxH, rx: 4 }),
      h('text', { x: p.x + 8, y: p.y + 18 }, `${s.ShardId}${closed ? ' (closed)' : ''}`)));
  }
  mount(el, svg);
}

function drawConsumers(el, consumers) {
  mount(el, consumers.length ? h('table', { 'aria-label': 'Consumers' },
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Registered', 'ARN'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, consumers.map(c => h('tr', {}, h('td', {}, c.ConsumerName), h('td', {}, c.ConsumerStatus),
      h('td', {}, fmtTime(c.ConsumerCreationTimestamp)), h('td', {}, c.ConsumerARN)))))
    : h('p.muted', {}, 'No registered (enhanced fan-out) consumers.'));
}

async function drawCharts(el, name) {
  const { Series: series } = await sluice('GetStreamMetrics', { StreamName: name });
  const pick = (metric, shard = false) => series.filter(s => s.Metric === metric && !!s.ShardId === shard)
    .map(s => ({ label: s.ShardId || metric, timestamps: s.Timestamps, values: s.Values }));
  mount(el);
  timeChart(el, 'Incoming records/s', pick('IncomingRecords'), 'rec/s');
  timeChart(el, 'Incoming bytes/s', pick('IncomingBytes'), 'B/s');
  timeChart(el, 'Incoming records/s per shard (shard-level metrics)', pick('IncomingRecords.PerShard', true), 'rec/s');
  timeChart(el, 'Throttled (records/s written, reads/s)', [...pick('WriteProvisionedThroughputExceeded'),
    ...pick('ReadProvisionedThroughputExceeded')], '/s');
  timeChart(el, 'Consumer lag (ms)', [
    ...pick('GetRecords.IteratorAgeMilliseconds').map(s => ({ ...s, label: 'GetRecords IteratorAgeMilliseconds' })),
    ...pick('SubscribeToShardEvent.MillisBehindLatest').map(s => ({ ...s, label: 'SubscribeToShard MillisBehindLatest' })),
  ], 'ms');
}
