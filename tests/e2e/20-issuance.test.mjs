// Happy paths through the example wallet (examples/wallet/wallet.mjs), each credential then
// checked again here without the wallet's help: issuer signature by the key the issuer publishes
// at /.well-known/jwt-vc-issuer, typ, iss, vct, cnf, every disclosure digest, claim values.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { redeemOffer } from '../../examples/wallet/wallet.mjs';
import {
  diplomaClaims, employeeClaims, env, fetchOfferDocument, jose, mustCreateOffer, recordSecret,
} from './helpers.mjs';
import { kConfigurations, kTimestampGranularity } from './policy-fixture.mjs';

const kRegisteredClaims = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'cnf', 'status', 'sub',
  '_sd', '_sd_alg']);

function redeem(offer, options = {}) {
  return redeemOffer({ offerLink: offer.offer_link, txCode: offer.tx_code,
    allowInsecureLoopback: true, onSecret: (_kind, value) => recordSecret(value), ...options });
}

// checkCredential: the suite's own verification of a compact SD-JWT VC.
async function checkCredential(credential, { configurationId, holderJwk, claims }) {
  const expected = kConfigurations[configurationId];
  assert.ok(credential.endsWith('~'), 'an SD-JWT without key binding ends with ~');
  const [jwt, ...disclosures] = credential.slice(0, -1).split('~');

  const header = jose.decodeProtectedHeader(jwt);
  assert.equal(header.typ, 'dc+sd-jwt');
  assert.equal(header.alg, expected.signingAlg);
  const issuerKeys = await (await fetch(`${env.issuer}/.well-known/jwt-vc-issuer`)).json();
  const jwk = issuerKeys.jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `the issuer publishes kid ${header.kid}`);
  const { payload: raw } = await jose.compactVerify(jwt, await jose.importJWK(jwk, header.alg),
    { algorithms: [expected.signingAlg] });
  const payload = JSON.parse(new TextDecoder().decode(raw));

  assert.equal(payload.iss, env.issuer);
  assert.equal(payload.vct, expected.vct);
  // Times are rounded down to the granularity, so credentials issued close together share them.
  const now = Math.floor(Date.now() / 1000);
  assert.equal(payload.iat % kTimestampGranularity, 0, 'iat is rounded down');
  assert.ok(payload.iat <= now + 60 && payload.iat > now - kTimestampGranularity - 60,
    'iat is the current period');
  assert.equal(payload.nbf ?? payload.iat, payload.iat);
  assert.equal(payload.exp, payload.iat + expected.validity);
  assert.equal(await jose.calculateJwkThumbprint(payload.cnf.jwk),
    await jose.calculateJwkThumbprint(holderJwk), 'cnf.jwk is the holder key');
  assert.equal(payload.cnf.jwk.d, undefined);
  assert.equal(payload._sd_alg ?? 'sha-256', 'sha-256');

  // RFC 9901 section 7.1: each disclosure's digest is in _sd exactly once.
  const digests = payload._sd ?? [];
  assert.equal(new Set(digests).size, digests.length, 'no digest repeated');
  const disclosed = {};
  for (const disclosure of disclosures) {
    const digest = createHash('sha256').update(disclosure, 'ascii').digest('base64url');
    assert.ok(digests.includes(digest), 'disclosure digest is in _sd');
    const [salt, name, value, ...rest] = JSON.parse(Buffer.from(disclosure, 'base64url'));
    assert.equal(rest.length, 0);
    assert.equal(typeof salt, 'string');
    assert.ok(salt.length >= 22, 'salt of at least 128 bits');
    assert.ok(!(name in disclosed), `${name} disclosed once`);
    assert.ok(!(name in payload), `${name} not also in the clear`);
    disclosed[name] = value;
  }

  // The credential says what was offered, no more, no less, and discloses what the policy says.
  const plain = Object.fromEntries(Object.entries(payload)
    .filter(([k]) => !kRegisteredClaims.has(k)));
  assert.deepEqual({ ...plain, ...disclosed }, claims);
  for (const spec of expected.claims) {
    if (!(spec.name in claims)) continue;
    assert.ok(spec.name in (spec.selectively_disclosable ? disclosed : plain),
      `${spec.name} is ${spec.selectively_disclosable ? '' : 'not '}selectively disclosable`);
  }
  return { header, payload, disclosed };
}

