// Every call the console makes: the Kinesis and Firehose JSON APIs and Sluice's console API, signed with SigV4 by
// the signed-in user's key (held in this tab's sessionStorage only), or, on an open server, by a placeholder key
// that such a server accepts. There is no cookie: a page of another site cannot make a call on the user's behalf.
import { signedHeaders } from './sigv4.js';

const JSON_11 = 'application/x-amz-json-1.1';
const SERVICES = {
  kinesis: { prefix: 'Kinesis_20131202', signing: 'kinesis' },
  firehose: { prefix: 'Firehose_20150804', signing: 'firehose' },
  console: { prefix: 'SluiceConsole_20261206', signing: 'kinesis' },
  analytics: { prefix: 'KinesisAnalytics_20150814', signing: 'kinesisanalytics' },
};
const OPEN_SERVER = { accessKeyId: 'sluice-console', secretAccessKey: 'sluice-console', region: 'us-east-1' };
const KEY = 'sluice.console.credentials';

/** An AWS error answer: its __type (e.g. AccessDeniedException) and AWS's message. */
export class AwsError extends Error {
  constructor(type, message, status) {
    super(message || type);
    this.type = type;
    this.status = status;
  }

  toString() {
    return `${this.type}: ${this.message}`;
  }
}

const AUTH_ERRORS = new Set(['UnrecognizedClientException', 'InvalidSignatureException',
  'MissingAuthenticationTokenException', 'IncompleteSignatureException', 'ExpiredTokenException']);

export function isAuthError(e) {
  return e instanceof AwsError && AUTH_ERRORS.has(e.type);
}

export function credentials() {
  const saved = sessionStorage.getItem(KEY);
  return saved ? JSON.parse(saved) : OPEN_SERVER;
}

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function signIn(accessKeyId, secretAccessKey, region) {
  sessionStorage.setItem(KEY, JSON.stringify({ accessKeyId, secretAccessKey, region: region || 'us-east-1' }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

async function post(service, operation, input, signal) {
  const s = SERVICES[service];
  const body = JSON.stringify(input || {});
  const headers = await signedHeaders(credentials(), s.signing, { method: 'POST', path: '/',
    target: `${s.prefix}.${operation}`, contentType: JSON_11, body, host: location.host });
  return fetch('/', { method: 'POST', headers, body, signal, credentials: 'omit', cache: 'no-store' });
}

/** A GET of Lambda's REST API (event source mappings), signed for lambda. */
export async function lambdaGet(path) {
  const headers = await signedHeaders(credentials(), 'lambda', { method: 'GET', path, host: location.host });
  const response = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
  const output = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new AwsError(output.Type || response.headers.get('x-amzn-ErrorType')?.split(':')[0] || 'Error',
      output.Message || output.message, response.status);
  }
  return output;
}

/** One call; resolves to its output, rejects with an AwsError carrying AWS's type and message. */
export async function call(service, operation, input) {
  const response = await post(service, operation, input);
  const text = await response.text();
  const output = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const type = (output.__type || response.headers.get('x-amzn-ErrorType') || 'Error').split('#').pop();
    throw new AwsError(type, output.message || output.Message, response.status);
  }
  return output;
}

export const kinesis = (op, input) => call('kinesis', op, input);
export const firehose = (op, input) => call('firehose', op, input);
export const sluice = (op, input) => call('console', op, input);
export const analytics = (op, input) => call('analytics', op, input);

/**
 * The live tail: a streamed answer of server-sent events, read as it arrives. onEvent(name, data) is called per
 * event, onOpen() once the server has taken the tail (its starting position is fixed from then on); resolves when
 * the stream ends, rejects with an AwsError if the call is refused; the abort signal stops it.
 */
export async function tail(input, onEvent, abort, onOpen) {
  const response = await post('console', 'TailStream', input, abort);
  if (!response.ok) {
    const output = await response.json().catch(() => ({}));
    throw new AwsError((output.__type || 'Error').split('#').pop(), output.message, response.status);
  }
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}
