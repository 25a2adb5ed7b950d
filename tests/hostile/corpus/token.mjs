// Hostile token requests (RFC 6749 sections 3.2 and 5.2, OID4VCI 1.0 sections 6 and 13.9).

import { kPreAuthorizedGrantType, randomToken } from '../context.mjs';

const kForm = [['Content-Type', 'application/x-www-form-urlencoded']];
const grant = `grant_type=${encodeURIComponent(kPreAuthorizedGrantType)}`;

// withCode: a case whose form is built around a fresh code (its own offer).
function withCode(name, form, status, error, extra = {}) {
  return {
    name,
    prepare: (ctx) => ctx.freshCode(extra.offer),
    request: (v, ctx) => ctx.tokenRequest(form(v), extra.headers ?? kForm),
    status,
    error,
    ...extra,
  };
}

const codeParam = (v) => `pre-authorized_code=${encodeURIComponent(v.code)}`;

function contentTypes() {
  const refused = [
    ['no Content-Type', undefined],
    ['Content-Type text/plain', 'text/plain'],
    ['Content-Type application/json', 'application/json'],
    ['Content-Type multipart/form-data', 'multipart/form-data; boundary=x'],
    ['Content-Type with a suffix', 'application/x-www-form-urlencoded-evil'],
    ['Content-Type with a prefix', 'evil/application/x-www-form-urlencoded'],
    ['empty Content-Type', ''],
  ];
  const cases = refused.map(([name, type]) => withCode(`token: ${name} is invalid_request`,
    (v) => `${grant}&${codeParam(v)}`, 400, 'invalid_request',
    { headers: type === undefined ? [] : [['Content-Type', type]] }));
  // RFC 9110 section 5.5: a NUL in a field value is rejected or read as a space.
  cases.push(withCode('token: a Content-Type ending in a NUL is refused or read as a space',
    (v) => `${grant}&${codeParam(v)}`, [200, 400], undefined,
    { headers: [['Content-Type', 'application/x-www-form-urlencoded\u0000']] }));
  cases.push(withCode('token: a JSON body is invalid_request',
    (v) => JSON.stringify({ grant_type: kPreAuthorizedGrantType, 'pre-authorized_code': v.code }),
    400, 'invalid_request', { headers: [['Content-Type', 'application/json']] }));
  // The media type is case-insensitive and may carry parameters (RFC 9110 section 8.3.1).
  for (const [name, type] of [['upper-case Content-Type', 'APPLICATION/X-WWW-FORM-URLENCODED'],
    ['Content-Type with charset=utf-8', 'application/x-www-form-urlencoded; charset=utf-8'],
    ['Content-Type with blanks', '  application/x-www-form-urlencoded  ;charset=UTF-8']]) {
    cases.push(withCode(`token: ${name} is accepted`, (v) => `${grant}&${codeParam(v)}`, 200,
      undefined, { headers: [['Content-Type', type]] }));
  }
  return cases;
}