describe('pre-authorized code flow with the example wallet', () => {
  test('with a tx_code: employee badge, ES256 holder key', async () => {
    const claims = employeeClaims();
    const offer = await mustCreateOffer({ claims, txCode: true });
    assert.match(offer.tx_code, /^[0-9]{6}$/);
    const result = await redeem(offer);
    assert.equal(result.credentialConfigurationId, 'employee_badge');
    await checkCredential(result.credential, { configurationId: 'employee_badge',
      holderJwk: result.holderJwk, claims });
  });

  test('without a tx_code: employee badge without optional claims, EdDSA holder key', async () => {
    const { department: _d, age: _a, ...claims } = employeeClaims();
    const offer = await mustCreateOffer({ claims });
    assert.equal(offer.tx_code, undefined);
    const result = await redeem(offer, { alg: 'EdDSA' });
    assert.equal(result.holderJwk.crv, 'Ed25519');
    await checkCredential(result.credential, { configurationId: 'employee_badge',
      holderJwk: result.holderJwk, claims });
  });

  test('a diploma offered by hr', async () => {
    const claims = diplomaClaims();
    const offer = await mustCreateOffer({ configurationId: 'diploma', claims, txCode: true });
    const result = await redeem(offer);
    await checkCredential(result.credential, { configurationId: 'diploma',
      holderJwk: result.holderJwk, claims });
  });

  test('a redeemed offer is gone, and the wallet cannot redeem it twice', async () => {
    const offer = await mustCreateOffer({ claims: employeeClaims() });
    await redeem(offer);
    const again = await fetchOfferDocument(offer.credential_offer_uri);
    assert.equal(again.status, 404);
    await assert.rejects(redeem(offer), (error) => error.step === 'offer');
  });

  test('the wallet reports a wrong tx_code as invalid_grant', async () => {
    const offer = await mustCreateOffer({ claims: employeeClaims(), txCode: true });
    const wrong = offer.tx_code === '000000' ? '111111' : '000000';
    await assert.rejects(redeem(offer, { txCode: wrong }),
      (error) => error.step === 'token' && error.code === 'invalid_grant');
    // The right code still works: one failure does not burn the offer (max_attempts is 5).
    await redeem(offer);
  });
});

describe('the example wallet\'s command line (examples/wallet/cli.mjs)', () => {
  const cli = fileURLToPath(new URL('../../examples/wallet/cli.mjs', import.meta.url));
  const run = (args) => new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? error.code : 0, stdout, stderr }));
  });

  test('redeem --json prints the verified credential', async () => {
    const claims = employeeClaims();
    const offer = await mustCreateOffer({ claims, txCode: true });
    const { status, stdout, stderr } = await run(['redeem', '--offer', offer.offer_link,
      '--tx-code', offer.tx_code, '--insecure-loopback', '--json']);
    assert.equal(status, 0, stderr);
    const result = JSON.parse(stdout);
    await checkCredential(result.credential, { configurationId: 'employee_badge',
      holderJwk: result.holder_jwk, claims });
    assert.deepEqual(Object.fromEntries(result.disclosures.map((d) => [d.name, d.value])),
      { given_name: claims.given_name, family_name: claims.family_name,
        department: claims.department, age: claims.age });
  });

  test('redeem prints text, and exits 1 on a second try of the same offer',
    async () => {
      const claims = employeeClaims();
      const offer = await mustCreateOffer({ claims });
      const first = await run(['redeem', '--offer', offer.offer_link, '--insecure-loopback']);
      assert.equal(first.status, 0, first.stderr);
      for (const value of [claims.given_name, claims.employee_id, 'cnf', 'dc+sd-jwt']) {
        assert.ok(first.stdout.includes(value), value);
      }
      const second = await run(['redeem', '--offer', offer.offer_link, '--insecure-loopback']);
      assert.equal(second.status, 1);
      assert.match(second.stderr, /redeem failed at offer/);
    });

  test('plain http is refused without --insecure-loopback; usage errors exit 2', async () => {
    const offer = await mustCreateOffer({ claims: employeeClaims() });
    const insecure = await run(['redeem', '--offer', offer.offer_link]);
    assert.equal(insecure.status, 1);
    assert.match(insecure.stderr, /non-https/);
    assert.equal((await run(['redeem'])).status, 2);
    assert.equal((await run(['--help'])).status, 0);
  });
});
