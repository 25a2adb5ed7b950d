// Project issue #4: every OID4VCI 1.0 rule of the pre-authorized code flow, each with the exact
// answer to its violation, against the real daemon. One table row per rule: the row's name cites
// the section, its request breaks (or, for a few positive rows, keeps) the rule, and the row
// states the HTTP status and the `error` code. No row may be answered with a 5xx.
//
// Specifications: OID4VCI 1.0 (final), RFC 6749 (OAuth 2.0), RFC 6750 (Bearer tokens),
// RFC 9396 (authorization_details), RFC 7515/7517/7519 (JWS, JWK, JWT), SD-JWT (RFC 9901),
// the Fetch Standard (CORS), RFC 9110 (HTTP semantics).

import assert from 'node:assert/strict';
import { KeyObject, randomBytes, sign } from 'node:crypto';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  createOffer, credentialRequest, employeeClaims, env, fetchOfferDocument, holderKey, jose,
  kPreAuthorizedGrantType, kProofJwtType, makeProof, mustCreateOffer, newAccessToken, newCode,
  newNonce, nowSeconds, recordClaimSecrets, recordSecret, request, tokenRequest, unsignedProof,
} from './helpers.mjs';
import { kBatchSize, kConfigurations, kRestrictedClient } from './policy-fixture.mjs';

// Issue #4: access tokens live at most 5 minutes (the ceiling of [lifetimes] access_token).
const kMaxAccessTokenLifetime = 300;
const kFixedOrganisation = kConfigurations.member_card.claims
  .find((c) => c.name === 'organisation').value;
const suffix = () => randomBytes(6).toString('hex');

// ---------------------------------------------------------------------------------------------
// Building blocks

function memberClaims(extra = {}) {
  const claims = { member_name: `Chidi Anagonye-${suffix()}`, ...extra };
  recordClaimSecrets(claims);
  return claims;
}

function json(response) {
  try {
    return response.text ? JSON.parse(response.text) : undefined;
  } catch {
    return { unparsed: response.text };
  }
}

/** rawCredential: POST /credential with full control over headers, query and body. */
async function rawCredential({ accessToken, query = '', headers = {}, body,
  contentType = 'application/json', path = '/credential' }) {
  const response = await request(`${env.issuer}${path}${query}`, {
    method: 'POST',
    headers: { ...(contentType ? { 'Content-Type': contentType } : {}),
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: json(response),
    text: response.text };
}

/** rawToken: POST /token with any body and content type. */
async function rawToken(body, contentType) {
  const response = await request(`${env.issuer}/token`, { method: 'POST',
    headers: contentType ? { 'Content-Type': contentType } : {}, body });
  const parsed = json(response);
  recordSecret(parsed?.access_token);
  return { status: response.status, headers: response.headers, body: parsed };
}

async function notify(accessToken, body, contentType = 'application/json') {
  return rawCredential({ accessToken, path: '/notification', body, contentType });
}

/** issue: a fresh token, nonce and key, and one credential for `configurationId`. */
async function issue({ configurationId = 'employee_badge', claims } = {}) {
  const options = { configurationId, ...(claims ? { claims } : {}) };
  if (configurationId === 'member_card' && !claims) options.claims = memberClaims();
  const { accessToken } = await newAccessToken(options);
  const key = await holderKey();
  const response = await credentialRequest({ accessToken, configurationId,
    proof: await makeProof(key, { nonce: await newNonce() }) });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  recordSecret(response.body.notification_id);
  return { accessToken, key, response };
}

// did:jwk (https://github.com/quartzjer/did-jwk) and did:key (W3C CCG did:key, multibase
// base58btc of the multicodec public key) names of a holder key.
function didJwk(publicJwk) {
  const { kty, crv, x, y } = publicJwk;
  const jwk = y === undefined ? { kty, crv, x } : { kty, crv, x, y };
  return `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
}

const kBase58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58btc(bytes) {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = kBase58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function didKey(publicJwk) {
  const x = Buffer.from(publicJwk.x, 'base64url');
  let multicodec;
  if (publicJwk.crv === 'Ed25519') {
    multicodec = Buffer.concat([Buffer.from([0xed, 0x01]), x]);
  } else {
    // p256-pub (0x1200) takes the compressed point.
    const y = Buffer.from(publicJwk.y, 'base64url');
    multicodec = Buffer.concat([Buffer.from([0x80, 0x24, 0x02 | (y[y.length - 1] & 1)]), x]);
  }
  const multibase = `z${base58btc(multicodec)}`;
  return `did:key:${multibase}#${multibase}`;
}

/** proofWithKid: a proof naming its key by `kid` instead of `jwk`. */
function proofWithKid(key, kid, nonce) {
  return makeProof(key, { nonce, header: { jwk: undefined, kid } });
}

/** hs256Proof: a proof MACed with a symmetric key (never acceptable for key binding). */
async function hs256Proof(key, nonce) {
  const secret = randomBytes(32);
  return new jose.CompactSign(Buffer.from(JSON.stringify({ aud: env.issuer, iat: nowSeconds(),
    nonce }))).setProtectedHeader({ alg: 'HS256', typ: kProofJwtType, jwk: key.publicJwk })
    .sign(secret);
}

/** rawEs256Proof: a proof signed by hand (jose refuses to sign headers with unknown crit). */
function rawEs256Proof(key, header, payload) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'ES256', typ: kProofJwtType, jwk: key.publicJwk, ...header })}.${
    b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: KeyObject.from(key.privateKey),
    dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function decodeSdJwt(credential) {
  const [jwt, ...disclosures] = credential.slice(0, -1).split('~');
  return { payload: jose.decodeJwt(jwt), header: jose.decodeProtectedHeader(jwt),
    disclosures: disclosures.map((d) => JSON.parse(Buffer.from(d, 'base64url'))) };
}

// wrongTxCode: a tx_code of the same form that differs in its first character.
const wrongTxCode = (txCode) => (/^[0-9]/.test(txCode)
  ? `${(Number(txCode[0]) + 1) % 10}` : (txCode[0] === 'A' ? 'B' : 'A')) + txCode.slice(1);

// Slow rules (expiry) start their clocks when the file loads and are checked at the end.
const kOfferMinLifetime = 30;
const expiringOffer = mustCreateOffer({ claims: employeeClaims(), expiresIn: kOfferMinLifetime });

// ---------------------------------------------------------------------------------------------
// The table. Each row: name (citing the rule), run() -> response, status, error (undefined:
// no error body expected), and check(response) for what else the rule demands.

function bareChallenge(response) {
  // RFC 6750 section 3.1: a request without authentication gets no error code.
  const challenge = response.headers.get('www-authenticate') ?? '';
  assert.match(challenge, /^Bearer\b/);
  assert.doesNotMatch(challenge, /error=/);
}

function invalidTokenChallenge(response) {
  assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer\b.*error="invalid_token"/);
}

function noStore(response) {
  assert.match(response.headers.get('cache-control') ?? '', /no-store/);
}

/** proofRow: a credential request whose only fault is its proof. */
function proofRow(name, build, { error = 'invalid_proof', configurationId = 'employee_badge',
  alg = 'ES256' } = {}) {
  return {
    name,
    status: 400,
    error,
    run: async () => {
      const claims = configurationId === 'member_card' ? memberClaims() : undefined;
      const { accessToken } = await newAccessToken({ configurationId, claims });
      const key = await holderKey(alg);
      const proof = await build(key, await newNonce());
      return credentialRequest({ accessToken, configurationId, proof });
    },
  };
}

