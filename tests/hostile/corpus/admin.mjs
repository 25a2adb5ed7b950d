// Hostile requests to the admin API (daemon/admin/admin_api.cc): bearer tokens (RFC 6750) and
// malformed offer bodies. Its answers reuse the OAuth error shape: invalid_token (401),
// access_denied (403), invalid_request (400), not_found (404).

import { randomToken } from '../context.mjs';

const offer = (extra = {}) => ({ credential_configuration_id: 'employee_badge',
  claims: { given_name: 'Ifeoma', family_name: 'Obi', employee_id: 'E-77' }, ...extra });

function tokens() {
  const post = (name, headers, status, error, extra = {}) => ({
    name: `admin: ${name}`,
    request: (v, ctx) => ({ listener: 'admin', method: 'POST', path: extra.path ?? '/offers',
      headers: [...headers(ctx), ['Content-Type', 'application/json']],
      body: JSON.stringify(offer()) }),
    status,
    error,
  });
  const bearer = (token) => [['Authorization', `Bearer ${token}`]];
  return [
    post('no token is 401 with a bare challenge', () => [], 401, null),
    post('an empty Authorization header is 401', () => [['Authorization', '']], 401),
    post('the scheme alone is 401', () => [['Authorization', 'Bearer']], 401),
    post('a Basic scheme with the token as password is 401',
      (ctx) => [['Authorization',
        `Basic ${Buffer.from(`hr:${ctx.adminToken}`).toString('base64')}`]],
      401),
    post('the token without a scheme is 401', (ctx) => [['Authorization', ctx.adminToken]], 401),
    post('a random token is 401 invalid_token', () => bearer(randomToken()), 401, 'invalid_token'),
    post('the token in upper case is 401 invalid_token',
      (ctx) => bearer(ctx.adminToken.toUpperCase()), 401, 'invalid_token'),
    post('a prefix of the token is 401 invalid_token',
      (ctx) => bearer(ctx.adminToken.slice(0, 32)), 401, 'invalid_token'),
    post('the token with a suffix is 401 invalid_token', (ctx) => bearer(`${ctx.adminToken}0`),
      401, 'invalid_token'),
    post('the token\'s SHA-256 (what the policy stores) is 401 invalid_token', (ctx) => bearer(
      ctx.sha256Hex(ctx.adminToken)), 401, 'invalid_token'),
    post('two Authorization headers (both valid) is 400 invalid_request',
      (ctx) => [...bearer(ctx.adminToken), ...bearer(ctx.adminToken)], 400, 'invalid_request'),
    post('a valid and an invalid header is 400 invalid_request',
      (ctx) => [...bearer(randomToken()), ...bearer(ctx.adminToken)], 400, 'invalid_request'),
    post('a token in the header and the query is 400 invalid_request',
      (ctx) => bearer(ctx.adminToken), 400, 'invalid_request',
      { path: `/offers?access_token=x` }),
    post('a token only in the query is 401', () => [], 401, null,
      { path: '/offers?access_token=unused' }),
    post('a 100 KiB token is 431', () => bearer('A'.repeat(100 * 1024)), 431),
    post('the limited client offering diploma is 403 access_denied', () => [], 403,
      'access_denied'),
  ].map((c) => (c.name.includes('limited client') ? { ...c, request: (v, ctx) => ({
    listener: 'admin', method: 'POST', path: '/offers',
    headers: [...bearer(ctx.limitedToken), ['Content-Type', 'application/json']],
    body: JSON.stringify({ credential_configuration_id: 'diploma',
      claims: { name: 'X', degree: 'Y', year: 2020 } }) }) } : c));
}

