// Hostile credential requests: the access token (RFC 6750 sections 2.1 and 3.1) and the request
// body (OID4VCI 1.0 sections 8.2 and 8.3.1.2). Key proofs are in proof.mjs.

import { randomToken } from '../context.mjs';

// fresh: a new access token and c_nonce for the case.
const fresh = async (ctx) => ({ token: await ctx.freshToken(), nonce: await ctx.nonce() });

// body: a case with a fresh token and nonce and the given body (an object or raw text).
function body(name, make, status, error, extra = {}) {
  return { name: `credential: ${name}`, prepare: fresh,
    request: (v, ctx) => ctx.credentialRequest(v.token, make(v, ctx), extra.options),
    status, error, ...extra };
}

function authorization() {
  const withHeaders = (name, headers, status, error, extra = {}) => ({
    name: `credential: ${name}`,
    prepare: fresh,
    request: (v, ctx) => ({ method: 'POST', path: extra.path?.(v) ?? '/credential',
      headers: [...headers(v, ctx), ['Content-Type', 'application/json']],
      body: JSON.stringify(ctx.validCredentialBody(v.nonce)) }),
    status,
    error,
    ...extra,
  });
  const bearer = (token) => [['Authorization', `Bearer ${token}`]];
  return [
    // RFC 6750 section 3.1: no authentication information gets a challenge without an error.
    withHeaders('no Authorization header is 401 with a bare challenge', () => [], 401, null),
    withHeaders('a Basic scheme is 401', (v) => [['Authorization',
      `Basic ${Buffer.from(`x:${v.token}`).toString('base64')}`]], 401),
    withHeaders('an empty Authorization header is 401', () => [['Authorization', '']], 401),
    withHeaders('the scheme alone is 401', () => [['Authorization', 'Bearer']], 401),
    withHeaders('the scheme and a blank is 401', () => [['Authorization', 'Bearer  ']], 401),
    withHeaders('the token without a scheme is 401', (v) => [['Authorization', v.token]], 401),
    withHeaders('a DPoP scheme is 401', (v) => [['Authorization', `DPoP ${v.token}`]], 401),
    withHeaders('two tokens in one header is 401 invalid_token',
      (v) => [['Authorization', `Bearer ${v.token} ${v.token}`]], 401, 'invalid_token'),
    withHeaders('two Bearer headers is 400 invalid_request',
      (v) => [...bearer(v.token), ...bearer(v.token)], 400, 'invalid_request'),
    withHeaders('a Bearer and a Basic header is 400 invalid_request',
      (v) => [...bearer(v.token), ['Authorization', 'Basic eDp5']], 400, 'invalid_request'),
    withHeaders('a token in the header and the query is 400 invalid_request',
      (v) => bearer(v.token), 400, 'invalid_request',
      { path: (v) => `/credential?access_token=${v.token}` }),
    withHeaders('a token in the query only is 401 (the query method is not supported)',
      () => [], 401, null, { path: (v) => `/credential?access_token=${v.token}` }),
    withHeaders('a random token is 401 invalid_token', () => bearer(randomToken()), 401,
      'invalid_token'),
    withHeaders('a 513-character token is 401 invalid_token', () => bearer('A'.repeat(513)), 401,
      'invalid_token'),
    withHeaders('a 20000-character token is 401 invalid_token', () => bearer('A'.repeat(20_000)),
      401, 'invalid_token'),
    withHeaders('a token with a control character is 401 invalid_token',
      (v) => bearer(`${v.token}\u0001`), 401, 'invalid_token'),
    withHeaders('a token of non-ASCII bytes is 401 invalid_token',
      () => [['Authorization', `Bearer ${'\u00ff'.repeat(40)}`]], 401, 'invalid_token'),
    withHeaders('the token with one character changed is 401 invalid_token',
      (v) => bearer(`${v.token.slice(0, -1)}${v.token.endsWith('A') ? 'B' : 'A'}`), 401,
      'invalid_token'),
    withHeaders('a JWT access token of another issuer is 401 invalid_token', () => bearer(
      `${Buffer.from('{"alg":"HS256","typ":"at+jwt"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ iss: 'https://other.example', sub: 'x', exp: 9999999999 }))
        .toString('base64url')}.${randomToken(32)}`), 401, 'invalid_token'),
    withHeaders('the pre-authorized code as the token is 401 invalid_token', () => [], 401,
      'invalid_token', { prepare: async (ctx) => {
        const { code } = await ctx.freshCode();
        return { token: code, nonce: await ctx.nonce() };
      }, request: (v, ctx) => ctx.credentialRequest(v.token, ctx.validCredentialBody(v.nonce)) }),
    withHeaders('the c_nonce as the token is 401 invalid_token', () => [], 401, 'invalid_token',
      { request: (v, ctx) => ctx.credentialRequest(v.nonce, ctx.validCredentialBody(v.nonce)) }),
    withHeaders('the admin API token as the token is 401 invalid_token', (v, ctx) =>
      bearer(ctx.adminToken), 401, 'invalid_token'),
    // RFC 7235 section 2.1: the scheme name is case-insensitive.
    withHeaders('a lower-case bearer scheme is accepted (200)',
      (v) => [['Authorization', `bearer ${v.token}`]], 200),
    withHeaders('control: a well-formed request is issued (200)', (v) => bearer(v.token), 200),
  ];
}

