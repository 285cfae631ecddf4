// The live tail: records of one shard or of all, from a chosen position, streamed by the server as they are
// appended (no polling); shown as UTF-8, pretty JSON, hex or base64, KPL aggregates expanded; pause, search within
// the records kept on the page, and put a test record. A dropped connection is made again by itself, with a growing
// pause between tries, going on after the last sequence number shown of each shard: nothing is shown twice.
import { h, mount, field } from './dom.js';
import { kinesis, tail, AwsError } from './api.js';
import { deaggregate } from './kpl.js';
import { report, attempt } from './ui.js';

const KEEP = 500;
const RENDER_MILLIS = 150;
const BACKOFF_MILLIS = [500, 1000, 2000, 4000, 8000, 15000, 30000];

export async function render(main, [name]) {
  const shards = (await attempt(() => kinesis('ListShards', { StreamName: name })))?.Shards || [];
  const shard = h('select#tail-shard', {}, h('option', { value: '' }, 'All shards'),
    shards.map(s => h('option', { value: s.ShardId }, s.ShardId)));
  const position = h('select#tail-position', {}, ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER',
    'AFTER_SEQUENCE_NUMBER'].map(p => h('option', { value: p }, p)));
  const timestamp = h('input#tail-timestamp', { type: 'datetime-local', step: 1 });
  const sequence = h('input#tail-sequence', { size: 30 });
  const format = h('select#tail-format', {}, [['utf8', 'UTF-8'], ['json', 'Pretty JSON'], ['hex', 'Hex'],
    ['base64', 'Base64']].map(([v, t]) => h('option', { value: v }, t)));
  const search = h('input#tail-search', { type: 'search' });
  const pause = h('input#tail-pause', { type: 'checkbox' });
  const start = h('button.primary#tail-start', { type: 'button' }, 'Start');
  const stop = h('button#tail-stop', { type: 'button', disabled: true }, 'Stop');
  const count = h('output#tail-count', { 'aria-live': 'off' }, '0');
  const status = h('span#tail-status.status-off', { role: 'status' }, 'not connected');
  const list = h('ol#tail-records');
  const state = { kept: [], held: [], received: 0, controller: null, timer: null, dirty: false, lastShown: {},
    openedAt: null, failed: false };

  const draw = () => {
    state.dirty = false;
    count.textContent = String(state.received);
    const needle = search.value.trim().toLowerCase();
    const shown = [];
    for (let i = state.kept.length - 1; i >= 0 && shown.length < 200; i--) {
      const r = state.kept[i];
      const text = show(r.data, format.value);
      if (needle && !text.toLowerCase().includes(needle) && !r.partitionKey.toLowerCase().includes(needle)) continue;
      shown.push(h('li', { 'data-sequence': r.sequence },
        h('div.meta', {}, `${r.shard} · ${r.sequence}${r.subIndex === null ? '' : ` · KPL #${r.subIndex}`} · `
          + `key ${r.partitionKey} · ${new Date(r.arrival * 1000).toLocaleTimeString()}`),
        h('pre', {}, text)));
    }
    mount(list, shown);
  };
  const schedule = () => {
    if (!state.dirty) {
      state.dirty = true;
      setTimeout(draw, RENDER_MILLIS);
    }
  };
  const onEvent = (event, data) => {
    if (event === 'records') {
      for (const record of data.Records) {
        const last = state.lastShown[record.ShardId];
        if (last !== undefined && BigInt(record.SequenceNumber) <= BigInt(last)) continue;
        state.lastShown[record.ShardId] = record.SequenceNumber;
        for (const r of deaggregate(decode64(record.Data), record.PartitionKey)) {
          state.received++;
          (pause.checked ? state.held : state.kept).push({ ...r, shard: record.ShardId,
            sequence: record.SequenceNumber, arrival: record.ApproximateArrivalTimestamp });
        }
      }
      if (state.kept.length > KEEP) state.kept.splice(0, state.kept.length - KEEP);
      if (state.held.length > KEEP) state.held.splice(0, state.held.length - KEEP);
      schedule();
    } else if (event === 'error') {
      state.failed = true;
      report(new AwsError(data.__type, data.message));
    }
  };
  const stopTail = () => {
    if (state.controller) state.controller.abort();
    state.controller = null;
    start.disabled = false;
    stop.disabled = true;
    status.textContent = 'not connected';
    status.className = 'status-off';
  };
  // the same tail again after a dropped connection: each shard after its last record shown, the others from the
  // starting position (LATEST becomes the time the tail first connected, so nothing appended meanwhile is missed)
  const resumed = first => {
    const input = { ...first, ResumeAfter: { ...state.lastShown } };
    if (first.StartingPosition.Type === 'LATEST' && state.openedAt !== null) {
      input.StartingPosition = { Type: 'AT_TIMESTAMP', Timestamp: state.openedAt / 1000 };
    }
    return input;
  };
  const follow = async (first, controller) => {
    let tries = 0;
    let input = first;
    while (state.controller === controller) {
      try {
        await tail(input, onEvent, controller.signal, () => {
          tries = 0;
          if (state.openedAt === null) state.openedAt = Date.now();
          status.textContent = 'connected';
          status.className = 'status-live';
        });
      } catch (e) {
        if (e.name === 'AbortError') return;
        if (e instanceof AwsError) {
          report(e);
          break;
        }
        // a network failure: the connection dropped, or the server cannot be reached for now
      }
      if (state.controller !== controller || state.failed) break;
      const pause = BACKOFF_MILLIS[Math.min(tries++, BACKOFF_MILLIS.length - 1)];
      status.textContent = `reconnecting in ${Math.ceil(pause / 1000)} s`;
      status.className = 'status-off';
      await sleep(pause, controller.signal);
      input = resumed(first);
    }
    if (state.controller === controller) stopTail();
  };
  start.addEventListener('click', async () => {
    stopTail();
    state.kept = [];
    state.held = [];
    state.received = 0;
    state.lastShown = {};
    state.openedAt = null;
    state.failed = false;
    draw();
    const startingPosition = { Type: position.value };
    if (position.value === 'AT_TIMESTAMP') startingPosition.Timestamp = new Date(timestamp.value).getTime() / 1000;
    if (position.value.endsWith('SEQUENCE_NUMBER')) startingPosition.SequenceNumber = sequence.value.trim();
    const input = { StreamName: name, StartingPosition: startingPosition };
    if (shard.value) input.ShardId = shard.value;
    const controller = new AbortController();
    state.controller = controller;
    start.disabled = true;
    stop.disabled = false;
    status.textContent = 'connecting';
    await follow(input, controller);
  });
  stop.addEventListener('click', stopTail);
  pause.addEventListener('change', () => {
    if (!pause.checked) {
      state.kept.push(...state.held.splice(0));
      if (state.kept.length > KEEP) state.kept.splice(0, state.kept.length - KEEP);
      draw();
    }
  });
  search.addEventListener('input', draw);
  format.addEventListener('change', draw);

  mount(main, h('h1', {}, 'Live tail of ', h('a', { href: `#/stream/${encodeURIComponent(name)}` }, name)),
    h('form.panel#tail-form', { 'aria-label': 'Tail settings', onsubmit: e => e.preventDefault() },
      field('Shard', shard), field('Starting position', position), field('Timestamp', timestamp),
      field('Sequence number', sequence), start, stop),
    putForm(name),
    h('div.toolbar', {}, field('Show as', format), field('Search', search),
      h('label', {}, pause, ' Pause'), h('span', {}, 'Received: ', count), status),
    h('div.records', {}, list));
  return stopTail;
}

function putForm(name) {
  const key = h('input#put-key', { required: true, value: 'console' });
  const data = h('textarea#put-data', { rows: 2, cols: 50, required: true });
  const hashKey = h('input#put-hash-key', { placeholder: 'optional', size: 40 });
  return h('form.panel#put-form', {
    'aria-label': 'Put a test record',
    onsubmit: async event => {
      event.preventDefault();
      const input = { StreamName: name, PartitionKey: key.value, Data: encode64(data.value) };
      if (hashKey.value.trim()) input.ExplicitHashKey = hashKey.value.trim();
      const out = await attempt(() => kinesis('PutRecord', input));
      if (out) report(`Put into ${out.ShardId} at ${out.SequenceNumber}.`, true);
    },
  }, field('Partition key', key), field('Data', data), field('Explicit hash key', hashKey),
  h('button#put-submit', { type: 'submit' }, 'Put record'));
}

function sleep(millis, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, millis);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function decode64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encode64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return btoa(binary);
}

function show(bytes, format) {
  if (format === 'hex') return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join(' ');
  if (format === 'base64') {
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    return btoa(binary);
  }
  const text = new TextDecoder().decode(bytes);
  if (format === 'json') {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}