function bodies() {
  const bad = (name, body, status = 400, error = 'invalid_request', extra = {}) => ({
    name: `admin: an offer with ${name} is ${status} ${error ?? ''}`.trim(),
    request: (v, ctx) => ctx.adminRequest({ body, ...extra }),
    status,
    error,
    ...(extra.bug ? { bug: extra.bug } : {}),
  });
  return [
    bad('no Content-Type', JSON.stringify(offer()), 400, 'invalid_request', { contentType: null }),
    bad('a form Content-Type', JSON.stringify(offer()), 400, 'invalid_request',
      { contentType: 'application/x-www-form-urlencoded' }),
    bad('text/json', JSON.stringify(offer()), 400, 'invalid_request', { contentType: 'text/json' }),
    bad('an empty body', ''),
    bad('a lone brace', '{'),
    bad('a JSON array', '[]'),
    bad('null', 'null'),
    bad('a truncated body', JSON.stringify(offer()).slice(0, 40)),
    bad('invalid UTF-8', Buffer.concat([Buffer.from('{"credential_configuration_id":"'),
      Buffer.from([0xc3, 0x28]), Buffer.from('","claims":{}}')])),
    bad('20000 nested arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`),
    bad('a claim nested 20000 deep', `{"credential_configuration_id":"employee_badge","claims":{` +
      `"given_name":${'['.repeat(20_000)}${']'.repeat(20_000)},"family_name":"O",` +
      '"employee_id":"E"}}'),
    bad('an unknown claim nested 10000 deep', `{"credential_configuration_id":"employee_badge",` +
      `"claims":{"given_name":"A","family_name":"O","employee_id":"E","x":${
        '{"a":'.repeat(10_000)}1${
        '}'.repeat(10_000)}}}`),
    bad('a 65 KiB body', JSON.stringify(offer({ pad: 'x'.repeat(65 * 1024) })), 413),
    bad('no credential_configuration_id', JSON.stringify({ claims: offer().claims })),
    bad('a numeric credential_configuration_id', JSON.stringify(offer(
      { credential_configuration_id: 7 }))),
    bad('an unknown configuration', JSON.stringify(offer({ credential_configuration_id: 'x' })),
      403, 'access_denied'),
    bad('a 60000-character configuration id', JSON.stringify(offer(
      { credential_configuration_id: 'x'.repeat(60_000) })), 403, 'access_denied'),
    bad('no claims', JSON.stringify({ credential_configuration_id: 'employee_badge' })),
    bad('claims as an array', JSON.stringify(offer({ claims: [] }))),
    bad('claims as a string', JSON.stringify(offer({ claims: '{}' }))),
    bad('a missing required claim', JSON.stringify(offer({ claims: { given_name: 'A' } }))),
    bad('a claim of the wrong type', JSON.stringify(offer({ claims: { ...offer().claims,
      age: 'forty' } }))),
    bad('an integer claim of 1e308', JSON.stringify(offer({ claims: { ...offer().claims,
      age: 1e308 } }))),
    bad('an integer claim of 2^64', `{"credential_configuration_id":"employee_badge","claims":{` +
      '"given_name":"A","family_name":"O","employee_id":"E","age":18446744073709551616}}'),
    bad('an integer claim of 1e999', `{"credential_configuration_id":"employee_badge","claims":{` +
      '"given_name":"A","family_name":"O","employee_id":"E","age":1e999}}'),
    bad('a 50000-character claim', JSON.stringify(offer({ claims: { ...offer().claims,
      given_name: 'x'.repeat(50_000) } }))),
    bad('a claim the configuration does not define', JSON.stringify(offer({ claims: {
      ...offer().claims, is_admin: true } }))),
    bad('a claim named _sd', JSON.stringify(offer({ claims: { ...offer().claims, _sd: ['x'] } }))),
    bad('a claim named iss', JSON.stringify(offer({ claims: { ...offer().claims,
      iss: 'https://evil.example' } }))),
    bad('a claim named cnf', JSON.stringify(offer({ claims: { ...offer().claims,
      cnf: { jwk: {} } } }))),
    bad('tx_code as a string', JSON.stringify(offer({ tx_code: 'yes' }))),
    bad('tx_code as 1', JSON.stringify(offer({ tx_code: 1 }))),
    bad('expires_in as a string', JSON.stringify(offer({ expires_in: '600' }))),
    bad('expires_in of 1.5', JSON.stringify(offer({ expires_in: 1.5 }))),
    bad('expires_in of 0', JSON.stringify(offer({ expires_in: 0 }))),
    bad('expires_in of -1', JSON.stringify(offer({ expires_in: -1 }))),
    bad('expires_in of 29', JSON.stringify(offer({ expires_in: 29 }))),
    bad('expires_in of 2^63', '{"credential_configuration_id":"employee_badge","claims":{' +
      '"given_name":"A","family_name":"O","employee_id":"E"},"expires_in":9223372036854775808}'),
    bad('expires_in of 2^64-1', '{"credential_configuration_id":"employee_badge","claims":{' +
      '"given_name":"A","family_name":"O","employee_id":"E"},"expires_in":18446744073709551615}'),
    bad('expires_in of 1e30', JSON.stringify(offer({ expires_in: 1e30 }))),
    bad('expires_in of 10 years', JSON.stringify(offer({ expires_in: 315_360_000 }))),
    // Duplicate member names decide which configuration a client offers: a proxy that reads the
    // first and the daemon that reads the last would disagree on what was authorised.
    bad('credential_configuration_id twice (diploma, then employee_badge) from the limited client',
      '{"credential_configuration_id":"diploma","credential_configuration_id":"employee_badge",' +
      '"claims":{"given_name":"A","family_name":"O","employee_id":"E"}}', 400, 'invalid_request'),
  ].map((c) => (c.name.includes('from the limited client') ? { ...c, request: (v, ctx) =>
    ctx.adminRequest({ token: ctx.limitedToken, body: c.request(v, ctx).body }) } : c));
}

function paths() {
  const get = (name, path, status, error, method = 'GET') => ({ name: `admin: ${name}`,
    request: (v, ctx) => ctx.adminRequest({ method, path, contentType: null }), status, error });
  return [
    get('an unknown path is 404 not_found', '/nothing', 404, 'not_found'),
    get('/types/../offers is 404', '/types/../offers', 404, 'not_found'),
    get('//types is 404', '//types', 404, 'not_found'),
    get('/%74ypes (encoded) is the types list (200)', '/%74ypes', 200),
    // An encoded NUL would cut libmicrohttpd's decoded path short: the target is malformed.
    get('/types%00x is 400', '/types%00x', 400, 'invalid_request'),
    get('/offers/ is 404', '/offers/', 404, 'not_found'),
    get('GET /offers is refused', '/offers', 400, 'invalid_request'),
    get('DELETE /types is refused', '/types', 400, 'invalid_request', 'DELETE'),
    get('TRACE /types is refused', '/types', 400, 'invalid_request', 'TRACE'),
    { name: 'admin: OPTIONS /offers without a token is 401 (no CORS on the admin listener)',
      request: () => ({ listener: 'admin', method: 'OPTIONS', path: '/offers',
        headers: [['Origin', 'https://evil.example'], ['Access-Control-Request-Method', 'POST']] }),
      status: 401,
      check: (response) => {
        if (response.headers['access-control-allow-origin']) {
          throw new Error('the admin listener answered with CORS headers');
        }
      } },
    { name: 'admin: /healthz needs no token (200)', request: () => ({ listener: 'admin',
      path: '/healthz' }), status: 200 },
    { name: 'admin: /healthz with a bogus token is still 200', request: () => ({
      listener: 'admin', path: '/healthz', headers: [['Authorization', 'Bearer x'],
        ['Authorization', 'Basic y']] }), status: 200 },
  ];
}

export const adminCases = () => [...tokens(), ...bodies(), ...paths()];
