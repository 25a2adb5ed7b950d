// Two independent npm wallet libraries complete the pre-authorized code flow:
// - @openid4vc/openid4vci (OID4VCI 1.0 final, through examples/wallet/wallet.mjs), including a
//   batch request (several proofs, one per holder key, in one credential request);
// - @sphereon/oid4vci-client 0.20.1 (draft 15: one singular `proof`), against the second
//   appliance of run.sh, which has [proof] accept_draft15_proof = true; and against the main
//   appliance (compatibility off), where the draft 15 body is invalid_proof (proofs missing).
// Every credential is verified with the example wallet's verifyCredential.

import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import { redeemOffer, verifyCredential } from '../../examples/wallet/wallet.mjs';
import {
  employeeClaims, env, jose, kPreAuthorizedGrantType, mustCreateOffer, recordClaimSecrets,
  recordSecret, request,
} from './helpers.mjs';
import { kBatchSize, kConfigurations } from './policy-fixture.mjs';

// @sphereon/oid4vci-client is a development dependency of examples/wallet; its ESM build.
const walletRequire = createRequire(new URL('../../examples/wallet/package.json', import.meta.url));
const { OpenID4VCIClient } = await import(
  walletRequire.resolve('@sphereon/oid4vci-client').replace(/index\.cjs$/, 'index.js'));

const plainClaims = (payload) => Object.fromEntries(Object.entries(payload).filter(([k]) =>
  !['iss', 'iat', 'exp', 'nbf', 'vct', 'cnf', 'status', 'sub', '_sd', '_sd_alg'].includes(k)));

function redeem(offer, options = {}) {
  return redeemOffer({ offerLink: offer.offer_link, txCode: offer.tx_code,
    allowInsecureLoopback: true, onSecret: (_kind, value) => recordSecret(value), ...options });
}

describe('@openid4vc/openid4vci (OID4VCI 1.0) through examples/wallet', () => {
  test(`a batch of ${kBatchSize} credentials in one request, one per holder key`, async () => {
    const claims = employeeClaims();
    const offer = await mustCreateOffer({ claims, txCode: true });
    const result = await redeem(offer, { batch: kBatchSize });
    recordSecret(result.notificationId);
    assert.equal(result.batch.length, kBatchSize);
    const thumbprints = new Set();
    for (const issued of result.batch) {
      thumbprints.add(await jose.calculateJwkThumbprint(issued.holderJwk));
      assert.deepEqual({ ...plainClaims(issued.claims) }, claims);
    }
    assert.equal(thumbprints.size, kBatchSize, 'a key per credential');
    for (const field of ['iat', 'nbf', 'exp']) {
      assert.equal(new Set(result.batch.map((b) => b.payload[field])).size, 1, field);
    }
  });

  test('more credentials than the issuer\'s batch_size are refused before any request',
    async () => {
      const offer = await mustCreateOffer({ claims: employeeClaims() });
      await assert.rejects(redeem(offer, { batch: kBatchSize + 1 }),
        (error) => error.step === 'metadata');
    });

  test('a member card: text tx_code, EdDSA key, the policy\'s fixed claim', async () => {
    const claims = { member_name: `Eleanor Shellstrop-${Date.now()}` };
    recordClaimSecrets(claims);
    const offer = await mustCreateOffer({ configurationId: 'member_card', claims });
    assert.match(offer.tx_code, /^[A-Z0-9]{8}$/);
    const result = await redeem(offer, { alg: 'EdDSA' });
    recordSecret(result.notificationId);
    const fixed = kConfigurations.member_card.claims.find((c) => c.value !== undefined);
    assert.deepEqual(plainClaims(result.claims), { ...claims, [fixed.name]: fixed.value });
  });
});

/**
 * sphereonRedeem: the draft 15 library's pre-authorized code flow for an offer link. Returns the
 * credential response, the holder JWK and what the wallet sent to and got from /credential.
 */
