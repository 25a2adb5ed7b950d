// Hostile HTTP: paths, methods, request targets, headers and message framing (RFC 9110,
// RFC 9112). These are the listener's answers, so most have a status and no OAuth error.

const raw = (text) => ({ request: () => ({ raw: Buffer.from(text, 'latin1') }) });

function paths() {
  const post = (path) => ({ method: 'POST', path });
  return [
    ['/nonce/../nonce', post('/nonce/../nonce'), 404],
    ['/../nonce', post('/../nonce'), 404],
    ['/%2e%2e/nonce', post('/%2e%2e/nonce'), 404],
    ['/%2E%2E%2Fnonce', post('/%2E%2E%2Fnonce'), 404],
    ['//nonce', post('//nonce'), 404],
    ['/./nonce', post('/./nonce'), 404],
    ['/nonce/', post('/nonce/'), 404],
    ['/NONCE', post('/NONCE'), 404],
    ['/nonce;x=1', post('/nonce;x=1'), 404],
    ['/nonce%2f', post('/nonce%2f'), 404],
    ['/nonce%ff (invalid UTF-8)', post('/nonce%ff'), 404],
    ['/nonce\\xff (a raw non-ASCII byte)', post('/nonce\u00ff'), 404],
    ['/%6eonce (an encoded unreserved character)', post('/%6eonce'), 200],
    // An encoded NUL would cut libmicrohttpd's decoded path short: the target is malformed.
    ['/nonce%00junk', post('/nonce%00junk'), 400],
    ['/token%00.json', post('/token%00.json'), 400],
    ['/.well-known/openid-credential-issuer/..',
      { path: '/.well-known/openid-credential-issuer/..' }, 404],
    ['/.well-known/../.well-known/openid-credential-issuer',
      { path: '/.well-known/../.well-known/openid-credential-issuer' }, 404],
    ['/.well-known/openid-credential-issuer%2f',
      { path: '/.well-known/openid-credential-issuer%2f' }, 404],
    ['/etc/passwd', { path: '/etc/passwd' }, 404],
    ['/%2e%2e%2f%2e%2e%2fetc%2fpasswd', { path: '/%2e%2e%2f%2e%2e%2fetc%2fpasswd' }, 404],
    ['a 4096-byte target', { path: `/x${'a'.repeat(4094)}` }, 404],
    ['a 4097-byte target', { path: `/x${'a'.repeat(4095)}` }, 414],
    ['an invalid query on /nonce', { method: 'POST', path: '/nonce?%zz=%ff' }, 200],
    ['a 3000-byte query of 1000 parameters', { method: 'POST', path: `/nonce?${
      'a=b&'.repeat(750)}` }, [414, 431], 'DAEMON BUG: libmicrohttpd runs out of its 32 KiB ' +
      'connection pool on the parsed query, logs that it answers 431 and closes, but sends ' +
      'nothing: the client waits the whole 15 s idle timeout (RFC 9110 section 15.5.15/ ' +
      'RFC 6585 section 5: 414 or 431)'],
    ['a 20000-byte query', { method: 'POST', path: `/nonce?q=${'a'.repeat(20_000)}` }, 414],
  ].map(([name, request, status, bug]) => ({ name: `http: ${name} is ${status}`,
    request: () => request, status, ...(bug ? { bug } : {}) }));
}

