// The shipped example policies (examples/policy) issue what they say: for each configuration, its
// client creates an offer with a realistic person's claims, the project's wallet redeems it, and
// the credential, reassembled from its disclosures by @sd-jwt/sd-jwt-vc inside the wallet,
// carries exactly the offered claims plus the policy's fixed ones, signed with the algorithm the
// policy names. Also: the per-offer rules of the policy (validity, not-before, offer lifetime).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { redeemOffer } from '../../../examples/wallet/wallet.mjs';
import { createOffer } from './admin.mjs';

const kDay = 86400;
const kRegistered = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'cnf', 'status', 'sub', '_sd',
  '_sd_alg']);

function plainClaims(claims) {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !kRegistered.has(name)));
}

const kCases = [
  {
    client: 'hr-system', configuration: 'employee_badge', alg: 'ES256',
    vct: 'https://credentials.example.com/employee_badge', validity: 365 * kDay,
    claims: { given_name: 'Erika', family_name: 'Mustermann', employee_id: 'E204518',
      department: 'Engineering', start_date: '2024-03-01' },
    fixed: { employer: 'Example Corp' },
  },
  {
    client: 'registrar', configuration: 'university_diploma', alg: 'ES384',
    vct: undefined, validity: undefined,
    claims: { given_name: 'Jean', family_name: 'Dupont', birthdate: '1999-07-14',
      degree: { type: 'MasterDegree', name: 'Master of Science in Computer Science' },
      grade_point_average: 3.7, awarded_at: '2025-06-30T14:00:00Z' },
    fixed: {},
  },
  {
    client: 'citizen-office', configuration: 'personal_id', alg: 'ES256', vct: 'urn:eudi:pid:1',
    validity: 90 * kDay,
    claims: { given_name: 'Lena', family_name: 'Schmidt', birthdate: '1985-02-11',
      age_in_years: 41,
      address: { street_address: 'Hauptstraße 5', locality: 'Berlin', postal_code: '10115',
        country: 'DE' },
      nationalities: ['DE', 'FR'] },
    fixed: {},
  },
];

describe('examples/policy issue what they say', () => {
  for (const c of kCases) {
    test(`${c.configuration} through ${c.client}`, async () => {
      const { status, body } = await createOffer(c.client,
        { credential_configuration_id: c.configuration, claims: c.claims, tx_code: true });
      assert.equal(status, 201, JSON.stringify(body));
      const result = await redeemOffer({ offerLink: body.offer_link, txCode: body.tx_code,
        allowInsecureLoopback: true });
      assert.equal(result.credentialConfigurationId, c.configuration);
      assert.equal(result.header.alg, c.alg);
      if (c.vct) assert.equal(result.payload.vct, c.vct);
      if (c.validity) assert.equal(result.payload.exp - result.payload.iat, c.validity);
      assert.deepEqual(plainClaims(result.claims), { ...c.claims, ...c.fixed });
    });
  }

  test('a client may not offer another client\'s configuration', async () => {
    const { status, body } = await createOffer('hr-system',
      { credential_configuration_id: 'personal_id', claims: kCases[2].claims });
    assert.equal(status, 403, JSON.stringify(body));
  });

  test('a refused claim names the claim and the rule, never the value', async () => {
    const claims = { ...kCases[0].claims, employee_id: 'X-not-an-id' };
    const { status, body } = await createOffer('hr-system',
      { credential_configuration_id: 'employee_badge', claims });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.match(body.error_description, /employee_id/);
    assert.match(body.error_description, /pattern/);
    assert.ok(!body.error_description.includes('X-not-an-id'), body.error_description);
  });
});

describe('per-offer rules of examples/policy/employee_badge.toml', () => {
  const badge = (extra) => createOffer('hr-system', { credential_configuration_id:
    'employee_badge', claims: kCases[0].claims, ...extra });

  test('an offer may ask for up to validity.maximum (730d)', async () => {
    const { status, body } = await badge({ credential_validity: 730 * kDay });
    assert.equal(status, 201, JSON.stringify(body));
    const result = await redeemOffer({ offerLink: body.offer_link, allowInsecureLoopback: true });
    assert.equal(result.payload.exp - result.payload.iat, 730 * kDay);
  });

  test('an offer may date the credential up to validity.not_before (60d) ahead', async () => {
    // The credential's nbf itself is checked in tests/daemon/oid4vci/offer_rules_test.cc: a
    // wallet refuses to store a credential that is not yet valid.
    const { status, body } = await badge({
      credential_not_before: Math.floor(Date.now() / 1000) + 60 * kDay - 60 });
    assert.equal(status, 201, JSON.stringify(body));
  });

  for (const [name, extra, pattern] of [
    ['validity beyond the maximum', { credential_validity: 731 * kDay }, /validity\.maximum/],
    ['a start beyond 60 days', { credential_not_before: Math.floor(Date.now() / 1000) +
      61 * kDay }, /validity\.not_before/],
    ['an offer lifetime beyond 3 days', { expires_in: 3 * kDay + 1 }, /expires_in/],
  ]) {
    test(`refuses ${name}`, async () => {
      const { status, body } = await badge(extra);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(body.error, 'invalid_request');
      assert.match(body.error_description, pattern);
    });
  }

  test('an offer lives offer_lifetime.default (30m) when it asks for nothing', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await badge({});
    assert.equal(status, 201);
    assert.ok(body.expires_at >= before + 1800 && body.expires_at <= before + 1805,
      `${body.expires_at - before}`);
  });
});

