// The corpus's view of the appliance run.sh started: its addresses and admin tokens, a raw
// request function per listener, and the protocol steps cases need to reach the state they
// attack (a fresh pre-authorized code, an access token, a c_nonce, a signed key proof).
// Every secret handled here is appended to $VCI_SECRETS_FILE for run.sh's log check.

import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { appendFileSync } from 'node:fs';

import { buildRequest, exchange } from './raw_http.mjs';

export const kPreAuthorizedGrantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const kProofJwtType = 'openid4vci-proof+jwt';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the corpus through tests/hostile/run.sh BUILD_DIR`);
  }
  return value;
}

export const b64u = (data) => Buffer.from(typeof data === 'string' ? data : JSON.stringify(data))
  .toString('base64url');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** holderKey: a fresh ES256 (P-256) or EdDSA (Ed25519) key with its public JWK. */
export function holderKey(alg = 'ES256') {
  const { privateKey, publicKey } = alg === 'EdDSA'
    ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { alg, privateKey, publicJwk: publicKey.export({ format: 'jwk' }),
    privateJwk: privateKey.export({ format: 'jwk' }) };
}

/**
 * signJws: a compact JWS over exactly the header and payload texts given (strings are sent as
 * they are, so a case can put duplicate members or odd bytes in them), signed with `key`'s
 * algorithm; `signWith` overrides the signing function (alg confusion, foreign keys).
 */
export function signJws(key, headerText, payloadText, { signWith } = {}) {
  const input = `${b64u(headerText)}.${b64u(payloadText)}`;
  const signature = signWith ? signWith(Buffer.from(input))
    : key.alg === 'EdDSA' ? sign(null, Buffer.from(input), key.privateKey)
      : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** hs256: the HMAC-SHA256 signing function of alg-confusion proofs (key = public key bytes). */
export const hs256 = (secret) => (input) => createHmac('sha256', secret).update(input).digest();

export class Context {
  constructor() {
    this.issuer = required('VCI_ISSUER');
    this.admin = required('VCI_ADMIN');
    this.adminToken = required('VCI_ADMIN_TOKEN');
    this.limitedToken = required('VCI_ADMIN_TOKEN_LIMITED');
    this.secretsFile = process.env.VCI_SECRETS_FILE;
    this.ports = { public: Number(new URL(this.issuer).port),
      admin: Number(new URL(this.admin).port) };
    this.key = holderKey('ES256');
    this.shared = new Map();  // State that a run of consecutive cases builds up (brute force).
  }

  /** recordSecret: appends a secret (6 characters or more, one line) to the secrets file. */
  recordSecret(value) {
    if (!this.secretsFile || typeof value !== 'string' || value.length < 6 ||
        value.includes('\n')) {
      return;
    }
    appendFileSync(this.secretsFile, `${value}\n`);
  }

  sha256Hex(text) {
    return createHash('sha256').update(text).digest('hex');
  }

  /** send: one request on a fresh connection; `raw` bytes are sent as they are. */
  async send({ listener = 'public', raw, ...request }) {
    const port = this.ports[listener];
    const bytes = raw ?? buildRequest({ host: `127.0.0.1:${port}`, ...request });
    const response = await exchange(port, bytes);
    try {
      response.json = JSON.parse(response.body);
    } catch {
      response.json = undefined;
    }
    return response;
  }

  async mustSend(request, status) {
    const response = await this.send(request);
    if (response.status !== status) {
      throw new Error(`setup: ${request.method} ${request.path}: HTTP ${response.status} ` +
        `${response.body.slice(0, 300)}`);
    }
    return response;
  }

  /** createOffer: POST /offers; returns { offerId, txCode, offerUri }. */
  async createOffer({ configurationId = 'employee_badge', txCode = false } = {}) {
    const claims = configurationId === 'diploma'
      ? { name: `Chidi ${randomToken(6)}`, degree: 'MSc', year: 2025 }
      : { given_name: `Amara-${randomToken(6)}`, family_name: `Eze-${randomToken(6)}`,
        employee_id: `E-${randomToken(6)}` };
    Object.values(claims).forEach((v) => this.recordSecret(v));
    const response = await this.mustSend({ listener: 'admin', method: 'POST', path: '/offers',
      headers: [['Authorization', `Bearer ${this.adminToken}`],
        ['Content-Type', 'application/json']],
      body: JSON.stringify({ credential_configuration_id: configurationId, claims,
        tx_code: txCode }) }, 201);
    const { offer_id: offerId, tx_code: tx, credential_offer_uri: offerUri } = response.json;
    this.recordSecret(offerId);
    this.recordSecret(tx);
    return { offerId, txCode: tx, offerUri };
  }

  /** freshCode: a new offer's pre-authorized code; returns { code, txCode, offerId }. */
  async freshCode(options = {}) {
    const offer = await this.createOffer(options);
    const response = await this.mustSend({ path: `/credential-offer/${offer.offerId}` }, 200);
    const code = response.json.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
    this.recordSecret(code);
    return { ...offer, code };
  }

  /** tokenRequest: POST /token with a form (an object, or a string sent as it is). */
  tokenRequest(form, headers = [['Content-Type', 'application/x-www-form-urlencoded']]) {
    const body = typeof form === 'string' || Buffer.isBuffer(form) ? form
      : new URLSearchParams(form).toString();
    return { method: 'POST', path: '/token', headers, body };
  }

  async redeem(code, extra = {}) {
    const response = await this.send(this.tokenRequest({ grant_type: kPreAuthorizedGrantType,
      'pre-authorized_code': code, ...extra }));
    this.recordSecret(response.json?.access_token);
    return response;
  }

  /** freshToken: an access token of a new employee_badge (or given) offer. */
  async freshToken(options = {}) {
    const { code } = await this.freshCode(options);
    const response = await this.redeem(code);
    if (response.status !== 200) throw new Error(`setup: token: HTTP ${response.status}`);
    return response.json.access_token;
  }

  async nonce() {
    const response = await this.mustSend({ method: 'POST', path: '/nonce' }, 200);
    this.recordSecret(response.json.c_nonce);
    return response.json.c_nonce;
  }

  /** proof: a well-formed F.1 jwt proof; header/payload members can be replaced or removed. */
  proof({ key = this.key, nonce, header = {}, payload = {}, signWith } = {}) {
    const h = { alg: key.alg, typ: kProofJwtType, jwk: key.publicJwk, ...header };
    const p = { aud: this.issuer, iat: nowSeconds(), nonce, ...payload };
    for (const o of [h, p]) {
      for (const [k, v] of Object.entries(o)) if (v === undefined) delete o[k];
    }
    return signJws(key, JSON.stringify(h), JSON.stringify(p), { signWith });
  }

  /** credentialRequest: POST /credential with a bearer token and a JSON (or raw) body. */
  credentialRequest(token, body, { contentType = 'application/json', headers = [] } = {}) {
    const auth = token === undefined ? [] : [['Authorization', `Bearer ${token}`]];
    return { method: 'POST', path: '/credential',
      headers: [...auth, ...(contentType ? [['Content-Type', contentType]] : []), ...headers],
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) };
  }

  /** validCredentialBody: the body of a request that succeeds with a fresh token and nonce. */
  validCredentialBody(nonce, proofOptions = {}) {
    return { credential_configuration_id: 'employee_badge',
      proofs: { jwt: [this.proof({ nonce, ...proofOptions })] } };
  }

  /** adminRequest: a request on the admin listener with the hr client's token. */
  adminRequest({ method = 'POST', path = '/offers', token = this.adminToken, body,
    contentType = 'application/json', headers = [] } = {}) {
    const auth = token === null ? [] : [['Authorization', `Bearer ${token}`]];
    return { listener: 'admin', method, path,
      headers: [...auth, ...(contentType ? [['Content-Type', contentType]] : []), ...headers],
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body) };
  }
}