function methods() {
  const cases = [
    ['TRACE /nonce', { method: 'TRACE', path: '/nonce' }, 405],
    ['TRACE /', { method: 'TRACE', path: '/' }, 404],
    ['BREW /nonce', { method: 'BREW', path: '/nonce' }, 405],
    ['CONNECT', { method: 'CONNECT', path: '127.0.0.1:22' }, 404],
    ['PUT /.well-known/openid-credential-issuer',
      { method: 'PUT', path: '/.well-known/openid-credential-issuer', body: '{}' }, 405],
    ['DELETE /.well-known/oauth-authorization-server',
      { method: 'DELETE', path: '/.well-known/oauth-authorization-server' }, 405],
    ['POST /.well-known/openid-credential-issuer',
      { method: 'POST', path: '/.well-known/openid-credential-issuer', body: '{}' }, 405],
    ['HEAD /.well-known/openid-credential-issuer',
      { method: 'HEAD', path: '/.well-known/openid-credential-issuer' }, 200],
    ['OPTIONS * (server-wide)', { method: 'OPTIONS', path: '*' }, 204],
  ].map(([name, request, status]) => ({ name: `http: ${name} is ${status}`,
    request: () => request, status }));
  cases.push({
    name: 'http: an OPTIONS preflight for /credential is 204 with CORS headers',
    request: () => ({ method: 'OPTIONS', path: '/credential', headers: [
      ['Origin', 'https://wallet.example'], ['Access-Control-Request-Method', 'POST'],
      ['Access-Control-Request-Headers', 'authorization, content-type']] }),
    status: 204,
    check: (response) => {
      const methodsAllowed = (response.headers['access-control-allow-methods'] ?? []).join(',');
      if (!/POST/.test(methodsAllowed)) throw new Error(`no POST in preflight: ${methodsAllowed}`);
    },
  });
  cases.push({
    name: 'http: a preflight does not run the endpoint (no nonce in the answer)',
    request: () => ({ method: 'OPTIONS', path: '/nonce', headers: [
      ['Origin', 'https://evil.example'], ['Access-Control-Request-Method', 'POST']] }),
    status: 204,
    check: (response) => {
      if (response.body.includes('c_nonce')) throw new Error('the preflight issued a nonce');
    },
  });
  return cases;
}

function headers() {
  const many = (count, size) => Array.from({ length: count },
    (_, i) => [`X-Hostile-${i}`, 'v'.repeat(size)]);
  return [
    ['200 small headers', { method: 'POST', path: '/nonce', headers: many(200, 10) }, 200],
    ['2000 headers', { method: 'POST', path: '/nonce', headers: many(2000, 20) }, 431],
    ['one 40 KiB header', { method: 'POST', path: '/nonce', headers: many(1, 40 * 1024) }, 431],
    ['a header value of invalid UTF-8', { method: 'POST', path: '/nonce',
      headers: [['X-A', '\u00ff\u00fe\u00c0']] }, 200],
    ['a header name with a space', { method: 'POST', path: '/nonce', headers: [['X A', 'b']] },
      400, 'DAEMON BUG: RFC 9110 section 5.1 (field-name is a token) and RFC 9112 section 2.2: ' +
      'a malformed field line SHOULD get 400; vcissuerd takes "X A" as a name (same root cause ' +
      'as the whitespace-before-colon smuggling case)'],
    // RFC 9110 section 5.5 and RFC 9112 section 5.2: reject, or read NUL/obs-fold as a space.
    ['a header value with a NUL', { method: 'POST', path: '/nonce',
      headers: [['X-A', 'a\u0000b']] }, [200, 400]],
    ['an obs-fold continuation line', { method: 'POST', path: '/nonce',
      headers: [['X-A', 'b\r\n folded']] }, [200, 400]],
    ['a Content-Length of -1', { method: 'POST', path: '/nonce',
      headers: [['Content-Length', '-1']] }, 400],
    ['a Content-Length that is not a number', { method: 'POST', path: '/nonce',
      headers: [['Content-Length', 'abc']] }, 400],
    ['a Content-Length of 1 MiB (not sent)', { method: 'POST', path: '/nonce',
      headers: [['Content-Length', String(1024 * 1024)]] }, 413],
    ['a chunked body over 64 KiB', { method: 'POST', path: '/nonce',
      headers: [['Transfer-Encoding', 'chunked']], body: `${(70 * 1024).toString(16)}\r\n${
        'x'.repeat(70 * 1024)}\r\n0\r\n\r\n` }, 413],
    ['a chunked body with a bad chunk size', { method: 'POST', path: '/nonce',
      headers: [['Transfer-Encoding', 'chunked']], body: 'zz\r\nabc\r\n0\r\n\r\n' }, 400],
    ['a chunk size of 2^64', { method: 'POST', path: '/nonce',
      headers: [['Transfer-Encoding', 'chunked']], body: '10000000000000000\r\nabc\r\n0\r\n\r\n' },
    [400, 413]],
  ].map(([name, request, status, bug]) => ({ name: `http: ${name} is ${status}`,
    request: () => request, status, ...(bug ? { bug } : {}) }));
}