function malformedForms() {
  const bodies = [
    ['a lone %', `${grant}&pre-authorized_code=%`],
    ['%zz', `${grant}&pre-authorized_code=%zz`],
    ['a truncated escape', `${grant}&pre-authorized_code=ab%4`],
    ['an escape of invalid UTF-8', `${grant}&pre-authorized_code=%ff%fe`],
    ['an overlong UTF-8 escape', `${grant}&pre-authorized_code=%c0%af`],
    ['a UTF-16 surrogate', `${grant}&pre-authorized_code=%ed%a0%80`],
    ['a bad escape in a name', `${grant}&pre%zzauthorized_code=x`],
    ['33 parameters', `${grant}&${Array.from({ length: 32 }, (_, i) => `p${i}=x`).join('&')}`],
    ['1000 empty parameters', `${grant}&${'x=&'.repeat(1000)}`],
  ];
  const cases = bodies.map(([name, body]) => ({
    name: `token: a form with ${name} is invalid_request`,
    request: (v, ctx) => ctx.tokenRequest(body),
    status: 400,
    error: 'invalid_request',
  }));
  const missing = [
    ['an empty body', ''],
    ['only separators', '&&&&'],
    ['only = signs', '=&=&='],
    ['a grant_type without =', 'grant_type'],
    ['an empty grant_type', 'grant_type=&pre-authorized_code=x'],
    ['no pre-authorized_code', grant],
    ['an empty pre-authorized_code', `${grant}&pre-authorized_code=`],
    ['pre-authorized_code spelt with an underscore', `${grant}&pre_authorized_code=abc`],
    ['a binary body', Buffer.from([0, 1, 2, 0xff, 0x80, 0x3d, 0x26])],
  ];
  for (const [name, body] of missing) {
    cases.push({ name: `token: ${name} is invalid_request`,
      request: (v, ctx) => ctx.tokenRequest(body), status: 400, error: 'invalid_request' });
  }
  cases.push({ name: 'token: a truncated form (grant type cut short) is unsupported_grant_type',
    request: (v, ctx) => ctx.tokenRequest('grant_type=urn%3Aietf%3Aparams%3Aoauth'),
    status: 400, error: 'unsupported_grant_type' });
  return cases;
}

function duplicates() {
  return [
    withCode('token: grant_type twice is invalid_request',
      (v) => `${grant}&${grant}&${codeParam(v)}`, 400, 'invalid_request'),
    withCode('token: pre-authorized_code twice (same value) is invalid_request',
      (v) => `${grant}&${codeParam(v)}&${codeParam(v)}`, 400, 'invalid_request'),
    withCode('token: pre-authorized_code twice (forged, then real) is invalid_request',
      (v) => `${grant}&pre-authorized_code=forged&${codeParam(v)}`, 400, 'invalid_request'),
    withCode('token: tx_code twice is invalid_request',
      (v) => `${grant}&${codeParam(v)}&tx_code=${v.txCode}&tx_code=${v.txCode}`, 400,
      'invalid_request', { offer: { txCode: true } }),
    withCode('token: a parameter repeated through %-encoding of its name is invalid_request',
      (v) => `${grant}&${codeParam(v)}&pre-authorized%5Fcode=${encodeURIComponent(v.code)}`,
      400, 'invalid_request'),
    withCode('token: authorization_details twice is invalid_request',
      (v) => `${grant}&${codeParam(v)}&authorization_details=%5B%5D&authorization_details=%5B%5D`,
      400, 'invalid_request'),
  ];
}

function grantTypes() {
  const others = ['authorization_code', 'refresh_token', 'client_credentials', 'password',
    'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:device_code',
    `${kPreAuthorizedGrantType} `, ` ${kPreAuthorizedGrantType}`,
    kPreAuthorizedGrantType.toUpperCase(),
    `${kPreAuthorizedGrantType}\u0000`, `${kPreAuthorizedGrantType}x`, 'x'.repeat(10_000)];
  return others.map((type, i) => withCode(`token: grant_type #${i} (${JSON.stringify(type)
    .slice(0, 40)}) is unsupported_grant_type`,
  (v) => `grant_type=${encodeURIComponent(type)}&${codeParam(v)}`, 400, 'unsupported_grant_type'));
}

