// Every refusal with the answer the specifications give it, from hand-built requests:
// token endpoint (RFC 6749 section 5.2, OID4VCI 1.0 section 6.3), credential endpoint
// (OID4VCI 1.0 section 8.3.1, RFC 6750 section 3.1), proofs (appendix F.4).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
  credentialRequest, holderKey, jose, makeProof, newAccessToken, newCode, newNonce, nowSeconds,
  tokenRequest, unsignedProof,
} from './helpers.mjs';

function assertError(response, status, error) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body?.error, error, JSON.stringify(response.body));
  assert.match(response.headers.get('cache-control') ?? '', /no-store/);
}

describe('token endpoint', () => {
  test('a replayed pre-authorized code is 400 invalid_grant', async () => {
    const { code } = await newCode();
    const first = await tokenRequest({ 'pre-authorized_code': code });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.token_type.toLowerCase(), 'bearer');
    assert.ok(first.body.expires_in > 0);
    assert.match(first.headers.get('cache-control') ?? '', /no-store/);
    assertError(await tokenRequest({ 'pre-authorized_code': code }), 400, 'invalid_grant');
  });

  test('an unknown or forged code is 400 invalid_grant', async () => {
    const { code } = await newCode();
    const forged = code.slice(0, -4) + (code.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const c of [randomBytes(40).toString('base64url'), forged]) {
      assertError(await tokenRequest({ 'pre-authorized_code': c }), 400, 'invalid_grant');
    }
    // The forgery attempt did not hurt the real code.
    assert.equal((await tokenRequest({ 'pre-authorized_code': code })).status, 200);
  });

  test('a wrong tx_code is 400 invalid_grant', async () => {
    const { code, txCode } = await newCode({ txCode: true });
    const wrong = String((Number(txCode) + 1) % 1_000_000).padStart(6, '0');
    assertError(await tokenRequest({ 'pre-authorized_code': code, tx_code: wrong }), 400,
      'invalid_grant');
    assert.equal((await tokenRequest({ 'pre-authorized_code': code, tx_code: txCode })).status,
      200);
  });

  test('after max_attempts wrong tx_codes the offer is dead', async () => {
    const { code, txCode } = await newCode({ txCode: true });
    const wrong = String((Number(txCode) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; ++i) {
      assertError(await tokenRequest({ 'pre-authorized_code': code, tx_code: wrong }), 400,
        'invalid_grant');
    }
    assertError(await tokenRequest({ 'pre-authorized_code': code, tx_code: txCode }), 400,
      'invalid_grant');
  });

  test('a missing or unexpected tx_code is 400 invalid_request', async () => {
    const withTx = await newCode({ txCode: true });
    assertError(await tokenRequest({ 'pre-authorized_code': withTx.code }), 400,
      'invalid_request');
    const withoutTx = await newCode();
    assertError(await tokenRequest({ 'pre-authorized_code': withoutTx.code, tx_code: '123456' }),
      400, 'invalid_request');
  });

  test('another grant type is 400 unsupported_grant_type', async () => {
    const { code } = await newCode();
    assertError(await tokenRequest({ grant_type: 'authorization_code', code }), 400,
      'unsupported_grant_type');
  });
});

describe('credential endpoint', () => {
  test('no access token is 401 with a Bearer challenge', async () => {
    const key = await holderKey();
    const response = await credentialRequest({ proof: await makeProof(key,
      { nonce: await newNonce() }) });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer\b/);
  });

  test('an unknown access token is 401 invalid_token', async () => {
    const key = await holderKey();
    const response = await credentialRequest({ accessToken: randomBytes(32).toString('base64url'),
      proof: await makeProof(key, { nonce: await newNonce() }) });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  test('a reused c_nonce is 400 invalid_nonce', async () => {
    const key = await holderKey();
    const nonce = await newNonce();
    const first = await newAccessToken();
    const ok = await credentialRequest({ accessToken: first.accessToken,
      proof: await makeProof(key, { nonce }) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const second = await newAccessToken();
    assertError(await credentialRequest({ accessToken: second.accessToken,
      proof: await makeProof(key, { nonce }) }), 400, 'invalid_nonce');
  });

  test('an unknown c_nonce is 400 invalid_nonce', async () => {
    const key = await holderKey();
    const { accessToken } = await newAccessToken();
    assertError(await credentialRequest({ accessToken, proof: await makeProof(key,
      { nonce: randomBytes(32).toString('base64url') }) }), 400, 'invalid_nonce');
  });

  describe('a bad proof is 400 invalid_proof', async () => {
    const key = await holderKey();
    const other = await holderKey();
    const cases = {
      'wrong aud': (nonce) => makeProof(key, { nonce, aud: 'https://other-issuer.example' }),
      'old iat': (nonce) => makeProof(key, { nonce, iat: nowSeconds() - 7200 }),
      'iat in the future': (nonce) => makeProof(key, { nonce, iat: nowSeconds() + 3600 }),
      'wrong typ': (nonce) => makeProof(key, { nonce, header: { typ: 'JWT' } }),
      'no typ': (nonce) => makeProof(key, { nonce, header: { typ: undefined } }),
      'alg none': (nonce) => unsignedProof(key, { nonce }),
      'signed by another key than its jwk': (nonce) => makeProof(key,
        { nonce, header: { jwk: other.publicJwk } }),
      'no nonce': () => makeProof(key, {}),
      'private key in the jwk header': async (nonce) => makeProof(key,
        { nonce, header: { jwk: await jose.exportJWK(key.privateKey) } }),
    };
    for (const [name, build] of Object.entries(cases)) {
      test(name, async () => {
        const { accessToken } = await newAccessToken();
        const proof = await build(await newNonce());
        assertError(await credentialRequest({ accessToken, proof }), 400, 'invalid_proof');
      });
    }
  });

  test('a configuration the token was not issued for is refused', async () => {
    const key = await holderKey();
    const { accessToken } = await newAccessToken();
    const proof = await makeProof(key, { nonce: await newNonce() });
    assertError(await credentialRequest({ accessToken, proof, configurationId: 'diploma' }), 400,
      'credential_request_denied');
    assertError(await credentialRequest({ accessToken, proof, configurationId: 'no_such_thing' }),
      400, 'unknown_credential_configuration');
  });
});