function framing() {
  const cases = [
    ['no Host in HTTP/1.1',
      'POST /nonce HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 400],
    ['HTTP/1.0 without Host', 'POST /nonce HTTP/1.0\r\nContent-Length: 0\r\n\r\n', 200],
    ['HTTP/2.0 in an HTTP/1 request line', 'GET / HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n',
      505],
    ['HTTP/9.9', 'GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n', 505],
    ['two Host headers', 'POST /nonce HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 0\r\n' +
      'Connection: close\r\n\r\n', 400, 'DAEMON BUG: RFC 9112 section 3.2: a server MUST answer ' +
      '400 to a request with more than one Host header field line; vcissuerd answers 200'],
    ['Content-Length and chunked together',
      'POST /nonce HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n' +
      'Connection: close\r\n\r\n0\r\n\r\n', [200, 400]],
    ['two equal Content-Length headers', 'POST /nonce HTTP/1.1\r\nHost: x\r\n' +
      'Content-Length: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', [200, 400]],
    ['two different Content-Length headers', 'POST /nonce HTTP/1.1\r\nHost: x\r\n' +
      'Content-Length: 0\r\nContent-Length: 58\r\n\r\nPOST /token HTTP/1.1\r\nHost: x\r\n' +
      'Connection: close\r\nContent-Length: 0\r\n\r\n', 400, 'DAEMON BUG: RFC 9112 section 6.3 ' +
      'and RFC 9110 section 8.6: differing Content-Length values make the framing invalid and a ' +
      'server MUST answer 400; vcissuerd (libmicrohttpd 0.9.75) uses the first value and runs ' +
      'the rest of the body as a second request (request smuggling)'],
    ['whitespace before the colon of Content-Length', 'POST /nonce HTTP/1.1\r\nHost: x\r\n' +
      'Content-Length : 58\r\n\r\nPOST /token HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
      'Content-Length: 0\r\n\r\n', 400, 'DAEMON BUG: RFC 9112 section 5.1: a server MUST reject ' +
      'with 400 a header field with whitespace before the colon; vcissuerd ignores the field, ' +
      'so "Content-Length : 58" is no length and its body is run as a second request ' +
      '(request smuggling)'],
    ['a Transfer-Encoding it does not know', 'POST /nonce HTTP/1.1\r\nHost: x\r\n' +
      'Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n', 501, 'DAEMON BUG: RFC 9112 ' +
      'section 6.1: a server SHOULD answer an unknown transfer coding with 501; vcissuerd closes ' +
      'the connection without an answer'],
    ['a request line of garbage', 'garbage\r\n\r\n', 400, 'DAEMON BUG: RFC 9112 section 3: ' +
      'an invalid request-line SHOULD get 400; vcissuerd closes the connection without an ' +
      'answer'],
    ['bare LF line endings', 'POST /nonce HTTP/1.1\nHost: x\nContent-Length: 0\nConnection: ' +
      'close\n\n', [200, 400]],
    ['an absolute-form target', null, 200, 'DAEMON BUG: RFC 9112 section 3.2.2: a server MUST ' +
      'accept the absolute-form; POST http://127.0.0.1:PORT/nonce is answered 404'],
  ];
  return cases.map(([name, text, status, bug]) => ({
    name: `http: ${name} is ${[status].flat().join(' or ')}`,
    ...(text === null ? { request: (v, ctx) => ({ raw: Buffer.from(`POST ${ctx.issuer}/nonce ` +
      `HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`) }) } : raw(text)),
    status,
    allow5xx: status === 505,
    ...(bug ? { bug } : {}),
  }));
}

function wellFormed() {
  return [{
    name: 'http: the 400 for a missing Host is one well-formed message',
    ...raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n'),
    status: 400,
    check: (response) => {
      if (/^HTTP\/1\.1 /m.test(response.body)) {
        throw new Error(`a second status line inside the body: ${response.body.slice(0, 120)}`);
      }
    },
    bug: 'DAEMON BUG: RFC 9112 section 6: libmicrohttpd 0.9.75 writes the status line and header ' +
      'block of its "Host: header required" 400 twice, so the bytes after the first header ' +
      'block (Content-Length 197) are a second header block: a malformed response',
  }];
}

export const httpCases = () => [...paths(), ...methods(), ...headers(), ...framing(),
  ...wellFormed()];
