// Shared pieces of the end-to-end suite: the environment tests/e2e/run.sh exports, hand-built
// protocol requests for the negative cases, and the secrets file the harness greps the daemon's
// log for.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';

import { jose, kPreAuthorizedGrantType, kProofJwtType } from '../../examples/wallet/wallet.mjs';

export { jose, kPreAuthorizedGrantType, kProofJwtType };

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite through tests/e2e/run.sh BUILD_DIR`);
  }
  return value;
}

export const env = {
  issuer: required('VCI_ISSUER'),
  admin: required('VCI_ADMIN'),
  adminToken: required('VCI_ADMIN_TOKEN'),
  limitedToken: required('VCI_ADMIN_TOKEN_LIMITED'),
  // The client of policy/e2e-clients.toml.in (claims and offers_per_minute restricted).
  restrictedToken: process.env.VCI_ADMIN_TOKEN_RESTRICTED,
  // The second appliance: draft 15 compatibility on, short nonce and access token lifetimes.
  draft15: process.env.VCI_ISSUER_DRAFT15 && {
    issuer: process.env.VCI_ISSUER_DRAFT15,
    admin: process.env.VCI_ADMIN_DRAFT15,
    adminToken: process.env.VCI_ADMIN_TOKEN_DRAFT15,
  },
  ctl: process.env.VCI_CTL,
  config: process.env.VCI_CONFIG,
  secretsFile: process.env.VCI_SECRETS_FILE,
};

/**
 * recordSecret: appends a secret the suite handled to $VCI_SECRETS_FILE (one per line); run.sh
 * then proves none of them is in the daemon's log. Recorded: pre-authorized codes, tx_codes,
 * offer ids, access tokens, c_nonces and claim values (only values of 6 characters or more).
 */
export function recordSecret(value) {
  if (!env.secretsFile || typeof value !== 'string' || value.length < 6 || value.includes('\n')) {
    return;
  }
  appendFileSync(env.secretsFile, `${value}\n`);
}

/** recordClaimSecrets: records every string claim value (the log must not show claims). */
export function recordClaimSecrets(claims) {
  for (const value of Object.values(claims)) recordSecret(value);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
const suffix = () => randomBytes(6).toString('hex');

/** employeeClaims: claims for employee_badge, with values unique to this run. */
export function employeeClaims(extra = {}) {
  const claims = { given_name: `Adaeze-${suffix()}`, family_name: `Okonkwo-${suffix()}`,
    employee_id: `E-${suffix()}`, department: `Research-${suffix()}`, age: 41, ...extra };
  recordClaimSecrets(claims);
  return claims;
}

/** diplomaClaims: claims for diploma, unique to this run. */
export function diplomaClaims() {
  const claims = { name: `Ngozi Adichie-${suffix()}`, degree: `MSc Cryptography-${suffix()}`,
    year: 2025 };
  recordClaimSecrets(claims);
  return claims;
}

// vcissuerd admits 32 connections per peer address and the suite is one peer: its requests
// share at most this many connections (more requests than that wait for a free one).
const kMaxConnections = 16;
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: kMaxConnections }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: kMaxConnections }),
};

/**
 * request: one HTTP exchange through the suite's connection-limited agents.
 * Returns { status, headers (a Headers), text }.
 */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, { method, headers, agent: agents[target.protocol] },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of [value].flat()) responseHeaders.append(name, v);
          }
          resolve({ status: res.statusCode, headers: responseHeaders,
            text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
    req.on('error', reject);
    req.end(body);
  });
}

function jsonOrUndefined(response) {
  const { text } = response;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { unparsed: text };
  }
}

/** createOffer: POST /offers on the admin API. Returns { status, body, headers }. */
export async function createOffer({ configurationId = 'employee_badge', claims, txCode = false,
  expiresIn, token = env.adminToken } = {}) {
  const payload = { credential_configuration_id: configurationId, claims, tx_code: txCode };
  if (expiresIn !== undefined) payload.expires_in = expiresIn;
  const response = await request(`${env.admin}/offers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(payload),
  });
  const body = jsonOrUndefined(response);
  recordSecret(body?.tx_code);
  // The offer id is a bearer capability: whoever has the offer URI can fetch the code.
  recordSecret(body?.offer_id);
  return { status: response.status, body, headers: response.headers };
}

/** mustCreateOffer: createOffer that must succeed (201). */
export async function mustCreateOffer(options) {
  const { status, body } = await createOffer(options);
  if (status !== 201) {
    throw new Error(`POST /offers: HTTP ${status} ${JSON.stringify(body)}`);
  }
  return body;
}

/** credentialOfferUri: the credential_offer_uri inside an openid-credential-offer:// link. */
export function credentialOfferUri(offerLink) {
  const query = offerLink.slice(offerLink.indexOf('?') + 1);
  return new URLSearchParams(query).get('credential_offer_uri');
}