/** bodyRow: a credential request whose only fault is its body. */
function bodyRow(name, makeBody, error, { tokenOptions = {}, status = 400 } = {}) {
  return {
    name,
    status,
    error,
    run: async () => {
      const { accessToken } = await newAccessToken(tokenOptions);
      const key = await holderKey();
      const proof = await makeProof(key, { nonce: await newNonce() });
      return credentialRequest({ accessToken, body: await makeBody(proof, key) });
    },
  };
}

const kAuthorizationDetails = JSON.stringify([{ type: 'openid_credential',
  credential_configuration_id: 'employee_badge' }]);

const tokenRows = [
  {
    name: 'OID4VCI 1.0 §6.1 / RFC 6749 §4.1.3: a JSON token request body is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => {
      const { code } = await newCode();
      return rawToken(JSON.stringify({ grant_type: kPreAuthorizedGrantType,
        'pre-authorized_code': code }), 'application/json');
    },
  },
  {
    name: 'OID4VCI 1.0 §6.1 / RFC 6749 §3.2: a form without its content type is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => {
      const { code } = await newCode();
      return rawToken(new URLSearchParams({ grant_type: kPreAuthorizedGrantType,
        'pre-authorized_code': code }).toString(), 'text/plain');
    },
  },
  {
    name: 'RFC 6749 §3.2 / RFC 9110 §8.3.1: a form content type with a charset parameter is ' +
      'accepted',
    status: 200,
    run: async () => rawToken(new URLSearchParams({ grant_type: kPreAuthorizedGrantType,
      'pre-authorized_code': (await newCode()).code }).toString(),
    'application/x-www-form-urlencoded; charset=UTF-8'),
  },
  {
    name: 'RFC 6749 §5.2: an unknown grant_type is unsupported_grant_type',
    status: 400, error: 'unsupported_grant_type',
    run: async () => tokenRequest({ grant_type: 'urn:example:unknown-grant',
      'pre-authorized_code': (await newCode()).code }),
  },
  {
    name: 'RFC 6749 §5.2: a missing grant_type is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => rawToken(new URLSearchParams({ 'pre-authorized_code': (await newCode()).code })
      .toString(), 'application/x-www-form-urlencoded'),
  },
  {
    name: 'OID4VCI 1.0 §6.1 / RFC 6749 §5.2: a missing pre-authorized_code is invalid_request',
    status: 400, error: 'invalid_request',
    run: () => tokenRequest({}),
  },
  {
    name: 'RFC 6749 §3.2: a repeated parameter is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => {
      const { code } = await newCode();
      const form = new URLSearchParams({ grant_type: kPreAuthorizedGrantType,
        'pre-authorized_code': code });
      form.append('pre-authorized_code', code);
      return rawToken(form.toString(), 'application/x-www-form-urlencoded');
    },
  },
  {
    name: 'OID4VCI 1.0 §6.3 / RFC 6749 §5.2: an unknown pre-authorized code is invalid_grant',
    status: 400, error: 'invalid_grant',
    run: () => tokenRequest({ 'pre-authorized_code': randomBytes(32).toString('base64url') }),
  },
  {
    name: 'OID4VCI 1.0 §6.3 / RFC 6749 §5.2: a used pre-authorized code is invalid_grant',
    status: 400, error: 'invalid_grant',
    run: async () => {
      const { code } = await newCode();
      assert.equal((await tokenRequest({ 'pre-authorized_code': code })).status, 200);
      return tokenRequest({ 'pre-authorized_code': code });
    },
  },
  {
    name: 'OID4VCI 1.0 §6.3: a tx_code missing where the offer requires one is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => tokenRequest({
      'pre-authorized_code': (await newCode({ txCode: true })).code }),
  },
  {
    name: 'OID4VCI 1.0 §6.3: a tx_code sent where the offer has none is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => tokenRequest({ 'pre-authorized_code': (await newCode()).code,
      tx_code: '123456' }),
  },
  {
    name: 'OID4VCI 1.0 §6.3: a wrong tx_code is invalid_grant and does not consume the code',
    status: 400, error: 'invalid_grant',
    run: async () => {
      const { code, txCode } = await newCode({ txCode: true });
      const wrong = await tokenRequest({ 'pre-authorized_code': code,
        tx_code: wrongTxCode(txCode) });
      const right = await tokenRequest({ 'pre-authorized_code': code, tx_code: txCode });
      assert.equal(right.status, 200, JSON.stringify(right.body));
      return wrong;
    },
  },
  {
    name: 'OID4VCI 1.0 §6.3, §13 (tx_code brute force): after 5 wrong tx_codes the code is ' +
      'invalid_grant forever, even with the right tx_code',
    status: 400, error: 'invalid_grant',
    run: async () => {
      const { code, txCode } = await newCode({ txCode: true });
      const maxAttempts = kConfigurations.employee_badge.txCode.maxAttempts;
      for (let i = 0; i < maxAttempts; ++i) {
        const r = await tokenRequest({ 'pre-authorized_code': code, tx_code: wrongTxCode(txCode) });
        assert.equal(r.body?.error, 'invalid_grant', `attempt ${i + 1}`);
      }
      const right = await tokenRequest({ 'pre-authorized_code': code, tx_code: txCode });
      assert.equal(right.body?.error, 'invalid_grant', 'the right tx_code after the cap');
      return tokenRequest({ 'pre-authorized_code': code, tx_code: txCode });
    },
  },
  {
    name: 'OID4VCI 1.0 §6.3: a text tx_code (member_card, required) that is wrong is ' +
      'invalid_grant, the right one still works',
    status: 400, error: 'invalid_grant',
    run: async () => {
      const { code, txCode } = await newCode({ configurationId: 'member_card',
        claims: memberClaims() });
      assert.match(txCode, /^[A-Z0-9]{8}$/);
      const wrong = await tokenRequest({ 'pre-authorized_code': code,
        tx_code: wrongTxCode(txCode) });
      assert.equal((await tokenRequest({ 'pre-authorized_code': code, tx_code: txCode })).status,
        200);
      return wrong;
    },
  },
  {
    name: 'RFC 6749 §3.2 / OID4VCI 1.0 §6.1: unknown token request parameters are ignored',
    status: 200,
    run: async () => tokenRequest({ 'pre-authorized_code': (await newCode()).code,
      frobnicate: 'yes', scope_hint: 'x' }),
    check: (r) => {
      assert.equal(typeof r.body.access_token, 'string');
      assert.equal(r.body.token_type.toLowerCase(), 'bearer');
    },
  },
  {
    name: 'OID4VCI 1.0 §6.2 / RFC 6749 §5.1: the token response is no-store, expires_in <= 300',
    status: 200,
    run: async () => tokenRequest({ 'pre-authorized_code': (await newCode()).code }),
    check: (r) => {
      noStore(r);
      assert.ok(Number.isInteger(r.body.expires_in) && r.body.expires_in > 0 &&
        r.body.expires_in <= kMaxAccessTokenLifetime, `expires_in ${r.body.expires_in}`);
      assert.equal(r.body.authorization_details, undefined, 'none asked, none answered');
    },
  },
  {
    name: 'OID4VCI 1.0 §6.2 / RFC 9396 §7: authorization_details are answered with ' +
      'credential_identifiers',
    status: 200,
    run: async () => tokenRequest({ 'pre-authorized_code': (await newCode()).code,
      authorization_details: kAuthorizationDetails }),
    check: (r) => {
      const [detail, ...rest] = r.body.authorization_details;
      assert.equal(rest.length, 0);
      assert.equal(detail.type, 'openid_credential');
      assert.equal(detail.credential_configuration_id, 'employee_badge');
      assert.ok(Array.isArray(detail.credential_identifiers) &&
        detail.credential_identifiers.length >= 1);
      for (const id of detail.credential_identifiers) assert.equal(typeof id, 'string');
    },
  },
  ...[
    ['not JSON', '{not json'],
    ['not an array', JSON.stringify({ type: 'openid_credential',
      credential_configuration_id: 'employee_badge' })],
    ['an empty array', '[]'],
    ['of another type', JSON.stringify([{ type: 'payment_initiation',
      credential_configuration_id: 'employee_badge' }])],
    ['without credential_configuration_id', JSON.stringify([{ type: 'openid_credential' }])],
    ['for a configuration the offer does not hold', JSON.stringify([{ type: 'openid_credential',
      credential_configuration_id: 'diploma' }])],
  ].map(([what, details]) => ({
    name: `OID4VCI 1.0 §6.3 / RFC 9396 §5: authorization_details ${what} is ` +
      'invalid_authorization_details',
    status: 400, error: 'invalid_authorization_details',
    run: async () => tokenRequest({ 'pre-authorized_code': (await newCode()).code,
      authorization_details: details }),
  })),
  {
    name: 'RFC 9110 §15.5.6: GET on the token endpoint is 405 with Allow: POST',
    status: 405, error: 'invalid_request',
    run: async () => {
      const r = await request(`${env.issuer}/token`);
      return { status: r.status, headers: r.headers, body: json(r) };
    },
    check: (r) => assert.match(r.headers.get('allow') ?? '', /POST/),
  },
];

