// AWS Signature Version 4 for the console's JSON calls, with the browser's WebCrypto. The secret never leaves the
// tab: it signs each request, as the AWS SDK for JavaScript does.
const enc = new TextEncoder();

async function sha256Hex(data) {
  return hex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? enc.encode(data) : data));
}

async function hmac(key, text) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? enc.encode(key) : key,
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(text));
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The headers of a signed request: X-Amz-Date and Authorization, plus Content-Type and X-Amz-Target when given.
 * request: {method, path, query, target, contentType, body, host}; credentials: {accessKeyId, secretAccessKey,
 * region}; service: the signing name (kinesis, firehose, lambda...).
 */
export async function signedHeaders(credentials, service, request, now = new Date()) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers = { host: request.host, 'x-amz-date': amzDate };
  if (request.contentType) headers['content-type'] = request.contentType;
  if (request.target) headers['x-amz-target'] = request.target;
  const names = Object.keys(headers).sort();
  const canonical = [request.method, request.path, request.query || '', ...names.map(n => `${n}:${headers[n]}`), '',
    names.join(';'), await sha256Hex(request.body || '')].join('\n');
  const scope = `${date}/${credentials.region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, date);
  key = await hmac(key, credentials.region);
  key = await hmac(key, service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, toSign));
  const out = {
    'X-Amz-Date': amzDate,
    'Authorization': `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
  if (request.contentType) out['Content-Type'] = request.contentType;
  if (request.target) out['X-Amz-Target'] = request.target;
  return out;
}