/** fetchOfferDocument: GET the credential offer by reference. Returns { status, body }. */
export async function fetchOfferDocument(offerUri) {
  const response = await request(offerUri);
  const body = jsonOrUndefined(response);
  recordSecret(body?.grants?.[kPreAuthorizedGrantType]?.['pre-authorized_code']);
  return { status: response.status, body, headers: response.headers };
}

/** newCode: makes an offer and fetches its pre-authorized code; returns { code, txCode, offer }. */
export async function newCode(options = {}) {
  const claims = options.claims ?? (options.configurationId === 'diploma'
    ? diplomaClaims() : employeeClaims());
  const offer = await mustCreateOffer({ ...options, claims });
  const { status, body } = await fetchOfferDocument(offer.credential_offer_uri);
  if (status !== 200) throw new Error(`GET offer: HTTP ${status}`);
  const code = body.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
  return { code, txCode: offer.tx_code, offer, claims, document: body };
}

/** tokenRequest: POST /token with a form. Returns { status, body }. */
export async function tokenRequest(params) {
  const form = new URLSearchParams({ grant_type: kPreAuthorizedGrantType, ...params });
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) form.delete(k);
  }
  const response = await request(`${env.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const body = jsonOrUndefined(response);
  recordSecret(body?.access_token);
  return { status: response.status, body, headers: response.headers };
}

/** newAccessToken: a fresh offer redeemed by hand; returns { accessToken, claims }. */
export async function newAccessToken(options = {}) {
  const { code, txCode, claims } = await newCode(options);
  const { status, body } = await tokenRequest({ 'pre-authorized_code': code,
    ...(txCode ? { tx_code: txCode } : {}) });
  if (status !== 200) throw new Error(`POST /token: HTTP ${status} ${JSON.stringify(body)}`);
  return { accessToken: body.access_token, claims };
}

/** newNonce: POST /nonce; returns the c_nonce. */
export async function newNonce() {
  const response = await request(`${env.issuer}/nonce`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`POST /nonce: HTTP ${response.status}`);
  const body = JSON.parse(response.text);
  recordSecret(body.c_nonce);
  return body.c_nonce;
}

/** holderKey: a fresh holder key pair; returns { alg, privateKey, publicJwk }. */
export async function holderKey(alg = 'ES256') {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicJwk: await jose.exportJWK(publicKey) };
}

/**
 * makeProof: an OID4VCI 1.0 appendix F.1 jwt proof; every field can be overridden to build a
 * wrong one (`header`/`payload` entries set to undefined are left out).
 */
export async function makeProof(key, { nonce, aud = env.issuer, iat = nowSeconds(), header = {},
  payload = {} } = {}) {
  const fullHeader = { alg: key.alg, typ: kProofJwtType, jwk: key.publicJwk, ...header };
  const fullPayload = { aud, iat, nonce, ...payload };
  for (const object of [fullHeader, fullPayload]) {
    for (const [k, v] of Object.entries(object)) if (v === undefined) delete object[k];
  }
  const jwt = await new jose.CompactSign(Buffer.from(JSON.stringify(fullPayload)))
    .setProtectedHeader(fullHeader).sign(key.privateKey);
  // A proof is a bearer artefact too: neither it nor its payload or signature may be logged.
  recordSecret(jwt);
  for (const part of jwt.split('.').slice(1)) recordSecret(part);
  return jwt;
}

/** unsignedProof: a proof with alg "none" and an empty signature (RFC 7519 section 6). */
export function unsignedProof(key, { nonce, aud = env.issuer, iat = nowSeconds() } = {}) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: kProofJwtType, jwk: key.publicJwk })}.${
    b64({ aud, iat, nonce })}.`;
}

/** credentialRequest: POST /credential. `body` defaults to one jwt proof for the configuration. */
export async function credentialRequest({ accessToken, proof, configurationId = 'employee_badge',
  body } = {}) {
  const payload = body ?? { credential_configuration_id: configurationId,
    proofs: { jwt: [proof] } };
  const response = await request(`${env.issuer}/credential`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json',
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: jsonOrUndefined(response), headers: response.headers };
}

/**
 * destroyHmacKey: destroys the code-hmac key in the token with the officer CLI:
 *   $VCI_CTL --config $VCI_CONFIG keys destroy --label code-hmac --yes --force --reason '...'
 * The key is in use (the configuration's [keys] hmac), so the CLI demands --force and a reason.
 */
export async function destroyHmacKey() {
  if (!env.ctl || !env.config) throw new Error('VCI_CTL and VCI_CONFIG must be set');
  const args = ['--config', env.config, 'keys', 'destroy', '--label', 'code-hmac', '--yes',
    '--force', '--reason', 'e2e: the codes must depend on the key in the HSM'];
  try {
    return await promisify(execFile)(env.ctl, args, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`${env.ctl} ${args.join(' ')} failed (exit ${error.code}): ` +
      `${(error.stderr || error.message).trim()}`);
  }
}
