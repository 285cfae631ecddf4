// Charts: uPlot for the time series of a page, a small SVG polyline for the sparklines of a table.
import uPlot from './uPlot.esm.js';
import { h, fmtNumber } from './dom.js';

const PALETTE = ['#2f7ed8', '#e4572e', '#29a36a', '#a05ad6', '#f0a202', '#17a2b8', '#c2185b', '#6d8a00'];

/** A sparkline of the values (oldest first), labelled for screen readers with the newest value. */
export function sparkline(values, label) {
  const width = 120;
  const height = 24;
  const last = values.length ? values[values.length - 1] : null;
  const svg = h('svg.spark', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${label}: ${fmtNumber(last)} now` });
  if (values.length > 1) {
    const max = Math.max(...values, 1e-9);
    const points = values.map((v, i) =>
      `${(i / (values.length - 1)) * width},${height - 1 - (v / max) * (height - 2)}`).join(' ');
    svg.append(h('polyline', { points, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }));
  }
  return h('span.sparkcell', {}, svg, h('span.sparkvalue', {}, fmtNumber(last)));
}

/**
 * A time-series chart of several series on one time axis: series = [{label, timestamps, values}], timestamps in
 * epoch seconds. Each series is aligned on the union of timestamps (gaps stay gaps).
 */
export function timeChart(container, title, series, unit) {
  const times = [...new Set(series.flatMap(s => s.timestamps))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map(s => {
    const column = new Array(times.length).fill(null);
    s.timestamps.forEach((t, i) => { column[index.get(t)] = s.values[i]; });
    return column;
  });
  const figure = h('figure.chart', { 'aria-label': title }, h('figcaption', {}, title));
  container.append(figure);
  if (!times.length) {
    figure.append(h('p.muted', {}, 'No data yet: points are sampled every 10 seconds.'));
    return;
  }
  // the width of one cell of the page's grid (minmax(420px, 1fr), gap 12px), known before the other cells exist
  const total = container.clientWidth || 600;
  const cells = Math.max(1, Math.floor((total + 12) / (420 + 12)));
  const width = Math.max(280, Math.floor((total - 12 * (cells - 1)) / cells) - 18);
  const now = Date.now() / 1000;
  new uPlot({
    width, height: 180,
    // the last hour, whatever the points: one early point must not stretch the axis to years
    scales: { x: { time: true, range: () => [now - 3600, now] } },
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5,
      value: (u, v) => v === null ? '–' : fmtNumber(v) + (unit ? ' ' + unit : '') }))],
    axes: [{ stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
      { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' }, values: (u, vals) => vals.map(v => fmtNumber(v)) }],
  }, [times, ...columns], figure);
}
