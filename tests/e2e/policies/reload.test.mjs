// Changing the policy live (issue #5): reloads swap the policy atomically while wallets redeem,
// an invalid policy is refused and the old one keeps serving, and what a removed configuration
// had started ends with the spec's errors: invalid_grant for an outstanding offer at the token
// endpoint, credential_request_denied for an access token already issued.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { redeemOffer } from '../../../examples/wallet/wallet.mjs';
import {
  credentialRequest, fetchOfferDocument, holderKey, kPreAuthorizedGrantType, makeProof, newNonce,
  tokenRequest,
} from '../helpers.mjs';
import { createOffer } from './admin.mjs';

const kIssuer = process.env.VCI_ISSUER;
const kAdmin = process.env.VCI_ADMIN;
const kPolicyDir = process.env.VCI_POLICY_DIR;
const kProbeFile = `${kPolicyDir}/99-reception.toml`;

// The load uses the registrar's diploma: the HR system's badge offers are rate-limited.
const kDiplomaClaims = { given_name: 'Jean', family_name: 'Dupont', birthdate: '1999-07-14',
  degree: { type: 'MasterDegree', name: 'Master of Science' }, awarded_at: '2025-06-30T14:00:00Z' };

// A configuration and its client that the tests add and remove.
function receptionPolicy(tokenSha256, displayName = 'Visitor pass') {
  return `[[credential_configuration]]
id = "visitor_pass"
format = "dc+sd-jwt"
vct = "https://credentials.example.com/visitor_pass"
signing_key = "pkcs11:token=vcissuer;object=badge-signer;type=private"
signing_alg = "ES256"
validity = "1d"
tx_code = { mode = "forbidden" }
display = [ { locale = "en", name = "${displayName}" } ]

  [[credential_configuration.claim]]
  name = "visitor_name"
  type = "string"
  required = true

[[client]]
name = "reception"
token_sha256 = "${tokenSha256}"
configurations = ["visitor_pass"]
`;
}

async function metadataNames() {
  const response = await fetch(`${kIssuer}/.well-known/openid-credential-issuer`);
  const metadata = await response.json();
  return Object.fromEntries(Object.entries(metadata.credential_configurations_supported)
    .map(([id, c]) => [id, c.credential_metadata?.display?.[0]?.name]));
}

// reloadWith runs `vcissuerctl reload`, which returns once every worker serves the new policy
// (exit 0) or the reload was refused (exit 7, the reason on stderr).
function reloadWith() {
  try {
    execFileSync(process.env.VCI_CTL, ['--config', process.env.VCI_CONFIG, 'reload'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stderr: '' };
  } catch (error) {
    return { status: error.status, stderr: String(error.stderr) };
  }
}

// reload reloads, and checks that every worker now answers as `done` says: the metadata is
// fetched several times, over fresh connections, so that each worker is likely asked.
async function reload(done) {
  const { status, stderr } = reloadWith();
  assert.equal(status, 0, stderr);
  for (let i = 0; i < 6; ++i) {
    const names = await metadataNames();
    assert.ok(done(names), `a worker still serves the old policy: ${JSON.stringify(names)}`);
  }
}

async function wallet(stopAt, results) {
  while (Date.now() < stopAt) {
    try {
      const { status, body } = await createOffer('registrar',
        { credential_configuration_id: 'university_diploma', claims: kDiplomaClaims });
      assert.equal(status, 201, JSON.stringify(body));
      const result = await redeemOffer({ offerLink: body.offer_link, txCode: body.tx_code,
        allowInsecureLoopback: true });
      assert.deepEqual(result.claims.degree, kDiplomaClaims.degree);
      results.ok += 1;
    } catch (error) {
      results.failed.push(String(error?.message ?? error));
    }
  }
}

describe('reloading the policy', () => {
  test('a reload under load fails no request, and an invalid policy leaves the old one', async () => {
    const token = randomBytes(32).toString('hex');
    const sha = createHash('sha256').update(token).digest('hex');
    const results = { ok: 0, failed: [] };
    const stopAt = Date.now() + 8000;
    const wallets = [1, 2, 3, 4].map(() => wallet(stopAt, results));
    let reloads = 0;
    let refused = 0;
    while (Date.now() < stopAt) {
      const name = `Visitor pass ${reloads}`;
      writeFileSync(kProbeFile, receptionPolicy(sha, name));
      await reload((names) => names.visitor_pass === name);
      reloads += 1;
      // Now an invalid policy: a client granted a configuration nobody defines.
      writeFileSync(kProbeFile, receptionPolicy(sha, name).replace(
        'configurations = ["visitor_pass"]', 'configurations = ["visitor_pass", "nowhere"]'));
      const refusal = reloadWith();
      assert.equal(refusal.status, 7, 'vcissuerctl reload reports the refused policy');
      assert.match(refusal.stderr, /nowhere/, 'and says why');
      assert.equal((await metadataNames()).visitor_pass, name, 'the old policy still serves');
      refused += 1;
    }
    await Promise.all(wallets);
    rmSync(kProbeFile, { force: true });
    await reload((names) => !('visitor_pass' in names));
    assert.deepEqual(results.failed, []);
    assert.ok(results.ok >= 8, `only ${results.ok} redemptions in 8 s`);
    assert.ok(reloads >= 5 && refused >= 5, `${reloads} reloads, ${refused} refusals`);
    const log = readFileSync(process.env.VCI_DAEMON_LOG, 'utf8');
    assert.match(log, /nowhere/, 'the refused reload says why in the log');
  });

  test('a removed configuration ends its offers with invalid_grant and its tokens with ' +
    'credential_request_denied', async () => {
    const token = randomBytes(32).toString('hex');
    const sha = createHash('sha256').update(token).digest('hex');
    writeFileSync(kProbeFile, receptionPolicy(sha));
    await reload((names) => names.visitor_pass === 'Visitor pass');

    const codes = [];
    for (let i = 0; i < 2; ++i) {
      const response = await fetch(`${kAdmin}/offers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ credential_configuration_id: 'visitor_pass',
          claims: { visitor_name: 'Ada Lovelace' } }),
      });
      const body = await response.json();
      assert.equal(response.status, 201, JSON.stringify(body));
      const offer = await fetchOfferDocument(body.credential_offer_uri);
      codes.push(offer.body.grants[kPreAuthorizedGrantType]['pre-authorized_code']);
    }
    const issued = await tokenRequest({ 'pre-authorized_code': codes[0] });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));

    rmSync(kProbeFile);
    await reload((names) => !('visitor_pass' in names));

    const outstanding = await tokenRequest({ 'pre-authorized_code': codes[1] });
    assert.equal(outstanding.status, 400);
    assert.equal(outstanding.body.error, 'invalid_grant');
    const key = await holderKey();
    const proof = await makeProof(key, { nonce: await newNonce() });
    const denied = await credentialRequest({ accessToken: issued.body.access_token, proof,
      configurationId: 'visitor_pass' });
    assert.equal(denied.status, 400, JSON.stringify(denied.body));
    assert.equal(denied.body.error, 'credential_request_denied');
  });
});
