// Metadata documents (OID4VCI 1.0 section 12, RFC 8414, SD-JWT VC section 5) and the admin
// API's offer creation and refusals.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  createOffer, credentialOfferUri, employeeClaims, diplomaClaims, env, fetchOfferDocument,
  kPreAuthorizedGrantType, nowSeconds,
} from './helpers.mjs';
import { kClients, kConfigurations, kIssuerDisplay } from './policy-fixture.mjs';

async function getJson(url, init) {
  const response = await fetch(url, init);
  assert.equal(response.status, 200, `GET ${url}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/);
  return response.json();
}

// The claims description the metadata should carry for a configuration (OID4VCI 1.0 B.2).
function expectedClaimsDescription(configuration) {
  return configuration.claims.map((c) => ({
    path: [c.name],
    mandatory: c.required,
    ...(c.display ? { display: c.display } : {}),
  }));
}

describe('credential issuer metadata (OID4VCI 1.0 section 12.2)', async () => {
  const metadata = await getJson(`${env.issuer}/.well-known/openid-credential-issuer`);

  test('names the issuer and its endpoints', () => {
    assert.equal(metadata.credential_issuer, env.issuer);
    assert.equal(metadata.credential_endpoint, `${env.issuer}/credential`);
    assert.equal(metadata.nonce_endpoint, `${env.issuer}/nonce`);
    assert.deepEqual(metadata.display, kIssuerDisplay);
    // One server is both issuer and AS: authorization_servers is omitted (section 12.2.4).
    assert.equal(metadata.authorization_servers, undefined);
  });

  test('lists exactly the policy\'s configurations', () => {
    assert.deepEqual(Object.keys(metadata.credential_configurations_supported).sort(),
      Object.keys(kConfigurations).sort());
  });

  for (const [id, expected] of Object.entries(kConfigurations)) {
    test(`describes ${id} as a dc+sd-jwt configuration (appendix A.3.2)`, () => {
      const c = metadata.credential_configurations_supported[id];
      assert.equal(c.format, 'dc+sd-jwt');
      assert.equal(c.vct, expected.vct);
      assert.deepEqual(c.cryptographic_binding_methods_supported,
        expected.bindingMethods ?? ['jwk']);
      assert.deepEqual(c.credential_signing_alg_values_supported, [expected.signingAlg]);
      assert.deepEqual(Object.keys(c.proof_types_supported), ['jwt']);
      assert.deepEqual(c.proof_types_supported.jwt.proof_signing_alg_values_supported,
        expected.proofAlgs);
      assert.deepEqual(c.credential_metadata.display, expected.display);
      const claims = c.credential_metadata.claims.map((d) => ({ ...d,
        mandatory: d.mandatory ?? false }));
      assert.deepEqual(claims, expectedClaimsDescription(expected));
      // Draft-era places for these fields are gone in 1.0.
      assert.equal(c.claims, undefined);
      assert.equal(c.display, undefined);
    });
  }
});

describe('authorization server metadata (RFC 8414; OID4VCI 1.0 section 12.3)', () => {
  for (const suffix of ['oauth-authorization-server', 'openid-configuration']) {
    test(`/.well-known/${suffix} offers the anonymous pre-authorized code grant`, async () => {
      const as = await getJson(`${env.issuer}/.well-known/${suffix}`);
      assert.equal(as.issuer, env.issuer);
      assert.equal(as.token_endpoint, `${env.issuer}/token`);
      assert.ok(Array.isArray(as.grant_types_supported));
      assert.ok(as.grant_types_supported.includes(kPreAuthorizedGrantType));
      assert.equal(as['pre-authorized_grant_anonymous_access_supported'], true);
    });
  }
});

test('JWT VC issuer metadata publishes public signing keys (SD-JWT VC section 5)', async () => {
  const doc = await getJson(`${env.issuer}/.well-known/jwt-vc-issuer`);
  assert.equal(doc.issuer, env.issuer);
  assert.ok(Array.isArray(doc.jwks?.keys) && doc.jwks.keys.length > 0);
  const kids = new Set();
  for (const key of doc.jwks.keys) {
    assert.equal(typeof key.kid, 'string');
    assert.ok(!kids.has(key.kid), 'kids are unique');
    kids.add(key.kid);
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
      assert.equal(key[privatePart], undefined, `no private member ${privatePart}`);
    }
  }
});

describe('admin API', () => {
  test('GET /types lists what each client may offer', async () => {
    for (const [client, token] of [['hr', env.adminToken], ['limited', env.limitedToken]]) {
      const types = await getJson(`${env.admin}/types`,
        { headers: { Authorization: `Bearer ${token}` } });
      assert.deepEqual(types.credential_configurations.map((c) => c.id).sort(),
        [...kClients[client]].sort(), client);
      for (const c of types.credential_configurations) {
        assert.equal(c.vct, kConfigurations[c.id].vct);
        assert.deepEqual(c.claims.map((k) => k.name),
          kConfigurations[c.id].claims.map((k) => k.name));
      }
    }
  });

  test('POST /offers answers 201 with a link, a lifetime and a tx_code on request', async () => {
    const before = nowSeconds();
    const { status, body, headers } = await createOffer({ claims: employeeClaims(),
      txCode: true, expiresIn: 120 });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(typeof body.offer_id, 'string');
    assert.equal(body.credential_offer_uri, `${env.issuer}/credential-offer/${body.offer_id}`);
    assert.ok(body.offer_link.startsWith('openid-credential-offer://?credential_offer_uri='));
    assert.equal(credentialOfferUri(body.offer_link), body.credential_offer_uri);
    assert.match(body.tx_code, /^[0-9]{6}$/);
    const expiresAt = typeof body.expires_at === 'number'
      ? body.expires_at : Math.floor(Date.parse(body.expires_at) / 1000);
    assert.ok(expiresAt >= before + 115 && expiresAt <= nowSeconds() + 125, `${body.expires_at}`);
    assert.match(headers.get('cache-control') ?? '', /no-store/);

    // The offer by reference (section 4.1.3): the code and the tx_code's description, never
    // the tx_code itself.
    const offer = await fetchOfferDocument(body.credential_offer_uri);
    assert.equal(offer.status, 200);
    assert.match(offer.headers.get('cache-control') ?? '', /no-store/);
    assert.equal(offer.body.credential_issuer, env.issuer);
    assert.deepEqual(offer.body.credential_configuration_ids, ['employee_badge']);
    assert.deepEqual(Object.keys(offer.body.grants), [kPreAuthorizedGrantType]);
    const grant = offer.body.grants[kPreAuthorizedGrantType];
    assert.equal(typeof grant['pre-authorized_code'], 'string');
    assert.ok(grant['pre-authorized_code'].length >= 22);
    const { mode: _m, maxAttempts: _a, ...txCode } = kConfigurations.employee_badge.txCode;
    assert.deepEqual(grant.tx_code, txCode);
    assert.ok(!JSON.stringify(offer.body).includes(body.tx_code), 'no tx_code in the offer');
  });

  test('an offer without a tx_code has no tx_code object', async () => {
    const { status, body } = await createOffer({ claims: employeeClaims() });
    assert.equal(status, 201);
    assert.equal(body.tx_code, undefined);
    const offer = await fetchOfferDocument(body.credential_offer_uri);
    assert.equal(offer.body.grants[kPreAuthorizedGrantType].tx_code, undefined);
  });

  test('an unknown admin token is 401', async () => {
    const { status, body, headers } = await createOffer({ claims: employeeClaims(),
      token: 'not-a-client-token-0123456789abcdef' });
    assert.equal(status, 401);
    assert.equal(body?.error, 'invalid_token');
    assert.match(headers.get('www-authenticate') ?? '', /^Bearer\b/);
  });

  test('no admin token is 401 with a Bearer challenge', async () => {
    const { status, headers } = await createOffer({ claims: employeeClaims(), token: null });
    assert.equal(status, 401);
    assert.match(headers.get('www-authenticate') ?? '', /^Bearer\b/);
  });

  test('the limited client may not offer a diploma: 403', async () => {
    const { status, body } = await createOffer({ configurationId: 'diploma',
      claims: diplomaClaims(), token: env.limitedToken });
    assert.equal(status, 403);
    assert.equal(body?.error, 'access_denied');
  });

  test('the limited client may offer an employee badge', async () => {
    const { status } = await createOffer({ claims: employeeClaims(), token: env.limitedToken });
    assert.equal(status, 201);
  });

  test('claims that do not fit the policy are 400', async () => {
    const { given_name: _g, ...missingRequired } = employeeClaims();
    for (const claims of [missingRequired, employeeClaims({ shoe_size: 44 }),
      employeeClaims({ age: 'forty-one' })]) {
      const { status, body } = await createOffer({ claims });
      assert.equal(status, 400, JSON.stringify(claims));
      assert.equal(body?.error, 'invalid_request');
    }
  });
});
