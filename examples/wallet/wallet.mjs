// Example OpenID4VCI 1.0 wallet for vcissuer: pre-authorized code flow, `dc+sd-jwt` credentials.
//
// redeemOffer() runs the whole flow through @openid4vc/openid4vci's Openid4vciClient and then
// verifies the SD-JWT VC with @sd-jwt/sd-jwt-vc plus checks of its own (the library does not
// notice a tampered disclosure, so every disclosure digest is recomputed here).
//
// Spec references: OpenID4VCI 1.0 (OID4VCI), SD-JWT VC (draft-ietf-oauth-sd-jwt-vc), SD-JWT
// (RFC 9901), OAuth 2.0 (RFC 6749), Bearer tokens (RFC 6750).

import { createHash, randomBytes } from 'node:crypto';

import {
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  setGlobalConfig,
} from '@openid4vc/openid4vci';
import {
  HashAlgorithm,
  InvalidFetchResponseError,
  Oauth2ClientErrorResponseError,
  clientAuthenticationAnonymous,
  preAuthorizedCodeGrantIdentifier,
} from '@openid4vc/oauth2';
import * as jose from 'jose';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest as sdJwtDigest } from '@sd-jwt/crypto-nodejs';

export { jose };

export const kPreAuthorizedGrantType = preAuthorizedCodeGrantIdentifier;
export const kProofJwtType = 'openid4vci-proof+jwt'; // OID4VCI 1.0 appendix F.1
export const kSdJwtVcType = 'dc+sd-jwt'; // SD-JWT VC section 3.2.1
export const kSdJwtVcFormat = 'dc+sd-jwt'; // OID4VCI 1.0 appendix A.3.1

// Accepted clock skew for the credential's `iat` in the future, and its maximum age: issuers
// may round iat down (vcissuer does, to its policy's timestamp_granularity, at most a day).
const kMaxFutureSkewSeconds = 60;
const kMaxCredentialAgeSeconds = 24 * 3600 + kMaxFutureSkewSeconds;

/** WalletError: a failed step; `code` is the OAuth/OID4VCI error code when the server gave one. */
export class WalletError extends Error {
  constructor(step, message, { code, status, description } = {}) {
    super(`${step}: ${code ? `${code}: ` : ''}${message}`);
    this.name = 'WalletError';
    this.step = step;
    this.code = code;
    this.status = status;
    this.description = description;
  }
}

/** isLoopbackUrl: true if `url` points at 127.0.0.0/8, [::1] or localhost. */
export function isLoopbackUrl(url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

// A fetch that refuses plain http except to loopback when that was allowed.
function makeGuardedFetch(allowInsecureLoopback, baseFetch = globalThis.fetch) {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const scheme = new URL(url).protocol;
    if (scheme !== 'https:') {
      if (!(scheme === 'http:' && allowInsecureLoopback && isLoopbackUrl(url))) {
        throw new WalletError('fetch', `refusing non-https URL ${url} (OID4VCI 1.0 section 13.6)`);
      }
    }
    return baseFetch(input, init);
  };
}

/** makeCallbacks: the Openid4vciClient callbacks (hash, random, JWT signing, fetch). */
export function makeCallbacks({ allowInsecureLoopback = false, privateKeys = new Map() } = {}) {
  return {
    fetch: makeGuardedFetch(allowInsecureLoopback),
    hash: (data, alg) => {
      const name = { [HashAlgorithm.Sha256]: 'sha256', [HashAlgorithm.Sha384]: 'sha384',
        [HashAlgorithm.Sha512]: 'sha512' }[alg];
      if (!name) throw new WalletError('hash', `unsupported hash ${alg}`);
      return new Uint8Array(createHash(name).update(data).digest());
    },
    generateRandom: (length) => new Uint8Array(randomBytes(length)),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (signer, { header, payload }) => {
      if (signer.method !== 'jwk') throw new WalletError('sign', `signer method ${signer.method}`);
      const thumbprint = await jose.calculateJwkThumbprint(signer.publicJwk);
      const privateKey = privateKeys.get(thumbprint);
      if (!privateKey) throw new WalletError('sign', 'no private key for the signer JWK');
      const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(privateKey);
      return { jwt, signerJwk: signer.publicJwk };
    },
  };
}

