// A tiny element builder: h('tag.class#id', {attributes, onclick: fn}, children...). Children may be strings,
// nodes, arrays or null. Text is always set as text, never parsed as HTML.
export function h(spec, attrs, ...children) {
  const tag = spec.match(/^[a-zA-Z0-9]*/)[0];
  const classes = [...spec.matchAll(/\.([\w-]+)/g)].map(m => m[1]);
  const id = spec.match(/#([\w-]+)/)?.[1];
  const el = document.createElementNS(SVG_TAGS.has(tag) ? SVG : HTML, tag || 'div');
  if (classes.length) el.setAttribute('class', classes.join(' '));
  if (id) el.id = id;
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in el) el.value = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const HTML = 'http://www.w3.org/1999/xhtml';
const SVG = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'rect', 'line', 'path', 'polyline', 'text', 'g', 'title', 'circle']);

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field: the label names the control for screen readers and clicks. */
let fieldIds = 0;
export function field(label, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  return h('div.field', {}, h('label', { for: id }, label), control, hint ? h('small', {}, hint) : null);
}

export function fmtNumber(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return (n / 1e9).toFixed(digits) + 'G';
  if (abs >= 1e6) return (n / 1e6).toFixed(digits) + 'M';
  if (abs >= 1e3) return (n / 1e3).toFixed(digits) + 'k';
  return abs >= 10 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(digits);
}

export function fmtBytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

export function fmtTime(epochSeconds) {
  if (!epochSeconds) return '–';
  return new Date(epochSeconds * 1000).toLocaleString();
}