function badCodes() {
  const codes = [
    ['a random base64url code', () => randomToken(40)],
    ['a random 90-byte code', () => randomToken(90)],
    ['broken base64url', () => '!!!!$$$$****'],
    ['base64 with padding', () => `${randomToken(30)}==`],
    ['standard base64 (+ and /)', () => '+/+/'.repeat(20)],
    ['an impossible length', () => 'A'.repeat(81)],
    ['a 256-character code', () => 'A'.repeat(256)],
    ['a 257-character code', () => 'A'.repeat(257)],
    ['a 50000-character code', () => 'A'.repeat(50_000)],
    ['a code with a newline', () => `${randomToken(30)}\n${randomToken(30)}`],
    ['a code with a NUL', () => `${randomToken(30)}\u0000`],
    ['a code of non-ASCII letters', () => 'ÄÖÜ'.repeat(20)],
    ['a JWT', () => `${'eyJhbGciOiJIUzI1NiJ9'}.${'eyJzdWIiOiJ4In0'}.${randomToken(32)}`],
    ['version byte 2', () => Buffer.concat([Buffer.from([2]), Buffer.alloc(16), Buffer.from([0]),
      Buffer.alloc(32)]).toString('base64url')],
    ['a key id length pointing past the end', () => Buffer.concat([Buffer.from([1]),
      Buffer.alloc(16), Buffer.from([255]), Buffer.alloc(32)]).toString('base64url')],
    ['a zero MAC', () => Buffer.concat([Buffer.from([1]), Buffer.alloc(16), Buffer.from([0]),
      Buffer.alloc(32)]).toString('base64url')],
  ];
  const cases = codes.map(([name, make]) => ({
    name: `token: ${name} is invalid_grant`,
    request: (v, ctx) => {
      const code = make();
      ctx.recordSecret(code);
      return ctx.tokenRequest({ grant_type: kPreAuthorizedGrantType, 'pre-authorized_code': code });
    },
    status: 400,
    error: 'invalid_grant',
  }));
  cases.push(
    withCode('token: a code with its last MAC byte flipped is invalid_grant', (v) => {
      const raw = Buffer.from(v.code, 'base64url');
      raw[raw.length - 1] ^= 1;
      return `${grant}&pre-authorized_code=${raw.toString('base64url')}`;
    }, 400, 'invalid_grant'),
    withCode('token: a code with another offer id under the same MAC is invalid_grant', (v) => {
      const raw = Buffer.from(v.code, 'base64url');
      raw[1] ^= 0x80;
      return `${grant}&pre-authorized_code=${raw.toString('base64url')}`;
    }, 400, 'invalid_grant'),
    withCode('token: the offer id used as the code is invalid_grant',
      (v) => `${grant}&pre-authorized_code=${v.offerId}`, 400, 'invalid_grant'),
    withCode('token: the code with a trailing character is invalid_grant',
      (v) => `${grant}&pre-authorized_code=${v.code}A`, 400, 'invalid_grant'),
    withCode('token: the code with + (a space) appended is invalid_grant',
      (v) => `${grant}&pre-authorized_code=${v.code}+`, 400, 'invalid_grant'),
    {
      name: 'token: a replayed pre-authorized code is invalid_grant',
      prepare: async (ctx) => {
        const v = await ctx.freshCode();
        const first = await ctx.redeem(v.code);
        if (first.status !== 200) throw new Error(`setup: first redemption: ${first.status}`);
        return v;
      },
      request: (v, ctx) => ctx.tokenRequest(`${grant}&${codeParam(v)}`),
      status: 400,
      error: 'invalid_grant',
    },
  );
  return cases;
}