/** generateHolderKey: a fresh key pair for `alg` ('ES256' or 'EdDSA'); returns keys and JWK. */
export async function generateHolderKey(alg = 'ES256') {
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new WalletError('key', `unsupported alg ${alg}`);
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const publicJwk = await jose.exportJWK(publicKey);
  return { alg, publicKey, privateKey, publicJwk };
}

// Maps the libraries' errors to a WalletError carrying the server's error code and status.
async function toWalletError(step, error) {
  if (error instanceof WalletError) return error;
  if (error instanceof Oauth2ClientErrorResponseError) {
    return new WalletError(step, error.errorResponse.error_description ?? 'the server refused', {
      code: error.errorResponse.error, status: error.response?.status,
      description: error.errorResponse.error_description });
  }
  if (error instanceof Openid4vciRetrieveCredentialsError) {
    const r = error.response;
    const body = r.credentialErrorResponseResult?.data;
    const challenge = r.response?.headers.get('www-authenticate') ?? '';
    const code = body?.error ?? /error="([^"]*)"/.exec(challenge)?.[1];
    return new WalletError(step, body?.error_description ?? `HTTP ${r.response?.status}`, {
      code, status: r.response?.status, description: body?.error_description });
  }
  if (error instanceof InvalidFetchResponseError) {
    let body;
    try { body = JSON.parse(error.textResponse); } catch { body = undefined; }
    return new WalletError(step, body?.error_description ?? error.message.split('\n')[0], {
      code: body?.error, status: error.response?.status, description: body?.error_description });
  }
  return new WalletError(step, error?.message ?? String(error));
}

async function runStep(step, fn) {
  try {
    return await fn();
  } catch (error) {
    throw await toWalletError(step, error);
  }
}

/**
 * wellKnownUrl: inserts `/.well-known/<suffix>` between the host and path of `identifier`
 * (OID4VCI 1.0 section 12.2.2; RFC 8414 section 3; SD-JWT VC section 5).
 */
