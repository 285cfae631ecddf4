// The console's shell: routes (#/streams, #/stream/NAME, #/tail/NAME, #/firehose, #/apps, #/server), sign-in when the
// server wants signed calls, the alert line every failed call writes AWS's error to, and the theme switch.
import { h, mount, field } from './dom.js';
import { sluice, signIn, signOut, signedIn, credentials, isAuthError } from './api.js';
import { report, clearReport } from './ui.js';
import * as streams from './streams.js';
import * as stream from './stream.js';
import * as tail from './tail.js';
import * as firehose from './firehose.js';
import * as server from './server.js';
import * as apps from './apps.js';

const ROUTES = { streams, stream, tail, firehose, apps, server };
const main = document.getElementById('main');
let cleanup = null;

async function route() {
  if (cleanup) cleanup();
  cleanup = null;
  const [, name = 'streams', ...rest] = (location.hash || '#/streams').split('/');
  const page = ROUTES[name] || streams;
  document.querySelectorAll('[data-nav]').forEach(a => {
    const current = a.dataset.nav === name || (a.dataset.nav === 'streams' && (name === 'stream' || name === 'tail'));
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  clearReport();
  mount(main);
  cleanup = (await page.render(main, rest.map(decodeURIComponent))) || null;
}

function loginForm(problem) {
  const key = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true });
  const secret = h('input', { name: 'secretAccessKey', type: 'password', autocomplete: 'current-password',
    required: true });
  const region = h('input', { name: 'region', value: 'us-east-1', required: true });
  const form = h('form.panel#login', {
    'aria-label': 'Sign in',
    onsubmit: async event => {
      event.preventDefault();
      signIn(key.value.trim(), secret.value, region.value.trim());
      await start();
    },
  }, h('p', {}, 'This server wants signed calls: sign in with an access key of its credentials file. '
      + 'The key stays in this tab and signs each call; every action is authorized and audited as the same '
      + 'call from the CLI would be.'),
  field('Access key ID', key), field('Secret access key', secret), field('Region', region),
  h('button.primary', { type: 'submit' }, 'Sign in'));
  mount(main, h('h1', {}, 'Sign in'), form);
  if (problem) report(problem);
  key.focus();
}

async function start() {
  try {
    await sluice('DescribeServer');
  } catch (e) {
    if (isAuthError(e)) {
      const problem = signedIn() ? e : null;
      signOut();
      updateWho();
      loginForm(problem);
      return;
    }
    report(e);
  }
  updateWho();
  await route();
}

function updateWho() {
  const who = document.getElementById('who');
  const out = document.getElementById('signout');
  who.textContent = signedIn() ? `${credentials().accessKeyId} · ${credentials().region}` : '';
  out.hidden = !signedIn();
}

function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

document.getElementById('theme').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme === 'dark'
    || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
  const next = dark ? 'light' : 'dark';
  localStorage.setItem('sluice.console.theme', next);
  applyTheme(next);
});
document.getElementById('signout').addEventListener('click', () => {
  signOut();
  start();
});
applyTheme(localStorage.getItem('sluice.console.theme'));
window.addEventListener('hashchange', () => { if (!document.getElementById('login')) route(); });
start();