function txCodes() {
  const tx = { offer: { txCode: true } };
  const cases = [
    withCode('token: a missing tx_code is invalid_request', (v) => `${grant}&${codeParam(v)}`,
      400, 'invalid_request', tx),
    withCode('token: a tx_code the offer does not use is invalid_request',
      (v) => `${grant}&${codeParam(v)}&tx_code=123456`, 400, 'invalid_request'),
    withCode('token: a 10000-digit tx_code is invalid_grant',
      (v) => `${grant}&${codeParam(v)}&tx_code=${'9'.repeat(10_000)}`, 400, 'invalid_grant', tx),
    withCode('token: the tx_code with a suffix is invalid_grant',
      (v) => `${grant}&${codeParam(v)}&tx_code=${v.txCode}0`, 400, 'invalid_grant', tx),
    withCode('token: the tx_code with a trailing space is invalid_grant',
      (v) => `${grant}&${codeParam(v)}&tx_code=${v.txCode}+`, 400, 'invalid_grant', tx),
    withCode('token: the tx_code with a NUL suffix is invalid_grant',
      (v) => `${grant}&${codeParam(v)}&tx_code=${v.txCode}%00`, 400, 'invalid_grant', tx),
    withCode('token: a tx_code of invalid UTF-8 is invalid_request',
      (v) => `${grant}&${codeParam(v)}&tx_code=%ff`, 400, 'invalid_request', tx),
    // RFC 6749 section 3.2: "Parameters sent without a value MUST be treated as if they were
    // omitted from the request."
    withCode('token: an empty tx_code counts as a missing one: invalid_request',
      (v) => `${grant}&${codeParam(v)}&tx_code=`, 400, 'invalid_request', tx),
    withCode('token: an empty tx_code on an offer without one is ignored (200)',
      (v) => `${grant}&${codeParam(v)}&tx_code=`, 200),
    withCode('token: an empty authorization_details is ignored (200)',
      (v) => `${grant}&${codeParam(v)}&authorization_details=`, 200),
    withCode('token: unknown parameters are ignored (RFC 6749 section 3.2)',
      (v) => `${grant}&${codeParam(v)}&scope=admin&redirect_uri=http%3A%2F%2Fevil&x=%00`, 200),
  ];
  // A brute force on one offer: max_attempts (5) wrong codes, then even the right one fails.
  const kKey = 'brute-force offer';
  for (let attempt = 1; attempt <= 5; ++attempt) {
    cases.push({
      name: `token: tx_code brute force, wrong guess ${attempt} of 5 is invalid_grant`,
      prepare: async (ctx) => {
        if (!ctx.shared.has(kKey)) ctx.shared.set(kKey, await ctx.freshCode({ txCode: true }));
        return ctx.shared.get(kKey);
      },
      request: (v, ctx) => {
        const wrong = String((Number(v.txCode) + attempt) % 1_000_000).padStart(6, '0');
        return ctx.tokenRequest(`${grant}&${codeParam(v)}&tx_code=${wrong}`);
      },
      status: 400,
      error: 'invalid_grant',
    });
  }
  for (const round of [1, 2, 3]) {
    cases.push({
      name: `token: after the cap the right tx_code is invalid_grant (try ${round})`,
      prepare: async (ctx) => ctx.shared.get(kKey),
      request: (v, ctx) => ctx.tokenRequest(`${grant}&${codeParam(v)}&tx_code=${v.txCode}`),
      status: 400,
      error: 'invalid_grant',
    });
  }
  cases.push({
    name: 'token: after the cap the offer document is gone (404)',
    prepare: async (ctx) => ctx.shared.get(kKey),
    request: (v) => ({ path: `/credential-offer/${v.offerId}` }),
    status: 404,
  });
  return cases;
}

function authorizationDetails() {
  const details = [
    ['not JSON', '{'],
    ['a JSON object', '{"type":"openid_credential"}'],
    ['an empty array', '[]'],
    ['nine entries', JSON.stringify(Array(9).fill({ type: 'openid_credential',
      credential_configuration_id: 'employee_badge' }))],
    ['a wrong type', JSON.stringify([{ type: 'payment_initiation',
      credential_configuration_id: 'employee_badge' }])],
    ['another configuration', JSON.stringify([{ type: 'openid_credential',
      credential_configuration_id: 'diploma' }])],
    ['a number for the configuration', JSON.stringify([{ type: 'openid_credential',
      credential_configuration_id: 1 }])],
    ['a string entry', '["openid_credential"]'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a huge number', '[{"type":"openid_credential","credential_configuration_id":1e999999}]'],
  ];
  return details.map(([name, text]) => withCode(
    `token: authorization_details with ${name} is invalid_authorization_details`,
    (v) => `${grant}&${codeParam(v)}&authorization_details=${encodeURIComponent(text)}`, 400,
    'invalid_authorization_details'));
}

function methods() {
  return ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'].map((method) => ({
    name: `token: ${method} /token is 405`,
    request: () => ({ method, path: `/token?${grant}&pre-authorized_code=x` }),
    status: 405,
    error: method === 'HEAD' ? undefined : 'invalid_request',
  }));
}

export const tokenCases = () => [...contentTypes(), ...malformedForms(), ...duplicates(),
  ...grantTypes(), ...badCodes(), ...txCodes(), ...authorizationDetails(), ...methods()];