export function wellKnownUrl(identifier, suffix) {
  const url = new URL(identifier);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}/.well-known/${suffix}${path}`;
}

/** sdJwtDigest64: base64url(sha-256(ASCII disclosure)), RFC 9901 section 4.2.3. */
export function disclosureDigest(disclosure) {
  return createHash('sha256').update(Buffer.from(disclosure, 'ascii')).digest('base64url');
}

// Collects every digest in `_sd` arrays and `{"...": digest}` array elements, recursively.
function collectDigests(node, out) {
  if (Array.isArray(node)) {
    for (const item of node) {
      if (item && typeof item === 'object' && !Array.isArray(item) &&
          Object.keys(item).length === 1 && typeof item['...'] === 'string') {
        out.push(item['...']);
      } else {
        collectDigests(item, out);
      }
    }
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '_sd') {
        if (!Array.isArray(value)) throw new WalletError('verify', '_sd is not an array');
        for (const d of value) {
          if (typeof d !== 'string') throw new WalletError('verify', '_sd entry is not a string');
          out.push(d);
        }
      } else {
        collectDigests(value, out);
      }
    }
  }
}

/** splitSdJwt: compact SD-JWT `<jwt>~<disclosure>~...~` into its parts (RFC 9901 section 4). */
export function splitSdJwt(compact) {
  if (typeof compact !== 'string' || !compact.endsWith('~')) {
    throw new WalletError('verify', 'credential is not a compact SD-JWT without key binding');
  }
  const parts = compact.split('~');
  parts.pop(); // empty element after the final '~'
  const [jwt, ...disclosures] = parts;
  if (jwt.split('.').length !== 3) throw new WalletError('verify', 'issuer-signed JWT malformed');
  return { jwt, disclosures };
}

/** decodeDisclosure: [salt, name, value] of an object-property disclosure (RFC 9901 4.2.1). */
export function decodeDisclosure(disclosure) {
  let array;
  try {
    array = JSON.parse(Buffer.from(disclosure, 'base64url').toString('utf8'));
  } catch {
    throw new WalletError('verify', 'disclosure is not base64url JSON');
  }
  if (!Array.isArray(array) || (array.length !== 3 && array.length !== 2) ||
      typeof array[0] !== 'string') {
    throw new WalletError('verify', 'disclosure is not a [salt, name, value] array');
  }
  if (array.length === 2) return { salt: array[0], name: undefined, value: array[1] };
  if (typeof array[1] !== 'string' || array[1] === '_sd' || array[1] === '...') {
    throw new WalletError('verify', 'disclosure claim name invalid');
  }
  return { salt: array[0], name: array[1], value: array[2] };
}

/**
 * verifyCredential: verifies an SD-JWT VC issued to `holderJwk`.
 * Checks the issuer signature (key from `/.well-known/jwt-vc-issuer` by `kid`), `typ`, `iss`,
 * `vct`, `cnf.jwk`, `iat`/`exp`, and that every disclosure's digest is in the payload once.
 * Returns { header, payload, disclosures, claims }; throws WalletError otherwise.
 */
export async function verifyCredential({ credential, expectedIssuer, expectedVct, holderJwk,
  fetch = globalThis.fetch, now = Math.floor(Date.now() / 1000) }) {
  const { jwt, disclosures: encodedDisclosures } = splitSdJwt(credential);
  let header;
  let payload;
  try {
    header = jose.decodeProtectedHeader(jwt);
    payload = jose.decodeJwt(jwt);
  } catch {
    throw new WalletError('verify', 'issuer-signed JWT does not decode');
  }
  if (header.typ !== kSdJwtVcType) throw new WalletError('verify', `typ is ${header.typ}`);
  if (!header.alg || header.alg === 'none' || header.alg.startsWith('HS')) {
    throw new WalletError('verify', `alg ${header.alg} not acceptable`);
  }
  if (payload.iss !== expectedIssuer) throw new WalletError('verify', `iss is ${payload.iss}`);
  if (payload.vct !== expectedVct) throw new WalletError('verify', `vct is ${payload.vct}`);

  // SD-JWT VC section 5: JWT VC Issuer Metadata at the well-known location derived from `iss`.
  const metadataResponse = await fetch(wellKnownUrl(payload.iss, 'jwt-vc-issuer'));
  if (!metadataResponse.ok) {
    throw new WalletError('verify', `jwt-vc-issuer metadata HTTP ${metadataResponse.status}`);
  }
  const issuerMetadata = await metadataResponse.json();
  if (issuerMetadata.issuer !== payload.iss) {
    throw new WalletError('verify', 'jwt-vc-issuer metadata issuer differs from iss');
  }
  const keys = issuerMetadata.jwks?.keys;
  if (!Array.isArray(keys)) throw new WalletError('verify', 'jwt-vc-issuer metadata has no jwks');
  if (!header.kid) throw new WalletError('verify', 'issuer-signed JWT has no kid');
  const issuerJwk = keys.find((k) => k.kid === header.kid);
  if (!issuerJwk) throw new WalletError('verify', `no issuer key with kid ${header.kid}`);
  const issuerKey = await jose.importJWK(issuerJwk, header.alg);

  // The library verifies signature, iat/nbf/exp; we pass a jose-based verifier for the key.
  const sdjwt = new SDJwtVcInstance({
    hasher: sdJwtDigest,
    verifier: async (data, signature) => {
      try {
        await jose.compactVerify(`${data}.${signature}`, issuerKey, { algorithms: [header.alg] });
        return true;
      } catch {
        return false;
      }
    },
  });
  let verified;
  try {
    verified = await sdjwt.verify(credential, { currentDate: now });
  } catch (error) {
    throw new WalletError('verify', `sd-jwt-vc verification failed: ${error.message}`);
  }

  // Our own checks, independent of the library.
  if (!Number.isInteger(payload.iat) || payload.iat > now + kMaxFutureSkewSeconds ||
      payload.iat < now - kMaxCredentialAgeSeconds) {
    throw new WalletError('verify', 'iat missing or not recent');
  }
  if (!Number.isInteger(payload.exp) || payload.exp <= now || payload.exp <= payload.iat) {
    throw new WalletError('verify', 'exp missing or not in the future');
  }
  if (payload.nbf !== undefined &&
      (!Number.isInteger(payload.nbf) || payload.nbf > now + kMaxFutureSkewSeconds)) {
    throw new WalletError('verify', 'nbf malformed or in the future');
  }
  const cnfJwk = payload.cnf?.jwk;
  if (!cnfJwk) throw new WalletError('verify', 'cnf.jwk missing');
  if (await jose.calculateJwkThumbprint(cnfJwk) !== await jose.calculateJwkThumbprint(holderJwk)) {
    throw new WalletError('verify', 'cnf.jwk is not the holder key');
  }
  if ((payload._sd_alg ?? 'sha-256') !== 'sha-256') {
    throw new WalletError('verify', `_sd_alg ${payload._sd_alg} unsupported`);
  }
  // RFC 9901 section 7.1: every disclosure's digest must be reachable, in the payload or inside
  // the value of another reachable disclosure (nested objects and arrays), and no digest may
  // appear twice.
  const digests = [];
  collectDigests(payload, digests);
  const byDigest = new Map();
  for (const encoded of encodedDisclosures) {
    const d = disclosureDigest(encoded);
    if (byDigest.has(d)) throw new WalletError('verify', 'disclosure repeated');
    byDigest.set(d, encoded);
  }
  const disclosures = [];
  for (let i = 0; i < digests.length; ++i) {
    const encoded = byDigest.get(digests[i]);
    if (encoded === undefined) continue;  // A decoy, or a claim the holder did not receive.
    byDigest.delete(digests[i]);
    const disclosure = decodeDisclosure(encoded);
    disclosures.push(disclosure);
    collectDigests(disclosure.value, digests);
  }
  if (new Set(digests).size !== digests.length) {
    throw new WalletError('verify', 'a digest appears more than once (RFC 9901 7.1)');
  }
  if (byDigest.size > 0) throw new WalletError('verify', 'disclosure digest not in payload');
  for (const { name } of disclosures) {
    if (name !== undefined && Object.hasOwn(payload, name)) {
      throw new WalletError('verify', `disclosed claim ${name} also in payload`);
    }
  }
  return { header, payload, disclosures, claims: verified.payload };
}

/**
 * redeemOffer: redeems a credential offer link (pre-authorized code flow) and verifies the
 * credential. Returns { credential, header, payload, disclosures, claims, holderJwk,
 * credentialConfigurationId, issuerMetadata }; throws WalletError with the server's error code.
 * allowInsecureLoopback permits http:// on loopback only (for tests); alg is 'ES256' or 'EdDSA'.
 * batch > 1 asks for that many credentials in one request (OID4VCI 1.0 section 8.2: one proof
 * per fresh holder key, all with the same c_nonce; at most the issuer's batch_size); the result
 * then also has `batch`, one { credential, holderJwk, header, payload, disclosures, claims } per
 * credential, the first of which is the result's own.
 * onSecret(kind, value), if given, sees each secret of the flow as it is handled
 * ('pre-authorized_code', 'tx_code', 'access_token', 'c_nonce'); tests use it to check logs.
 */
export async function redeemOffer({ offerLink, txCode, allowInsecureLoopback = false,
  alg = 'ES256', batch = 1, onSecret = () => {} }) {
  if (!Number.isInteger(batch) || batch < 1) throw new WalletError('batch', 'batch must be >= 1');
  // The library rejects http URLs unless its global insecure switch is on; our guarded fetch
  // still refuses http to anything but loopback.
  setGlobalConfig({ allowInsecureUrls: Boolean(allowInsecureLoopback) });
  // One holder key per credential: credentials of one batch must not be linkable by their key.
  const holders = [];
  const privateKeys = new Map();
  for (let i = 0; i < batch; ++i) {
    const holder = await generateHolderKey(alg);
    holders.push(holder);
    privateKeys.set(await jose.calculateJwkThumbprint(holder.publicJwk), holder.privateKey);
  }
  const callbacks = makeCallbacks({ allowInsecureLoopback, privateKeys });
  const client = new Openid4vciClient({ callbacks });

  // OID4VCI 1.0 section 4.1.3: credential_offer_uri is fetched with GET.
  const offer = await runStep('offer', () => client.resolveCredentialOffer(offerLink));
  const grant = offer.grants?.[kPreAuthorizedGrantType];
  if (!grant) throw new WalletError('offer', 'offer has no pre-authorized_code grant');
  onSecret('pre-authorized_code', grant['pre-authorized_code']);
  if (txCode !== undefined && txCode !== '') onSecret('tx_code', String(txCode));
  if (grant.tx_code && (txCode === undefined || txCode === '')) {
    throw new WalletError('offer', 'this offer needs a transaction code (--tx-code)',
      { code: 'tx_code_required' });
  }
  // OID4VCI 1.0 section 12.2.2 and RFC 8414 section 3: issuer and AS metadata.
  const issuerMetadata = await runStep('metadata',
    () => client.resolveIssuerMetadata(offer.credential_issuer));
  const issuer = issuerMetadata.credentialIssuer;
  if (issuer.credential_issuer !== offer.credential_issuer) {
    throw new WalletError('metadata', 'credential_issuer differs from the offer (12.2.4)');
  }
  const configurationId = offer.credential_configuration_ids[0];
  const configuration = issuer.credential_configurations_supported[configurationId];
  if (!configuration) throw new WalletError('metadata', `unknown configuration ${configurationId}`);
  if (configuration.format !== kSdJwtVcFormat) {
    throw new WalletError('metadata', `format ${configuration.format} is not ${kSdJwtVcFormat}`);
  }
  const batchSize = issuer.batch_credential_issuance?.batch_size ?? 1;
  if (batch > batchSize) {
    throw new WalletError('metadata', `the issuer's batch_size is ${batchSize}, not ${batch}`);
  }

  // OID4VCI 1.0 section 6.1: token request with the pre-authorized code (+ tx_code).
  const { accessTokenResponse } = await runStep('token',
    () => client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer, issuerMetadata, txCode: grant.tx_code ? String(txCode) : undefined,
    }));
  onSecret('access_token', accessTokenResponse.access_token);

  // OID4VCI 1.0 section 7: c_nonce from the nonce endpoint.
  const { c_nonce: cNonce } = await runStep('nonce', () => client.requestNonce({ issuerMetadata }));
  onSecret('c_nonce', cNonce);

  // OID4VCI 1.0 appendix F.1: jwt proof with typ, jwk header, aud, iat, nonce; one per key.
  const proofs = [];
  for (const holder of holders) {
    const { jwt } = await runStep('proof', () => client.createCredentialRequestJwtProof({
      issuerMetadata, credentialConfigurationId: configurationId,
      signer: { method: 'jwk', publicJwk: holder.publicJwk, alg }, nonce: cNonce,
      issuedAt: new Date(),
    }));
    proofs.push(jwt);
  }

  // OID4VCI 1.0 section 8.2: credential request with credential_configuration_id and proofs.
  const result = await runStep('credential', () => client.retrieveCredentials({
    issuerMetadata, credentialConfigurationId: configurationId,
    accessToken: accessTokenResponse.access_token, proofs: { jwt: proofs },
  }));
  const credentials = result.credentialResponse.credentials;
  if (!Array.isArray(credentials) || credentials.length !== batch ||
      credentials.some((c) => typeof c?.credential !== 'string')) {
    throw new WalletError('credential',
      `response has not ${batch} string credential${batch > 1 ? 's' : ''} (8.3, A.3.4)`);
  }
  // Section 8.3: the order of the credentials need not be the order of the proofs, so each is
  // matched to its holder key by cnf.jwk.
  const byThumbprint = new Map();
  for (const holder of holders) {
    byThumbprint.set(await jose.calculateJwkThumbprint(holder.publicJwk), holder);
  }
  const issued = [];
  for (const { credential } of credentials) {
    let cnfJwk;
    try {
      cnfJwk = jose.decodeJwt(splitSdJwt(credential).jwt).cnf?.jwk;
    } catch (error) {
      throw error instanceof WalletError ? error : new WalletError('verify', 'JWT undecodable');
    }
    const holder = cnfJwk && byThumbprint.get(await jose.calculateJwkThumbprint(cnfJwk));
    if (!holder) throw new WalletError('verify', 'a credential is bound to none of our keys');
    byThumbprint.delete(await jose.calculateJwkThumbprint(cnfJwk));
    const verified = await verifyCredential({
      credential, expectedIssuer: issuer.credential_issuer, expectedVct: configuration.vct,
      holderJwk: holder.publicJwk, fetch: callbacks.fetch,
    });
    issued.push({ credential, ...verified, holderJwk: holder.publicJwk });
  }
  return { ...issued[0], ...(batch > 1 ? { batch: issued } : {}),
    notificationId: result.credentialResponse.notification_id,
    credentialConfigurationId: configurationId, issuerMetadata: issuer };
}
