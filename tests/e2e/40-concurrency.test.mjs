// Single use under concurrency: fifty simultaneous redemptions of one pre-authorized code (or
// one c_nonce) produce exactly one success (OID4VCI 1.0 sections 4.1.1 and 7).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  credentialRequest, holderKey, makeProof, newAccessToken, newCode, newNonce, tokenRequest,
} from './helpers.mjs';

const kParallel = 50;

function tally(responses) {
  const counts = {};
  for (const r of responses) {
    const key = `${r.status} ${r.body?.error ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

test(`${kParallel} concurrent token requests with one code: exactly one 200`, async () => {
  const { code, txCode } = await newCode({ txCode: true });
  const responses = await Promise.all(Array.from({ length: kParallel },
    () => tokenRequest({ 'pre-authorized_code': code, tx_code: txCode })));
  assert.deepEqual(tally(responses), { 200: 1, '400 invalid_grant': kParallel - 1 });
});

test(`${kParallel} concurrent credential requests with one c_nonce: exactly one 200`,
  async () => {
    const { accessToken } = await newAccessToken();
    const nonce = await newNonce();
    const keys = await Promise.all(Array.from({ length: kParallel }, () => holderKey()));
    const proofs = await Promise.all(keys.map((key) => makeProof(key, { nonce })));
    const responses = await Promise.all(proofs.map((proof) =>
      credentialRequest({ accessToken, proof })));
    assert.deepEqual(tally(responses), { 200: 1, '400 invalid_nonce': kParallel - 1 });
  });