const nonceRows = [
  {
    name: 'OID4VCI 1.0 §7.2: POST /nonce answers a c_nonce with Cache-Control: no-store',
    status: 200,
    run: async () => {
      const r = await request(`${env.issuer}/nonce`, { method: 'POST' });
      const body = json(r);
      recordSecret(body?.c_nonce);
      return { status: r.status, headers: r.headers, body };
    },
    check: (r) => {
      noStore(r);
      assert.equal(typeof r.body.c_nonce, 'string');
      assert.ok(r.body.c_nonce.length >= 22);
    },
  },
  {
    name: 'OID4VCI 1.0 §7.1: the nonce endpoint is POST only (GET is 405)',
    status: 405, error: 'invalid_request',
    run: async () => {
      const r = await request(`${env.issuer}/nonce`);
      return { status: r.status, headers: r.headers, body: json(r) };
    },
    check: (r) => assert.match(r.headers.get('allow') ?? '', /POST/),
  },
];

const authRows = [
  {
    name: 'OID4VCI 1.0 §8 / RFC 6750 §2.3, §3.1: a token only in the query string counts as ' +
      'no token (401, bare Bearer challenge)',
    status: 401,
    run: async () => {
      const { accessToken } = await newAccessToken();
      const key = await holderKey();
      return rawCredential({ query: `?access_token=${encodeURIComponent(accessToken)}`,
        body: { credential_configuration_id: 'employee_badge',
          proofs: { jwt: [await makeProof(key, { nonce: await newNonce() })] } } });
    },
    check: bareChallenge,
  },
  {
    name: 'RFC 6750 §3.1: a token in both the query string and the header is invalid_request',
    status: 400, error: 'invalid_request',
    run: async () => {
      const { accessToken } = await newAccessToken();
      const key = await holderKey();
      return rawCredential({ accessToken,
        query: `?access_token=${encodeURIComponent(accessToken)}`,
        body: { credential_configuration_id: 'employee_badge',
          proofs: { jwt: [await makeProof(key, { nonce: await newNonce() })] } } });
    },
  },
  {
    name: 'RFC 6750 §3.1: no access token is 401 with a bare Bearer challenge',
    status: 401,
    run: async () => rawCredential({ body: { credential_configuration_id: 'employee_badge' } }),
    check: bareChallenge,
  },
  {
    name: 'RFC 6750 §3.1: an unknown access token is 401 invalid_token in the challenge',
    status: 401, error: 'invalid_token',
    run: async () => rawCredential({ accessToken: randomBytes(32).toString('base64url'),
      body: { credential_configuration_id: 'employee_badge' } }),
    check: invalidTokenChallenge,
  },
  {
    name: 'RFC 6750 §2.1, §3.1: an Authorization header of another scheme is 401 invalid_token',
    status: 401, error: 'invalid_token',
    run: async () => rawCredential({ headers: { Authorization: 'Basic dXNlcjpwYXNz' },
      body: { credential_configuration_id: 'employee_badge' } }),
    check: invalidTokenChallenge,
  },
  {
    name: 'RFC 9110 §15.5.6: GET on the credential endpoint is 405',
    status: 405, error: 'invalid_request',
    run: async () => {
      const r = await request(`${env.issuer}/credential`);
      return { status: r.status, headers: r.headers, body: json(r) };
    },
  },
];