function contentTypes() {
  const types = [['no Content-Type', null], ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'], ['application/jsonx', 'application/jsonx'],
    ['application/jwt', 'application/jwt'], ['application/json-seq', 'application/json-seq']];
  return types.map(([name, type]) => body(`${name} is invalid_credential_request`,
    (v, ctx) => JSON.stringify(ctx.validCredentialBody(v.nonce)), 400,
    'invalid_credential_request', { options: { contentType: type } }));
}

function malformedJson() {
  const texts = [
    ['an empty body', ''],
    ['a lone brace', '{'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"employee_badge"'],
    ['a number', '1'],
    ['a trailing comma', '{"credential_configuration_id":"employee_badge",}'],
    ['single quotes', "{'credential_configuration_id':'employee_badge'}"],
    ['a comment', '{/* x */"credential_configuration_id":"employee_badge"}'],
    ['two documents', '{}{}'],
    ['NaN', '{"credential_configuration_id":NaN}'],
    ['a number too large for a double',
      '{"credential_configuration_id":"employee_badge","x":1e999999}'],
    ['20000 nested arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['10000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
    ['an unterminated string', '{"credential_configuration_id":"employee_badge'],
    ['invalid UTF-8 in a string', Buffer.concat([Buffer.from('{"credential_configuration_id":"'),
      Buffer.from([0xff, 0xfe]), Buffer.from('"}')])],
    ['a lone surrogate escape', '{"credential_configuration_id":"\\ud800"}'],
    ['a raw control character', '{"credential_configuration_id":"a\u0001b"}'],
    ['UTF-16 text', Buffer.from('{"credential_configuration_id":"employee_badge"}', 'utf16le')],
  ];
  const cases = texts.map(([name, text]) => body(`${name} is invalid_credential_request`,
    () => text, 400, 'invalid_credential_request'));
  cases.push(body('a truncated valid request is invalid_credential_request', (v, ctx) => {
    const full = JSON.stringify(ctx.validCredentialBody(v.nonce));
    return full.slice(0, full.length / 2);
  }, 400, 'invalid_credential_request'));
  cases.push(body('a valid request followed by a NUL and garbage is invalid_credential_request',
    (v, ctx) => `${JSON.stringify(ctx.validCredentialBody(v.nonce))}\u0000garbage`, 400,
    'invalid_credential_request'));
  cases.push(body('a 65 KiB body is 413', () => `{"x":"${'a'.repeat(65 * 1024)}"}`, 413));
  return cases;
}

function members() {
  const valid = (v, ctx) => ctx.validCredentialBody(v.nonce);
  const proofs = (v, ctx) => valid(v, ctx).proofs;
  return [
    body('neither credential_configuration_id nor credential_identifier is ' +
      'invalid_credential_request', (v, ctx) => ({ proofs: proofs(v, ctx) }), 400,
    'invalid_credential_request'),
    body('both identifiers is invalid_credential_request', (v, ctx) => ({ ...valid(v, ctx),
      credential_identifier: 'employee_badge:1' }), 400, 'invalid_credential_request'),
    body('a draft format member instead of an identifier is invalid_credential_request',
      (v, ctx) => ({ format: 'dc+sd-jwt', vct: 'https://credentials.example.com/employee_badge',
        proofs: proofs(v, ctx) }), 400, 'invalid_credential_request'),
    ...[['a number', 1], ['null', null], ['an array', ['employee_badge']],
      ['an object', { id: 'employee_badge' }], ['true', true]].map(([name, value]) => body(
      `credential_configuration_id as ${name} is invalid_credential_request`,
      (v, ctx) => ({ credential_configuration_id: value, proofs: proofs(v, ctx) }), 400,
      'invalid_credential_request')),
    body('credential_identifier as a number is invalid_credential_request',
      (v, ctx) => ({ credential_identifier: 1, proofs: proofs(v, ctx) }), 400,
      'invalid_credential_request'),
    body('a credential_identifier the token was not issued with is unknown_credential_identifier',
      (v, ctx) => ({ credential_identifier: 'employee_badge:1', proofs: proofs(v, ctx) }), 400,
      'unknown_credential_identifier'),
    body('an unknown configuration is unknown_credential_configuration',
      (v, ctx) => ({ credential_configuration_id: 'no_such_thing', proofs: proofs(v, ctx) }), 400,
      'unknown_credential_configuration'),
    body('a 60000-character configuration id is unknown_credential_configuration',
      (v, ctx) => ({ credential_configuration_id: 'x'.repeat(60_000), proofs: proofs(v, ctx) }),
      400, 'unknown_credential_configuration'),
    body('a configuration id with a NUL suffix is unknown_credential_configuration',
      (v, ctx) => ({ credential_configuration_id: 'employee_badge\u0000', proofs: proofs(v, ctx) }),
      400, 'unknown_credential_configuration'),
    body('a configuration the token was not issued for is credential_request_denied',
      (v, ctx) => ({ credential_configuration_id: 'diploma', proofs: proofs(v, ctx) }), 400,
      'credential_request_denied'),
    // Duplicate member names: whichever value a parser keeps, the request is refused.
    body('credential_configuration_id twice (valid, then a number) is invalid_credential_request',
      (v, ctx) => `{"credential_configuration_id":"employee_badge","credential_configuration_id"` +
        `:7,"proofs":${JSON.stringify(proofs(v, ctx))}}`, 400, 'invalid_credential_request'),
    body('credential_configuration_id twice (a number, then valid) is invalid_credential_request',
      (v, ctx) => `{"credential_configuration_id":7,"credential_configuration_id":` +
        `"employee_badge","proofs":${JSON.stringify(proofs(v, ctx))}}`, 400,
      'invalid_credential_request'),
    body('proofs twice is invalid_credential_request',
      (v, ctx) => `{"credential_configuration_id":"employee_badge","proofs":{"jwt":["x"]},` +
        `"proofs":${JSON.stringify(proofs(v, ctx))}}`, 400, 'invalid_credential_request'),
    // Section 8.2: a client asking for an encrypted response MUST get one (or a refusal); this
    // issuer advertises no credential_response_encryption, so it must refuse, not answer in clear.
    body('credential_response_encryption that the issuer cannot honour is refused',
      (v, ctx) => ({ ...valid(v, ctx), credential_response_encryption: {
        jwk: { kty: 'EC', crv: 'P-256', x: ctx.key.publicJwk.x, y: ctx.key.publicJwk.y,
          use: 'enc', alg: 'ECDH-ES' }, enc: 'A128GCM' } }), 400,
      ['invalid_encryption_parameters', 'invalid_credential_request']),
  ];
}

function proofsShapes() {
  const shapes = [
    ['no proofs', undefined],
    ['proofs as an array', []],
    ['proofs as a string', 'jwt'],
    ['proofs as null', null],
    ['empty proofs', {}],
    ['proofs.jwt as a string', { jwt: 'a.b.c' }],
    ['an empty proofs.jwt', { jwt: [] }],
    ['a number in proofs.jwt', { jwt: [1] }],
    ['null in proofs.jwt', { jwt: [null] }],
    ['an object in proofs.jwt', { jwt: [{ jwt: 'a.b.c' }] }],
    ['an ldp_vp proof type', { ldp_vp: [{}] }],
    ['an attestation proof type', { attestation: ['a.b.c'] }],
    ['two proof types', { jwt: ['a.b.c'], attestation: ['a.b.c'] }],
  ];
  const cases = shapes.map(([name, proofs]) => body(`${name} is invalid_proof`,
    () => ({ credential_configuration_id: 'employee_badge', ...(proofs === undefined ? {}
      : { proofs }) }), 400, 'invalid_proof'));
  cases.push(body('a draft 15 singular proof only is invalid_proof', (v, ctx) => ({
    credential_configuration_id: 'employee_badge',
    proof: { proof_type: 'jwt', jwt: ctx.proof({ nonce: v.nonce }) } }), 400, 'invalid_proof'));
  // Whatever the batch_size: two proofs of one key would give linkable credentials.
  cases.push(body('two proofs of one key is invalid_credential_request', (v, ctx) => ({
    credential_configuration_id: 'employee_badge',
    proofs: { jwt: [ctx.proof({ nonce: v.nonce }), ctx.proof({ nonce: v.nonce })] } }), 400,
  'invalid_credential_request'));
  cases.push(body('10000 proofs (more than any batch_size) is invalid_credential_request', () => ({
    credential_configuration_id: 'employee_badge', proofs: { jwt: Array(10_000).fill('a') } }),
  400, 'invalid_credential_request'));
  return cases;
}

function methods() {
  return ['GET', 'PUT', 'DELETE', 'PATCH', 'TRACE'].map((method) => ({
    name: `credential: ${method} /credential is 405`,
    request: () => ({ method, path: '/credential',
      headers: [['Authorization', `Bearer ${randomToken()}`]] }),
    status: 405,
    error: 'invalid_request',
  }));
}

export const credentialCases = () => [...authorization(), ...contentTypes(), ...malformedJson(),
  ...members(), ...proofsShapes(), ...methods()];
