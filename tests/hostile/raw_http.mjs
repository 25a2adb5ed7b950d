// A raw HTTP/1.1 client for the hostile corpus: it writes the exact bytes a case asks for
// (repeated headers, unnormalised paths, bytes that are not UTF-8, broken framing), which
// node:http refuses to send, and parses whatever comes back.

import net from 'node:net';

const kCrlf = '\r\n';

/**
 * buildRequest: the bytes of one request. `headers` is a list of [name, value] pairs sent in
 * order (repeats kept); Host, Content-Length and Connection: close are added unless
 * `bare` is set or the case already sends them.
 */
export function buildRequest({ method = 'GET', path = '/', headers = [], body, host,
  version = 'HTTP/1.1', bare = false }) {
  const bodyBytes = body === undefined ? Buffer.alloc(0)
    : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const sent = headers.map(([name, value]) => [name, value]);
  const has = (name) => sent.some(([n]) => n.toLowerCase() === name);
  if (!bare) {
    if (!has('host')) sent.unshift(['Host', host]);
    if (!has('content-length') && !has('transfer-encoding') &&
        (body !== undefined || method === 'POST' || method === 'PUT')) {
      sent.push(['Content-Length', String(bodyBytes.length)]);
    }
    if (!has('connection')) sent.push(['Connection', 'close']);
  }
  const head = [`${method} ${path} ${version}`,
    ...sent.map(([name, value]) => `${name}: ${value}`)].join(kCrlf) + kCrlf + kCrlf;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]);
}

/** parseResponse: { status, headers (lower-case name -> list of values), body (string) }. */
export function parseResponse(bytes) {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: '', raw: bytes.toString('latin1') };
  const lines = bytes.subarray(0, end).toString('latin1').split(kCrlf);
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = bytes.subarray(end + 4);
  if ((headers['transfer-encoding'] ?? []).some((v) => /chunked/i.test(v))) {
    body = dechunk(body);
  }
  return { status: match ? Number(match[1]) : 0, headers, body: body.toString('utf8') };
}

function dechunk(bytes) {
  const parts = [];
  let offset = 0;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * exchange: sends `bytes` to host:port and reads until the server closes (or `timeoutMs`).
 * Returns the parsed response; status 0 means the server closed without an HTTP answer.
 */
export function exchange(port, bytes, { timeoutMs = 10_000, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // A reset after the answer arrived is the server closing early on a refused body.
      if (chunks.length > 0 && error.code === 'ECONNRESET') return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks)));
    });
  });
}