const requestRows = [
  {
    name: 'OID4VCI 1.0 §8.2, §8.3.1.2: a body that is not JSON is invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => rawCredential({ accessToken: (await newAccessToken()).accessToken,
      body: '{"credential_configuration_id": ' }),
  },
  {
    name: 'OID4VCI 1.0 §8.2: a body that is not application/json is invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => rawCredential({ accessToken: (await newAccessToken()).accessToken,
      contentType: 'application/x-www-form-urlencoded',
      body: 'credential_configuration_id=employee_badge' }),
  },
  {
    name: 'OID4VCI 1.0 §8.2: a JSON array body is invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => rawCredential({ accessToken: (await newAccessToken()).accessToken,
      body: [{ credential_configuration_id: 'employee_badge' }] }),
  },
  bodyRow('OID4VCI 1.0 §8.2: both credential_identifier and credential_configuration_id is ' +
    'invalid_credential_request', (proof) => ({ credential_identifier: 'employee_badge:1',
    credential_configuration_id: 'employee_badge', proofs: { jwt: [proof] } }),
  'invalid_credential_request'),
  bodyRow('OID4VCI 1.0 §8.2: neither credential_identifier nor credential_configuration_id is ' +
    'invalid_credential_request', (proof) => ({ proofs: { jwt: [proof] } }),
  'invalid_credential_request'),
  bodyRow('OID4VCI 1.0 §8.2 (draft-era request): a body with only `format` is ' +
    'invalid_credential_request', (proof) => ({ format: 'dc+sd-jwt',
    vct: kConfigurations.employee_badge.vct, proofs: { jwt: [proof] } }),
  'invalid_credential_request'),
  bodyRow('OID4VCI 1.0 §8.3.1.2: an unknown credential_configuration_id is ' +
    'unknown_credential_configuration', (proof) => ({
    credential_configuration_id: 'no_such_configuration', proofs: { jwt: [proof] } }),
  'unknown_credential_configuration'),
  bodyRow('OID4VCI 1.0 §8.2: a non-string credential_configuration_id is ' +
    'invalid_credential_request', (proof) => ({ credential_configuration_id: 42,
    proofs: { jwt: [proof] } }), 'invalid_credential_request'),
  {
    name: 'OID4VCI 1.0 §8.2: with credential_identifiers in the token response, ' +
      'credential_configuration_id is invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => {
      const { code } = await newCode();
      const t = await tokenRequest({ 'pre-authorized_code': code,
        authorization_details: kAuthorizationDetails });
      const key = await holderKey();
      return credentialRequest({ accessToken: t.body.access_token,
        proof: await makeProof(key, { nonce: await newNonce() }) });
    },
  },
  {
    name: 'OID4VCI 1.0 §8.3.1.2: an identifier the token response did not name is ' +
      'unknown_credential_identifier',
    status: 400, error: 'unknown_credential_identifier',
    run: async () => {
      const { code } = await newCode();
      const t = await tokenRequest({ 'pre-authorized_code': code,
        authorization_details: kAuthorizationDetails });
      const key = await holderKey();
      return credentialRequest({ accessToken: t.body.access_token,
        body: { credential_identifier: 'not-an-identifier-we-were-given',
          proofs: { jwt: [await makeProof(key, { nonce: await newNonce() })] } } });
    },
  },
  bodyRow('OID4VCI 1.0 §8.3.1.2: a credential_identifier when the token response named none ' +
    'is unknown_credential_identifier', (proof) => ({ credential_identifier: 'employee_badge:1',
    proofs: { jwt: [proof] } }), 'unknown_credential_identifier'),
  {
    name: 'OID4VCI 1.0 §8.2: the credential_identifier of the token response is issued',
    status: 200,
    run: async () => {
      const { code } = await newCode();
      const t = await tokenRequest({ 'pre-authorized_code': code,
        authorization_details: kAuthorizationDetails });
      const [identifier] = t.body.authorization_details[0].credential_identifiers;
      const key = await holderKey();
      return credentialRequest({ accessToken: t.body.access_token,
        body: { credential_identifier: identifier,
          proofs: { jwt: [await makeProof(key, { nonce: await newNonce() })] } } });
    },
    check: (r) => assert.equal(r.body.credentials.length, 1),
  },
];

