// Runs last (run.sh orders the files; it breaks the appliance for good): once the code-hmac key
// is destroyed in the token, outstanding offers' codes no longer redeem. This shows the codes
// are vouched for by the HSM's key, not by anything the daemon keeps on its own.
//
// The key is destroyed with the officer CLI through helpers.mjs destroyHmacKey(). The running
// daemon must notice: vcissuerd does not start without its HMAC key, so a restart is no way to
// make the check pass.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  credentialRequest, destroyHmacKey, env, fetchOfferDocument, holderKey, kPreAuthorizedGrantType,
  makeProof, newAccessToken, newCode, newNonce, tokenRequest,
} from './helpers.mjs';

test('after the code-hmac key is destroyed, outstanding codes no longer redeem', async (t) => {
  const plain = await newCode();
  const withTx = await newCode({ txCode: true });
  const { accessToken } = await newAccessToken(); // redeemed before the key goes

  await destroyHmacKey();

  for (const [name, { code, txCode }] of [['without tx_code', plain], ['with tx_code', withTx]]) {
    const response = await tokenRequest({ 'pre-authorized_code': code,
      ...(txCode ? { tx_code: txCode } : {}) });
    assert.equal(response.status, 400, `${name}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body?.error, 'invalid_grant', name);
  }

  // The offer document can no longer carry a code either.
  const offer = await fetchOfferDocument(plain.offer.credential_offer_uri);
  t.diagnostic(`offer document after key destruction: HTTP ${offer.status}`);
  assert.notEqual(offer.status, 200);
  assert.equal(offer.body?.grants?.[kPreAuthorizedGrantType], undefined);

  // The signing key is another key: the daemon still serves metadata and issues on a token it
  // granted before.
  const metadata = await fetch(`${env.issuer}/.well-known/openid-credential-issuer`);
  assert.equal(metadata.status, 200);
  const key = await holderKey();
  const issued = await credentialRequest({ accessToken,
    proof: await makeProof(key, { nonce: await newNonce() }) });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
});