async function sphereonRedeem(offer, configurationId = 'employee_badge') {
  // The offer by reference can be fetched until redeemed: record its code as a secret.
  const document = JSON.parse((await request(offer.credential_offer_uri)).text);
  recordSecret(document.grants?.[kPreAuthorizedGrantType]?.['pre-authorized_code']);
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  // The library fetches with node-fetch (through cross-fetch), which calls http.request: record
  // the credential exchanges there, to check the draft 15 body and the issuer's error code (the
  // library's error message does not carry it).
  const exchanges = [];
  const originalRequest = http.request;
  http.request = function recordingRequest(...args) {
    const req = originalRequest.apply(this, args);
    if (!req.path.endsWith('/credential')) return req;
    const sent = [];
    const { write, end } = req;
    req.write = function recordingWrite(chunk, ...rest) {
      if (chunk && typeof chunk !== 'function') sent.push(Buffer.from(chunk));
      return write.call(this, chunk, ...rest);
    };
    req.end = function recordingEnd(chunk, ...rest) {
      if (chunk && typeof chunk !== 'function') sent.push(Buffer.from(chunk));
      return end.call(this, chunk, ...rest);
    };
    req.on('response', (res) => {
      const received = [];
      res.on('data', (chunk) => received.push(chunk));
      res.on('end', () => exchanges.push({
        request: JSON.parse(Buffer.concat(sent).toString() || 'null'),
        status: res.statusCode, body: Buffer.concat(received).toString() }));
    });
    return req;
  };
  try {
    const client = await OpenID4VCIClient.fromURI({ uri: offer.offer_link,
      retrieveServerMetadata: true });
    const token = await client.acquireAccessToken(offer.tx_code ? { pin: offer.tx_code } : {});
    recordSecret(token.access_token);
    const signCallback = async ({ header, payload }) => {
      recordSecret(payload.nonce);
      return new jose.CompactSign(Buffer.from(JSON.stringify(payload)))
        .setProtectedHeader(header).sign(privateKey);
    };
    let response;
    let error;
    try {
      response = await client.acquireCredentials({ credentialTypes: configurationId,
        format: 'dc+sd-jwt', proofCallbacks: { signCallback }, alg: 'ES256', jwk });
    } catch (e) {
      error = e;
    }
    return { response, error, jwk, exchanges };
  } finally {
    http.request = originalRequest;
  }
}

describe('@sphereon/oid4vci-client 0.20.1 (draft 15)', () => {
  test('completes the flow against an issuer with [proof] accept_draft15_proof = true',
    { skip: env.draft15 ? false : 'VCI_ISSUER_DRAFT15 is not set (run tests/e2e/run.sh)' },
    async () => {
      const claims = employeeClaims();
      const created = await request(`${env.draft15.admin}/offers`, { method: 'POST', headers: {
        'Content-Type': 'application/json', Authorization: `Bearer ${env.draft15.adminToken}` },
      body: JSON.stringify({ credential_configuration_id: 'employee_badge', claims,
        tx_code: true }) });
      assert.equal(created.status, 201, created.text);
      const offer = JSON.parse(created.text);
      recordSecret(offer.offer_id);
      recordSecret(offer.tx_code);
      const { response, error, jwk, exchanges } = await sphereonRedeem(offer);
      assert.equal(error, undefined, `${error?.message} ${JSON.stringify(exchanges)}`);
      // The wallet spoke draft 15: a singular proof, no proofs.
      assert.equal(exchanges.length, 1);
      assert.equal(exchanges[0].request.proof?.proof_type, 'jwt');
      assert.equal(exchanges[0].request.proofs, undefined);
      assert.equal(response.credentials.length, 1);
      recordSecret(response.notification_id);
      const verified = await verifyCredential({ credential: response.credentials[0].credential,
        expectedIssuer: env.draft15.issuer, expectedVct: kConfigurations.employee_badge.vct,
        holderJwk: jwk });
      assert.deepEqual(plainClaims(verified.claims), claims);
    });

  test('OID4VCI 1.0 §8.2, §8.3.1.2: with compatibility off, its draft 15 `proof` body is ' +
    'invalid_proof (proofs missing)', async () => {
    const offer = await mustCreateOffer({ claims: employeeClaims(), txCode: true });
    const { response, error, exchanges } = await sphereonRedeem(offer);
    assert.equal(response, undefined);
    assert.ok(error, 'the library reports the refusal');
    assert.ok(exchanges.length >= 1);
    for (const exchange of exchanges) {
      assert.ok(exchange.request.proof, 'a draft 15 body');
      assert.equal(exchange.status, 400);
      assert.equal(JSON.parse(exchange.body).error, 'invalid_proof');
    }
  });
});