const proofsRows = [
  bodyRow('OID4VCI 1.0 §8.2, §8.3.1.2: proofs with two proof types is invalid_proof',
    (proof) => ({ credential_configuration_id: 'employee_badge',
      proofs: { jwt: [proof], ldp_vp: [{}] } }), 'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2, §8.3.1.2: an empty proofs.jwt array is invalid_proof',
    () => ({ credential_configuration_id: 'employee_badge', proofs: { jwt: [] } }),
    'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2, §8.3.1.2: missing proofs is invalid_proof',
    () => ({ credential_configuration_id: 'employee_badge' }), 'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2: an empty proofs object is invalid_proof',
    () => ({ credential_configuration_id: 'employee_badge', proofs: {} }), 'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2: proofs.jwt that is a string, not an array, is invalid_proof',
    (proof) => ({ credential_configuration_id: 'employee_badge', proofs: { jwt: proof } }),
    'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2: a proof type the configuration does not support is invalid_proof',
    (proof) => ({ credential_configuration_id: 'employee_badge',
      proofs: { attestation: [proof] } }), 'invalid_proof'),
  bodyRow('OID4VCI 1.0 §8.2 (draft 15 singular `proof`, compatibility off): proofs missing is ' +
    'invalid_proof', (proof) => ({ credential_configuration_id: 'employee_badge',
    proof: { proof_type: 'jwt', jwt: proof } }), 'invalid_proof'),
  proofRow('OID4VCI 1.0 App. F.1, §8.3.1.2: a proof without nonce is invalid_proof',
    (key) => makeProof(key, {})),
  proofRow('OID4VCI 1.0 App. F.1: a proof with an empty nonce is invalid_proof',
    (key) => makeProof(key, { nonce: '' })),
  proofRow('OID4VCI 1.0 App. F.1: typ JWT instead of openid4vci-proof+jwt is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, header: { typ: 'JWT' } })),
  proofRow('OID4VCI 1.0 App. F.1: a proof without typ is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, header: { typ: undefined } })),
  proofRow('OID4VCI 1.0 App. F.1, §12.2.4: an alg not in ' +
    'proof_signing_alg_values_supported (ES384) is invalid_proof',
  (key, nonce) => makeProof(key, { nonce }), { alg: 'ES384' }),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7519 §6: alg none is invalid_proof',
    (key, nonce) => unsignedProof(key, { nonce })),
  proofRow('OID4VCI 1.0 App. F.1: a MAC (HS256) is invalid_proof',
    (key, nonce) => hs256Proof(key, nonce)),
  proofRow('OID4VCI 1.0 App. F.1: an alg that does not fit the key (EdDSA header, P-256 key) ' +
    'is invalid_proof', async (key, nonce) => {
    const header = { alg: 'EdDSA', typ: kProofJwtType, jwk: key.publicJwk };
    const payload = { aud: env.issuer, iat: nowSeconds(), nonce };
    const signed = await makeProof(key, { nonce });
    const [, , signature] = signed.split('.');
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${b64(header)}.${b64(payload)}.${signature}`;
  }),
  proofRow('OID4VCI 1.0 App. F.1: both kid and jwk in the header is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, header: { kid: didJwk(key.publicJwk) + '#0' } }),
    { configurationId: 'member_card' }),
  proofRow('OID4VCI 1.0 App. F.1: neither kid, jwk nor x5c in the header is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, header: { jwk: undefined } })),
  proofRow('OID4VCI 1.0 App. F.1: an x5c header (no trust anchors for wallet keys) is ' +
    'invalid_proof', (key, nonce) => makeProof(key, { nonce, header: { jwk: undefined,
    x5c: [randomBytes(64).toString('base64')] } })),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7517 §4: private key members in the jwk header is ' +
    'invalid_proof', async (key, nonce) => makeProof(key, { nonce,
    header: { jwk: await jose.exportJWK(key.privateKey) } })),
  proofRow('OID4VCI 1.0 App. F.1, §12.2.4: a did:jwk kid where ' +
    'cryptographic_binding_methods_supported is [jwk] is invalid_proof',
  (key, nonce) => proofWithKid(key, `${didJwk(key.publicJwk)}#0`, nonce)),
  proofRow('OID4VCI 1.0 App. F.1, §12.2.4: a did:key kid where ' +
    'cryptographic_binding_methods_supported is [jwk] is invalid_proof',
  (key, nonce) => proofWithKid(key, didKey(key.publicJwk), nonce)),
  proofRow('OID4VCI 1.0 App. F.1: a kid that is no DID URL is invalid_proof',
    (key, nonce) => proofWithKid(key, 'holder-key-1', nonce), { configurationId: 'member_card' }),
  proofRow('OID4VCI 1.0 App. F.1: a did:key kid naming another key than the signer is ' +
    'invalid_proof', async (key, nonce) => proofWithKid(key,
    didKey((await holderKey()).publicJwk), nonce), { configurationId: 'member_card' }),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7515 §5.2: a signature by another key than the header ' +
    'names is invalid_proof', async (key, nonce) => makeProof(key, { nonce,
    header: { jwk: (await holderKey()).publicJwk } })),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7515 §5.2: a tampered payload is invalid_proof',
    async (key, nonce) => {
      const [h, , s] = (await makeProof(key, { nonce })).split('.');
      const payload = Buffer.from(JSON.stringify({ aud: env.issuer, iat: nowSeconds() - 1,
        nonce })).toString('base64url');
      return `${h}.${payload}.${s}`;
    }),
  proofRow('OID4VCI 1.0 App. F.1: a proof that is not a compact JWS is invalid_proof',
    () => 'not.a-jwt'),
  proofRow('OID4VCI 1.0 App. F.1: aud other than the credential issuer is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, aud: `${env.issuer}/other` })),
  proofRow('OID4VCI 1.0 App. F.1: a proof without aud is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, payload: { aud: undefined } })),
  proofRow('OID4VCI 1.0 App. F.1, F.4: iat too old (1 hour) is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, iat: nowSeconds() - 3600 })),
  proofRow('OID4VCI 1.0 App. F.1: iat too far in the future (10 minutes) is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, iat: nowSeconds() + 600 })),
  proofRow('OID4VCI 1.0 App. F.1: a proof without iat is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, payload: { iat: undefined } })),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7517 §4.1: a symmetric (kty oct) jwk is invalid_proof',
    (key, nonce) => makeProof(key, { nonce, header: { jwk: { kty: 'oct',
      k: randomBytes(32).toString('base64url') } } })),
  proofRow('OID4VCI 1.0 App. F.1 / RFC 7518 §6.2.1: a jwk whose point is not on the curve is ' +
    'invalid_proof', (key, nonce) => makeProof(key, { nonce, header: { jwk: { ...key.publicJwk,
    y: key.publicJwk.x } } })),
  proofRow('OID4VCI 1.0 App. F.4 / RFC 7515 §4.1.11: a crit header naming an extension ' +
    'the issuer does not understand is invalid_proof', (key, nonce) => rawEs256Proof(key,
    { crit: ['urn:example:unknown-extension'], 'urn:example:unknown-extension': true },
    { aud: env.issuer, iat: nowSeconds(), nonce })),
  proofRow('OID4VCI 1.0 App. F.4 / RFC 7519 §4.1.4: a proof whose exp has passed is ' +
    'invalid_proof', (key, nonce) => makeProof(key, { nonce,
    payload: { exp: nowSeconds() - 120 } })),
  proofRow('OID4VCI 1.0 App. F.4 / RFC 7519 §4.1.5: a proof whose nbf is an hour ahead is ' +
    'invalid_proof', (key, nonce) => makeProof(key, { nonce,
    payload: { nbf: nowSeconds() + 3600 } })),
  bodyRow('OID4VCI 1.0 §8.2: a proofs.jwt element that is not a string is invalid_proof',
    () => ({ credential_configuration_id: 'employee_badge', proofs: { jwt: [42] } }),
    'invalid_proof'),
  proofRow('OID4VCI 1.0 §7.3, §8.3.1.2: an unknown c_nonce is invalid_nonce',
    (key) => makeProof(key, { nonce: randomBytes(32).toString('base64url') }),
    { error: 'invalid_nonce' }),
  {
    name: 'OID4VCI 1.0 §7.3, §8.3.1.2: a c_nonce used once already is invalid_nonce',
    status: 400, error: 'invalid_nonce',
    run: async () => {
      const nonce = await newNonce();
      const first = await newAccessToken();
      const ok = await credentialRequest({ accessToken: first.accessToken,
        proof: await makeProof(await holderKey(), { nonce }) });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const { accessToken } = await newAccessToken();
      return credentialRequest({ accessToken,
        proof: await makeProof(await holderKey(), { nonce }) });
    },
  },
  {
    name: 'OID4VCI 1.0 §7, §8.2: proofs of one request with different c_nonces is invalid_nonce',
    status: 400, error: 'invalid_nonce',
    run: async () => {
      const { accessToken } = await newAccessToken();
      const proofs = [await makeProof(await holderKey(), { nonce: await newNonce() }),
        await makeProof(await holderKey(), { nonce: await newNonce() })];
      return credentialRequest({ accessToken, body: { credential_configuration_id:
        'employee_badge', proofs: { jwt: proofs } } });
    },
  },
];

const batchRows = [
  {
    name: `OID4VCI 1.0 §8.2, §12.2.4: more proofs than batch_size (${kBatchSize + 1}) is ` +
      'invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => {
      const { accessToken } = await newAccessToken();
      const nonce = await newNonce();
      const proofs = [];
      for (let i = 0; i <= kBatchSize; ++i) {
        proofs.push(await makeProof(await holderKey(), { nonce }));
      }
      return credentialRequest({ accessToken, body: { credential_configuration_id:
        'employee_badge', proofs: { jwt: proofs } } });
    },
  },
  {
    name: 'OID4VCI 1.0 §8.2 (one credential per key): two proofs of one key is ' +
      'invalid_credential_request',
    status: 400, error: 'invalid_credential_request',
    run: async () => {
      const { accessToken } = await newAccessToken();
      const nonce = await newNonce();
      const key = await holderKey();
      const proofs = [await makeProof(key, { nonce }), await makeProof(key, { nonce })];
      return credentialRequest({ accessToken, body: { credential_configuration_id:
        'employee_badge', proofs: { jwt: proofs } } });
    },
  },
];

const adminRows = [
  {
    name: 'Admin API (policy `claims`): a client setting a claim it may not set is 403',
    status: 403, error: 'access_denied',
    run: () => createOffer({ configurationId: 'member_card', token: env.restrictedToken,
      claims: memberClaims({ member_level: 'gold' }) }),
  },
  {
    name: 'Admin API (policy client `configurations`): the restricted client may not offer ' +
      'employee_badge: 403',
    status: 403, error: 'access_denied',
    run: async () => createOffer({ token: env.restrictedToken,
      claims: employeeClaims() }),
  },
  {
    name: 'Admin API (policy `value =`): a client sending a fixed claim is 400',
    status: 400, error: 'invalid_request',
    run: () => createOffer({ configurationId: 'member_card',
      claims: memberClaims({ organisation: 'Somebody else' }) }),
  },
];

// ---------------------------------------------------------------------------------------------
// Run the table.

// Rows that fail because of a daemon bug are skipped with the bug as the reason; set
// VCI_E2E_RUN_DAEMON_BUGS=1 to run them (and see them fail until the daemon is fixed).
function daemonBug(reason) {
  return reason && !process.env.VCI_E2E_RUN_DAEMON_BUGS ? reason : false;
}

function runRows(rows) {
  for (const row of rows) {
    test(row.name, { skip: daemonBug(row.skip) }, async () => {
      const response = await row.run();
      const detail = JSON.stringify(response.body);
      assert.ok(response.status < 500, `never a 5xx: ${response.status} ${detail}`);
      assert.equal(response.status, row.status, detail);
      if (row.error !== undefined) {
        assert.equal(response.body?.error, row.error, detail);
      } else if (row.status >= 400) {
        assert.equal(response.text || '', '', 'no error body');
      }
      if (row.status >= 400 && row.status !== 405 && response.body !== undefined) {
        // RFC 6749 §5.2 / OID4VCI 1.0 §8.3.1: error answers are not cached either.
        noStore(response);
      }
      await row.check?.(response);
    });
  }
}

describe('token endpoint (OID4VCI 1.0 §6)', () => runRows(tokenRows));
describe('nonce endpoint (OID4VCI 1.0 §7)', () => runRows(nonceRows));
describe('credential endpoint authentication (RFC 6750)', () => runRows(authRows));
describe('credential request (OID4VCI 1.0 §8.2)', () => runRows(requestRows));
describe('proofs (OID4VCI 1.0 §8.2, appendix F)', () => runRows(proofsRows));
describe('batch issuance (OID4VCI 1.0 §8.2, §12.2.4)', () => runRows(batchRows));
describe('admin API policy rules', () => runRows(adminRows));

// ---------------------------------------------------------------------------------------------
// Rules whose answer is a success, or that need more than one exchange.

describe('holder key binding methods (OID4VCI 1.0 appendix F.1, §12.2.4)', () => {
  for (const [method, alg, kidOf] of [
    ['did:jwk', 'ES256', (jwk) => `${didJwk(jwk)}#0`],
    ['did:jwk', 'EdDSA', (jwk) => `${didJwk(jwk)}#0`],
    ['did:key', 'ES256', didKey],
    ['did:key', 'EdDSA', didKey],
  ]) {
    test(`OID4VCI 1.0 App. F.1: a ${method} kid (${alg}) is accepted where the configuration ` +
      `lists ${method}, and binds the credential to that key`, async () => {
      const { accessToken } = await newAccessToken({ configurationId: 'member_card',
        claims: memberClaims() });
      const key = await holderKey(alg);
      const r = await credentialRequest({ accessToken, configurationId: 'member_card',
        proof: await proofWithKid(key, kidOf(key.publicJwk), await newNonce()) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      recordSecret(r.body.notification_id);
      const { payload } = decodeSdJwt(r.body.credentials[0].credential);
      assert.equal(await jose.calculateJwkThumbprint(payload.cnf.jwk),
        await jose.calculateJwkThumbprint(key.publicJwk));
    });
  }
});

describe('credential response (OID4VCI 1.0 §8.3)', () => {
  test('OID4VCI 1.0 §8.3: success is 200 {"credentials":[{"credential"}], "notification_id"} ' +
    'with Date and Cache-Control: no-store', async () => {
    const { response: r } = await issue();
    assert.match(r.headers.get('content-type') ?? '', /^application\/json\b/);
    assert.deepEqual(Object.keys(r.body).sort(), ['credentials', 'notification_id']);
    assert.equal(r.body.credentials.length, 1);
    assert.deepEqual(Object.keys(r.body.credentials[0]), ['credential']);
    assert.equal(typeof r.body.credentials[0].credential, 'string');
    assert.equal(typeof r.body.notification_id, 'string');
    assert.ok(r.body.notification_id.length >= 16);
    assert.ok(!Number.isNaN(Date.parse(r.headers.get('date') ?? '')), 'a Date header');
    noStore(r);
  });

  test('OID4VCI 1.0 §8 (access token reuse): several credential requests with one access ' +
    'token, each with a fresh c_nonce, all succeed', async () => {
    const { accessToken } = await newAccessToken();
    for (let i = 0; i < 3; ++i) {
      const r = await credentialRequest({ accessToken,
        proof: await makeProof(await holderKey(), { nonce: await newNonce() }) });
      assert.equal(r.status, 200, `request ${i + 1}: ${JSON.stringify(r.body)}`);
      recordSecret(r.body.notification_id);
    }
  });

  test(`OID4VCI 1.0 §8.2, §8.3: a batch of ${kBatchSize} proofs gives one credential per key, ` +
    'distinct salts, identical iat/nbf/exp', async () => {
    const { accessToken } = await newAccessToken();
    const nonce = await newNonce();
    const keys = [];
    for (let i = 0; i < kBatchSize; ++i) keys.push(await holderKey(i % 2 ? 'EdDSA' : 'ES256'));
    const proofs = await Promise.all(keys.map((key) => makeProof(key, { nonce })));
    const r = await credentialRequest({ accessToken, body: {
      credential_configuration_id: 'employee_badge', proofs: { jwt: proofs } } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    recordSecret(r.body.notification_id);
    assert.equal(r.body.credentials.length, kBatchSize);
    const decoded = r.body.credentials.map((c) => decodeSdJwt(c.credential));
    const bound = await Promise.all(decoded.map((d) =>
      jose.calculateJwkThumbprint(d.payload.cnf.jwk)));
    const wanted = await Promise.all(keys.map((k) => jose.calculateJwkThumbprint(k.publicJwk)));
    assert.deepEqual([...bound].sort(), [...wanted].sort(), 'one credential per key');
    const salts = decoded.flatMap((d) => d.disclosures.map(([salt]) => salt));
    assert.ok(salts.length >= kBatchSize);
    assert.equal(new Set(salts).size, salts.length, 'no salt repeated across the batch');
    for (const field of ['iat', 'nbf', 'exp']) {
      assert.equal(new Set(decoded.map((d) => d.payload[field])).size, 1, `${field} identical`);
    }
  });
});

describe('notification endpoint (OID4VCI 1.0 §11)', () => {
  for (const event of ['credential_accepted', 'credential_failure', 'credential_deleted']) {
    test(`OID4VCI 1.0 §11.1, §11.2: event ${event} is 204, and idempotent`, async () => {
      const { accessToken, response } = await issue();
      const body = { notification_id: response.body.notification_id, event,
        event_description: `e2e ${event}` };
      const first = await notify(accessToken, body);
      assert.equal(first.status, 204, first.text);
      assert.equal(first.text, '');
      const again = await notify(accessToken, body);
      assert.equal(again.status, 204, again.text);
    });
  }

  const notificationRows = [
    ['an unknown notification_id', (id) => ({ notification_id: `${id}x`,
      event: 'credential_accepted' }), 'invalid_notification_id'],
    ['an unknown event', (id) => ({ notification_id: id, event: 'credential_liked' }),
      'invalid_notification_request'],
    ['no event', (id) => ({ notification_id: id }), 'invalid_notification_request'],
    ['no notification_id', () => ({ event: 'credential_accepted' }),
      'invalid_notification_request'],
    ['a non-string event_description', (id) => ({ notification_id: id,
      event: 'credential_accepted', event_description: 42 }), 'invalid_notification_request'],
    ['a body that is not JSON', () => '{"notification_id":', 'invalid_notification_request'],
  ];
  for (const [what, body, error] of notificationRows) {
    test(`OID4VCI 1.0 §11.3: ${what} is 400 ${error}`, async () => {
      const { accessToken, response } = await issue();
      const r = await notify(accessToken, body(response.body.notification_id));
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body?.error, error);
    });
  }

  test('OID4VCI 1.0 §11.3: the notification_id of another access token is ' +
    'invalid_notification_id', async () => {
    const first = await issue();
    const second = await issue();
    const r = await notify(second.accessToken, { notification_id:
      first.response.body.notification_id, event: 'credential_accepted' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body?.error, 'invalid_notification_id');
  });

  test('OID4VCI 1.0 §11.1: an event_description outside %x20-21 / %x23-5B / %x5D-7E is ' +
    'invalid_notification_request', async () => {
    const { accessToken, response } = await issue();
    const r = await notify(accessToken, { notification_id: response.body.notification_id,
      event: 'credential_failure', event_description: 'caf\u00e9\n' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body?.error, 'invalid_notification_request');
  });

  test('OID4VCI 1.0 §11.1 / RFC 6750 §3.1: an unknown access token at the notification ' +
    'endpoint is 401 invalid_token', async () => {
    const { response } = await issue();
    const r = await notify(randomBytes(32).toString('base64url'), {
      notification_id: response.body.notification_id, event: 'credential_accepted' });
    assert.equal(r.status, 401, r.text);
    assert.equal(r.body?.error, 'invalid_token');
    invalidTokenChallenge(r);
  });

  test('OID4VCI 1.0 §11.1 / RFC 6750 §3.1: a notification without an access token is 401 ' +
    'with a bare challenge', async () => {
    const { response } = await issue();
    const r = await notify(undefined, { notification_id: response.body.notification_id,
      event: 'credential_accepted' });
    assert.equal(r.status, 401);
    bareChallenge(r);
  });
});

describe('credential issuer metadata (OID4VCI 1.0 §12.2)', async () => {
  const r = await request(`${env.issuer}/.well-known/openid-credential-issuer`);
  const metadata = JSON.parse(r.text);

  test('OID4VCI 1.0 §12.2.4: notification_endpoint is advertised under the issuer', () => {
    assert.equal(metadata.notification_endpoint, `${env.issuer}/notification`);
  });

  test(`OID4VCI 1.0 §12.2.4: batch_credential_issuance.batch_size is ${kBatchSize}`, () => {
    assert.deepEqual(metadata.batch_credential_issuance, { batch_size: kBatchSize });
  });

  test('OID4VCI 1.0 §12.2.4: cryptographic_binding_methods_supported is present iff ' +
    'proof_types_supported is', () => {
    for (const [id, c] of Object.entries(metadata.credential_configurations_supported)) {
      assert.equal('cryptographic_binding_methods_supported' in c, 'proof_types_supported' in c,
        id);
      assert.deepEqual(c.cryptographic_binding_methods_supported,
        kConfigurations[id].bindingMethods ?? ['jwk'], id);
    }
  });

  test('OID4VCI 1.0 §12.2.4, App. A.1: at most one display object per locale', () => {
    const configurations = Object.values(metadata.credential_configurations_supported);
    const displays = [metadata.display,
      ...configurations.map((c) => c.credential_metadata?.display ?? [])];
    for (const c of Object.values(metadata.credential_configurations_supported)) {
      for (const claim of c.credential_metadata?.claims ?? []) displays.push(claim.display ?? []);
    }
    for (const display of displays) {
      const locales = display.map((d) => d.locale);
      assert.equal(new Set(locales).size, locales.length, JSON.stringify(display));
    }
    assert.equal(metadata.credential_configurations_supported.member_card.credential_metadata
      .display.length, 2);
  });

  test('OID4VCI 1.0 §12.2.3: Accept: application/jwt gives signed metadata ' +
    '(typ openidvci-issuer-metadata+jwt, sub, iat) verifiable with a jwt-vc-issuer key',
  async () => {
    const signed = await request(`${env.issuer}/.well-known/openid-credential-issuer`,
      { headers: { Accept: 'application/jwt' } });
    assert.equal(signed.status, 200);
    assert.match(signed.headers.get('content-type') ?? '', /^application\/jwt\b/);
    const header = jose.decodeProtectedHeader(signed.text);
    assert.equal(header.typ, 'openidvci-issuer-metadata+jwt');
    const keys = JSON.parse((await request(`${env.issuer}/.well-known/jwt-vc-issuer`)).text);
    const jwk = keys.jwks.keys.find((k) => k.kid === header.kid);
    assert.ok(jwk, `kid ${header.kid} is published`);
    const { payload } = await jose.jwtVerify(signed.text, await jose.importJWK(jwk, header.alg),
      { algorithms: [header.alg], typ: 'openidvci-issuer-metadata+jwt' });
    assert.equal(payload.sub, env.issuer);
    assert.equal(payload.credential_issuer, env.issuer);
    assert.ok(Number.isInteger(payload.iat) && Math.abs(payload.iat - nowSeconds()) < 120);
    assert.deepEqual(payload.credential_configurations_supported,
      metadata.credential_configurations_supported);
  });

  test('OID4VCI 1.0 §12.2.2: Accept: application/json (or none) gives unsigned JSON', async () => {
    for (const accept of ['application/json', 'application/json, application/jwt;q=0.5']) {
      const plain = await request(`${env.issuer}/.well-known/openid-credential-issuer`,
        { headers: { Accept: accept } });
      assert.match(plain.headers.get('content-type') ?? '', /^application\/json\b/, accept);
      assert.equal(JSON.parse(plain.text).credential_issuer, env.issuer);
    }
  });
});

describe('CORS (Fetch Standard §3.2; OID4VCI 1.0 §12.2.2 browser wallets)', () => {
  test('Fetch §3.2.2: an OPTIONS preflight on /credential allows POST with Authorization and ' +
    'Content-Type', async () => {
    const r = await request(`${env.issuer}/credential`, { method: 'OPTIONS', headers: {
      Origin: 'https://wallet.example', 'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type' } });
    assert.ok(r.status === 204 || r.status === 200, `status ${r.status}`);
    assert.ok(r.headers.get('access-control-allow-origin'));
    assert.match(r.headers.get('access-control-allow-methods') ?? '', /POST/);
    const allowed = (r.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    assert.match(allowed, /authorization/);
    assert.match(allowed, /content-type/);
  });

  test('Fetch §3.2.3: public answers (metadata, nonce, token errors, credential errors) carry ' +
    'Access-Control-Allow-Origin', async () => {
    const answers = [
      await request(`${env.issuer}/.well-known/openid-credential-issuer`,
        { headers: { Origin: 'https://wallet.example' } }),
      await request(`${env.issuer}/nonce`, { method: 'POST',
        headers: { Origin: 'https://wallet.example' } }),
      await request(`${env.issuer}/token`, { method: 'POST', headers: {
        Origin: 'https://wallet.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=unknown' }),
      await request(`${env.issuer}/credential`, { method: 'POST', headers: {
        Origin: 'https://wallet.example', 'Content-Type': 'application/json' }, body: '{}' }),
    ];
    recordSecret(json(answers[1])?.c_nonce);
    for (const a of answers) assert.ok(a.headers.get('access-control-allow-origin'), a.status);
  });
});

describe('credential offers (OID4VCI 1.0 §4.1)', () => {
  test('OID4VCI 1.0 §4.1.3: the offer URI answers application/json on repeated GETs until ' +
    'redeemed, then 404', async () => {
    const offer = await mustCreateOffer({ claims: employeeClaims() });
    const first = await fetchOfferDocument(offer.credential_offer_uri);
    const second = await fetchOfferDocument(offer.credential_offer_uri);
    for (const r of [first, second]) {
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json\b/);
    }
    assert.deepEqual(second.body, first.body);
    const code = first.body.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
    assert.equal((await tokenRequest({ 'pre-authorized_code': code })).status, 200);
    const gone = await fetchOfferDocument(offer.credential_offer_uri);
    assert.equal(gone.status, 404);
  });

  test('OID4VCI 1.0 §4.1.1: the tx_code object is there iff a tx_code is required, with ' +
    'input_mode, length and a description of at most 300 characters', async () => {
    const cases = [
      [{ claims: employeeClaims() }, undefined],
      [{ claims: employeeClaims(), txCode: true }, kConfigurations.employee_badge.txCode],
      [{ configurationId: 'member_card', claims: memberClaims() },
        kConfigurations.member_card.txCode],
    ];
    for (const [options, expected] of cases) {
      const offer = await mustCreateOffer(options);
      const { body } = await fetchOfferDocument(offer.credential_offer_uri);
      const txCode = body.grants[kPreAuthorizedGrantType].tx_code;
      assert.equal(txCode === undefined, expected === undefined, JSON.stringify(options));
      assert.equal(offer.tx_code === undefined, expected === undefined);
      if (!expected) continue;
      assert.equal(txCode.input_mode, expected.input_mode);
      assert.equal(txCode.length, expected.length);
      assert.equal(offer.tx_code.length, expected.length);
      assert.equal(txCode.description, expected.description);
      assert.ok(txCode.description.length <= 300);
    }
  });

  test('OID4VCI 1.0 §4.1.3: an unknown offer URI is 404', async () => {
    const r = await fetchOfferDocument(`${env.issuer}/credential-offer/${
      randomBytes(16).toString('base64url')}`);
    assert.equal(r.status, 404);
  });
});

describe('admin API and policy', () => {
  test('policy `value =`: the issued credential carries the policy\'s fixed claim value',
    async () => {
      const claims = memberClaims({ member_level: 'silver' });
      const { response } = await issue({ configurationId: 'member_card', claims });
      const { payload, disclosures } = decodeSdJwt(response.body.credentials[0].credential);
      assert.equal(payload.organisation, kFixedOrganisation, 'in the clear (not disclosable)');
      const disclosed = Object.fromEntries(disclosures.map(([, name, value]) => [name, value]));
      assert.equal(disclosed.member_name, claims.member_name);
      assert.equal(disclosed.member_level, 'silver');
    });

  test('policy `claims`: the restricted client may set the claims it lists', async () => {
    const { status, body } = await createOffer({ configurationId: 'member_card',
      token: env.restrictedToken, claims: memberClaims() });
    assert.equal(status, 201, JSON.stringify(body));
  });

  test('policy `offers_per_minute`: the offer after the limit is 429 with Retry-After',
    async () => {
      // The window is the current minute: if it turns during the loop, the count starts again,
      // so up to twice the limit (plus the offer of the test above) is tried.
      let limited;
      for (let i = 0; i < 2 * (kRestrictedClient.offersPerMinute + 1) && !limited; ++i) {
        const r = await createOffer({ configurationId: 'member_card',
          token: env.restrictedToken, claims: memberClaims() });
        if (r.status === 429) limited = r;
        else assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      assert.ok(limited, 'a 429 within the minute');
      assert.equal(limited.body?.error, 'slow_down');
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60,
        `Retry-After ${limited.headers.get('retry-after')}`);
    });
});

describe('draft 15 compatibility (config [proof] accept_draft15_proof)', { skip:
  env.draft15 ? false : 'VCI_ISSUER_DRAFT15 is not set (run through tests/e2e/run.sh)' }, () => {
  const d = env.draft15;
  async function draftToken() {
    const offer = await request(`${d.admin}/offers`, { method: 'POST', headers: {
      'Content-Type': 'application/json', Authorization: `Bearer ${d.adminToken}` },
    body: JSON.stringify({ credential_configuration_id: 'employee_badge',
      claims: employeeClaims(), tx_code: false }) });
    assert.equal(offer.status, 201, offer.text);
    const { credential_offer_uri: uri, offer_id: offerId } = JSON.parse(offer.text);
    recordSecret(offerId);
    const document = JSON.parse((await request(uri)).text);
    const code = document.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
    recordSecret(code);
    const token = await request(`${d.issuer}/token`, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: kPreAuthorizedGrantType,
        'pre-authorized_code': code }).toString() });
    const body = JSON.parse(token.text);
    recordSecret(body.access_token);
    return body;
  }
  async function draftNonce() {
    const r = await request(`${d.issuer}/nonce`, { method: 'POST' });
    const { c_nonce: nonce } = JSON.parse(r.text);
    recordSecret(nonce);
    return nonce;
  }
  async function draftCredential(accessToken, body) {
    const r = await request(`${d.issuer}/credential`, { method: 'POST', headers: {
      'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body) });
    return { status: r.status, headers: r.headers, body: json(r), text: r.text };
  }
  const draftProof = async (key, nonce) => makeProof(key, { nonce, aud: d.issuer });

  test('OID4VCI draft 15 §8.2 (compatibility on): a singular `proof` object is issued',
    async () => {
      const { access_token: accessToken } = await draftToken();
      const key = await holderKey();
      const r = await draftCredential(accessToken, { credential_configuration_id:
        'employee_badge', proof: { proof_type: 'jwt', jwt: await draftProof(key,
        await draftNonce()) } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.credentials.length, 1);
    });

  test('OID4VCI 1.0 §8.2 (compatibility on): both `proof` and `proofs` is ' +
    'invalid_credential_request', async () => {
    const { access_token: accessToken } = await draftToken();
    const proof = await draftProof(await holderKey(), await draftNonce());
    const r = await draftCredential(accessToken, { credential_configuration_id:
      'employee_badge', proof: { proof_type: 'jwt', jwt: proof }, proofs: { jwt: [proof] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body?.error, 'invalid_credential_request');
  });

  test('OID4VCI 1.0 §7.3: an expired c_nonce is invalid_nonce; OID4VCI 1.0 §6.2 / ' +
    'RFC 6750 §3.1: an expired access token is 401 invalid_token', async () => {
    // That appliance's [lifetimes]: nonce 8 s, access_token 20 s.
    const { access_token: accessToken, expires_in: expiresIn } = await draftToken();
    const nonce = await draftNonce();
    const started = Date.now();
    await sleep(9_000);
    const key = await holderKey();
    const stale = await draftCredential(accessToken, { credential_configuration_id:
      'employee_badge', proofs: { jwt: [await draftProof(key, nonce)] } });
    assert.equal(stale.status, 400, stale.text);
    assert.equal(stale.body?.error, 'invalid_nonce');
    await sleep(Math.max(0, (expiresIn + 1) * 1000 - (Date.now() - started)));
    const expired = await draftCredential(accessToken, { credential_configuration_id:
      'employee_badge', proofs: { jwt: [await draftProof(key, await draftNonce())] } });
    assert.equal(expired.status, 401, expired.text);
    invalidTokenChallenge(expired);
  });
});

test('OID4VCI 1.0 §4.1.1, §6.3: an expired pre-authorized code is invalid_grant and its offer ' +
  'URI is 404', async () => {
  const offer = await expiringOffer;
  const { status, body } = await fetchOfferDocument(offer.credential_offer_uri);
  assert.equal(status, 200);
  const code = body.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
  await sleep(Math.max(0, (offer.expires_at + 1) * 1000 - Date.now()));
  assert.equal((await fetchOfferDocument(offer.credential_offer_uri)).status, 404);
  const r = await tokenRequest({ 'pre-authorized_code': code });
  assert.equal(r.status, 400);
  assert.equal(r.body?.error, 'invalid_grant');
});
