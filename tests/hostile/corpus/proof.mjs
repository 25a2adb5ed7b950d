// Hostile key proofs (OID4VCI 1.0 appendix F.1 and F.4, RFC 7515, RFC 8725): broken JWTs,
// alg none and alg confusion, keys the proof must not name, odd DIDs, and replays.

import { createPublicKey } from 'node:crypto';

import { b64u, holderKey, hs256, kProofJwtType, nowSeconds, randomToken, signJws }
  from '../context.mjs';

const fresh = async (ctx) => ({ token: await ctx.freshToken(), nonce: await ctx.nonce() });

// proofCase: a credential request whose only proof is make(v, ctx).
function proofCase(name, make, error = 'invalid_proof', extra = {}) {
  return {
    name: `proof: ${name} is ${error}`,
    prepare: extra.prepare ?? fresh,
    request: (v, ctx) => ctx.credentialRequest(v.token,
      { credential_configuration_id: 'employee_badge', proofs: { jwt: [make(v, ctx)] } }),
    status: 400,
    error,
    ...extra,
  };
}

function structure() {
  const good = (v, ctx) => ctx.proof({ nonce: v.nonce });
  const segments = (v, ctx) => good(v, ctx).split('.');
  return [
    ['an empty string', () => ''],
    ['one segment', (v, ctx) => segments(v, ctx)[0]],
    ['two segments', (v, ctx) => segments(v, ctx).slice(0, 2).join('.')],
    ['four segments', (v, ctx) => `${good(v, ctx)}.AAAA`],
    ['five segments (a JWE shape)', (v, ctx) => `${good(v, ctx)}.AAAA.AAAA`],
    ['only dots', () => '....'],
    ['two dots', () => '..'],
    ['a header of broken base64', (v, ctx) => `@@@@.${segments(v, ctx).slice(1).join('.')}`],
    ['a header of padded base64', (v, ctx) => { const s = segments(v, ctx);
      return `${s[0]}==.${s[1]}.${s[2]}`; }],
    ['a header of standard base64', (v, ctx) => { const s = segments(v, ctx);
      return `${Buffer.from(s[0], 'base64url').toString('base64').replace(/=+$/, '')}+/.${s[1]}.${
        s[2]}`; }],
    ['a header of impossible length', (v, ctx) => { const s = segments(v, ctx);
      return `${s[0]}A.${s[1]}.${s[2]}`; }],
    ['a payload of broken base64', (v, ctx) => { const s = segments(v, ctx);
      return `${s[0]}.!!!!.${s[2]}`; }],
    ['a signature of broken base64', (v, ctx) => { const s = segments(v, ctx);
      return `${s[0]}.${s[1]}.$$$$`; }],
    ['an empty signature', (v, ctx) => { const s = segments(v, ctx); return `${s[0]}.${s[1]}.`; }],
    ['a signature one byte short', (v, ctx) => { const s = segments(v, ctx);
      const short = Buffer.from(s[2], 'base64url').subarray(1);
      return `${s[0]}.${s[1]}.${short.toString('base64url')}`; }],
    ['a flipped signature bit', (v, ctx) => { const s = segments(v, ctx);
      const sig = Buffer.from(s[2], 'base64url'); sig[10] ^= 1;
      return `${s[0]}.${s[1]}.${sig.toString('base64url')}`; }],
    ['an all-zero signature', (v, ctx) => { const s = segments(v, ctx);
      return `${s[0]}.${s[1]}.${Buffer.alloc(64).toString('base64url')}`; }],
    ['a DER-encoded ECDSA signature', (v, ctx) => { const s = segments(v, ctx);
      const raw = Buffer.from(s[2], 'base64url');
      const int = (b) => {
        let x = b;
        while (x.length > 1 && x[0] === 0 && x[1] < 0x80) x = x.subarray(1);
        return x[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), x]) : x;
      };
      const r = int(raw.subarray(0, 32)); const q = int(raw.subarray(32));
      const der = Buffer.concat([Buffer.from([0x30, r.length + q.length + 4, 2, r.length]), r,
        Buffer.from([2, q.length]), q]);
      return `${s[0]}.${s[1]}.${der.toString('base64url')}`; }],
    ['a header that is not JSON', (v, ctx) => signJws(ctx.key, '{"alg":', JSON.stringify(
      { aud: ctx.issuer, iat: nowSeconds(), nonce: v.nonce }))],
    ['a header that is a JSON array', (v, ctx) => signJws(ctx.key, '["ES256"]', JSON.stringify(
      { aud: ctx.issuer, iat: nowSeconds(), nonce: v.nonce }))],
    ['a payload that is not JSON', (v, ctx) => signJws(ctx.key, JSON.stringify(
      { alg: 'ES256', typ: kProofJwtType, jwk: ctx.key.publicJwk }), 'nonce')],
    ['a payload that is a JSON array', (v, ctx) => signJws(ctx.key, JSON.stringify(
      { alg: 'ES256', typ: kProofJwtType, jwk: ctx.key.publicJwk }), JSON.stringify([v.nonce]))],
    ['a 9 KiB proof',
      (v, ctx) => ctx.proof({ nonce: v.nonce, payload: { pad: 'x'.repeat(9000) } })],
  ].map(([name, make]) => proofCase(name, make));
}

function header() {
  const payload = (v, ctx) => JSON.stringify({ aud: ctx.issuer, iat: nowSeconds(),
    nonce: v.nonce });
  const jwkText = (ctx) => JSON.stringify(ctx.key.publicJwk);
  return [
    proofCase('alg none with an empty signature', (v, ctx) => `${b64u({ alg: 'none',
      typ: kProofJwtType, jwk: ctx.key.publicJwk })}.${b64u(payload(v, ctx))}.`),
    proofCase('alg None (mixed case)', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { alg: 'None' } })),
    proofCase('alg HS256 with the public JWK as the HMAC key (alg confusion)',
      (v, ctx) => ctx.proof({ nonce: v.nonce, header: { alg: 'HS256' },
        signWith: hs256(jwkText(ctx)) })),
    proofCase('alg HS256 with the public key point as the HMAC key (alg confusion)',
      (v, ctx) => ctx.proof({ nonce: v.nonce, header: { alg: 'HS256' }, signWith: hs256(
        Buffer.concat([Buffer.from([4]), Buffer.from(ctx.key.publicJwk.x, 'base64url'),
          Buffer.from(ctx.key.publicJwk.y, 'base64url')])) })),
    proofCase('alg HS256 with the PEM public key as the HMAC key (alg confusion)',
      (v, ctx) => ctx.proof({ nonce: v.nonce, header: { alg: 'HS256' }, signWith: hs256(
        createPublicKey({ key: ctx.key.publicJwk, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })) })),
    proofCase('alg RS256 with an EC key', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { alg: 'RS256' } })),
    proofCase('alg ES384 with a P-256 key', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { alg: 'ES384' } })),
    proofCase('alg EdDSA with a P-256 key', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { alg: 'EdDSA' } })),
    proofCase('alg ES256 with an Ed25519 key', (v, ctx) => {
      const ed = holderKey('EdDSA');
      return ctx.proof({ key: ed, nonce: v.nonce, header: { alg: 'ES256' } });
    }),
    proofCase('no alg', (v, ctx) => ctx.proof({ nonce: v.nonce, header: { alg: undefined } })),
    proofCase('alg as a number', (v, ctx) => ctx.proof({ nonce: v.nonce, header: { alg: 256 } })),
    proofCase('alg as an array', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { alg: ['ES256'] } })),
    proofCase('alg twice in the header (ES256, then none)', (v, ctx) => signJws(ctx.key,
      `{"alg":"ES256","typ":"${kProofJwtType}","jwk":${jwkText(ctx)},"alg":"none"}`,
      payload(v, ctx))),
    proofCase('typ twice in the header', (v, ctx) => signJws(ctx.key,
      `{"alg":"ES256","typ":"JWT","jwk":${jwkText(ctx)},"typ":"${kProofJwtType}"}`,
      payload(v, ctx))),
    proofCase('a header nested 40 deep', (v, ctx) => signJws(ctx.key,
      `{"alg":"ES256","typ":"${kProofJwtType}","jwk":${jwkText(ctx)},"x":${'['.repeat(40)}${
        ']'.repeat(40)}}`, payload(v, ctx))),
    proofCase('a header nested 3000 deep', (v, ctx) => signJws(ctx.key,
      `{"alg":"ES256","typ":"${kProofJwtType}","jwk":${jwkText(ctx)},"x":${'['.repeat(3000)}${
        ']'.repeat(3000)}}`, payload(v, ctx))),
    proofCase('no typ', (v, ctx) => ctx.proof({ nonce: v.nonce, header: { typ: undefined } })),
    proofCase('typ JWT', (v, ctx) => ctx.proof({ nonce: v.nonce, header: { typ: 'JWT' } })),
    proofCase('typ with different case', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { typ: kProofJwtType.toUpperCase() } })),
    proofCase('typ as a number', (v, ctx) => ctx.proof({ nonce: v.nonce, header: { typ: 1 } })),
    proofCase('typ of a key attestation', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { typ: 'key-attestation+jwt' } })),
    proofCase('a crit header the issuer does not know', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { crit: ['exp'], exp: 1 } })),
  ];
}

function keys() {
  return [
    proofCase('a private key in the jwk header', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: ctx.key.privateJwk } })),
    proofCase('a jwk of another key than the signer', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: holderKey().publicJwk } })),
    proofCase('a jwk with a point off the curve', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { ...ctx.key.publicJwk, y: Buffer.alloc(32, 1).toString('base64url') } } })),
    proofCase('a jwk with a short x', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { ...ctx.key.publicJwk, x: 'AAAA' } } })),
    proofCase('a jwk without crv', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { ...ctx.key.publicJwk, crv: undefined } } })),
    proofCase('a jwk of kty RSA', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { kty: 'RSA', n: randomToken(256), e: 'AQAB' } } })),
    proofCase('a jwk of kty oct (a symmetric key)', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { kty: 'oct', k: randomToken(32) } } })),
    proofCase('a jwk that is a string', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: JSON.stringify(ctx.key.publicJwk) } })),
    proofCase('a jwk of P-384 under ES256', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: { ...ctx.key.publicJwk, crv: 'P-384' } } })),
    proofCase('both jwk and kid', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { kid: 'did:jwk:x' } })),
    proofCase('neither jwk nor kid', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined } })),
    proofCase('a 6 KiB x5c chain', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, x5c: [randomToken(3000), randomToken(1500)] } })),
    proofCase('an x5c beside a jwk', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { x5c: ['MIIB'] } })),
    proofCase('an x5c of 200 empty entries', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, x5c: Array(200).fill('') } })),
    proofCase('a trust_chain header', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, trust_chain: ['a.b.c'] } })),
    ...[
      ['a did:web kid', 'did:web:evil.example#key-1'],
      ['a did:key of garbage', 'did:key:zzzzzzzzzzzz'],
      ['a did:key of an RSA multicodec',
        'did:key:z4MXj1wBzi9jUstyPMS4jQqB6KdJaiatPkAtVtGc6bQEQEEsKTic'],
      ['a did:key with a path and query', 'did:key:z6Mk/../../etc/passwd?x=1#k'],
      ['a did:jwk of broken base64', 'did:jwk:!!!!#0'],
      ['a did:jwk holding a private key', null],
      ['a 5000-character did:key', `did:key:z${'1'.repeat(5000)}`],
      ['a DID with a NUL', 'did:key:z6Mk\u0000'],
      ['an empty kid', ''],
      ['a kid of only "did:"', 'did:'],
      ['a kid that is a URL', 'https://evil.example/jwks.json#1'],
      ['a kid that is a file path', '../../../../etc/passwd'],
    ].map(([name, kid]) => proofCase(name, (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, kid: kid ?? `did:jwk:${b64u(ctx.key.privateJwk)}#0` } }))),
    proofCase('a kid as a number', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, kid: 7 } })),
    proofCase('a did:jwk of another key than the signer', (v, ctx) => ctx.proof({ nonce: v.nonce,
      header: { jwk: undefined, kid: `did:jwk:${b64u(holderKey().publicJwk)}#0` } })),
  ];
}

function claims() {
  return [
    ['no aud', { aud: undefined }],
    ['a wrong aud', { aud: 'https://other-issuer.example' }],
    ['aud with a trailing slash', null, (ctx) => ({ aud: `${ctx.issuer}/` })],
    ['aud as an array without the issuer', { aud: ['https://a.example', 'https://b.example'] }],
    ['aud as a number', { aud: 1 }],
    ['no iat', { iat: undefined }],
    ['iat as a string', null, () => ({ iat: String(nowSeconds()) })],
    ['iat two hours old', null, () => ({ iat: nowSeconds() - 7200 })],
    ['iat one hour ahead', null, () => ({ iat: nowSeconds() + 3600 })],
    ['iat of 1e308', { iat: 1e308 }],
    ['iat of -1', { iat: -1 }],
    ['iat of 2^63', { iat: 9223372036854775808 }],
    ['iat in milliseconds', null, () => ({ iat: Date.now() })],
    ['iat of 1e999 (not a JSON number a parser keeps)', null, null, '1e999'],
    ['no nonce', { nonce: undefined }],
    ['an empty nonce', { nonce: '' }],
    ['nonce as a number', { nonce: 12345678 }],
    ['nonce as an array', null, (ctx, v) => ({ nonce: [v.nonce] })],
  ].map(([name, payload, makePayload, rawIat]) => proofCase(name, (v, ctx) => {
    if (rawIat) {
      return signJws(ctx.key, JSON.stringify({ alg: 'ES256', typ: kProofJwtType,
        jwk: ctx.key.publicJwk }), `{"aud":"${ctx.issuer}","iat":${rawIat},"nonce":"${v.nonce}"}`);
    }
    return ctx.proof({ nonce: v.nonce, payload: payload ?? makePayload(ctx, v) });
  }));
}

function nonces() {
  const cases = [
    proofCase('an unknown nonce', (v, ctx) => ctx.proof({ nonce: randomToken(32) }),
      'invalid_nonce'),
    proofCase('a 4000-character nonce', (v, ctx) => ctx.proof({ nonce: 'n'.repeat(4000) }),
      'invalid_nonce'),
    proofCase('the access token as the nonce', (v, ctx) => ctx.proof({ nonce: v.token }),
      'invalid_nonce'),
    proofCase('the nonce with a suffix', (v, ctx) => ctx.proof({ nonce: `${v.nonce}x` }),
      'invalid_nonce'),
    proofCase('a nonce spent by a successful issuance', (v, ctx) => ctx.proof({ nonce: v.nonce }),
      'invalid_nonce', { prepare: async (ctx) => {
        const v = await fresh(ctx);
        await ctx.mustSend(ctx.credentialRequest(v.token, ctx.validCredentialBody(v.nonce)), 200);
        return { token: await ctx.freshToken(), nonce: v.nonce };
      } }),
    proofCase('a replayed proof (same JWT, new access token)', (v) => v.proof, 'invalid_nonce',
      { prepare: async (ctx) => {
        const v = await fresh(ctx);
        const proof = ctx.proof({ nonce: v.nonce });
        await ctx.mustSend(ctx.credentialRequest(v.token, { credential_configuration_id:
          'employee_badge', proofs: { jwt: [proof] } }), 200);
        return { token: await ctx.freshToken(), proof };
      } }),
    proofCase('a replayed proof (same JWT, same access token)', (v) => v.proof, 'invalid_nonce',
      { prepare: async (ctx) => {
        const v = await fresh(ctx);
        const proof = ctx.proof({ nonce: v.nonce });
        await ctx.mustSend(ctx.credentialRequest(v.token, { credential_configuration_id:
          'employee_badge', proofs: { jwt: [proof] } }), 200);
        return { token: v.token, proof };
      } }),
  ];
  // A refused request must not spend the nonce: after an unknown access token, it still works.
  cases.push({
    name: 'proof: a nonce sent with a bad access token is not spent (then 200)',
    prepare: async (ctx) => {
      const v = await fresh(ctx);
      const forged = randomToken();
      ctx.recordSecret(forged);
      await ctx.mustSend(ctx.credentialRequest(forged, ctx.validCredentialBody(v.nonce)), 401);
      return v;
    },
    request: (v, ctx) => ctx.credentialRequest(v.token, ctx.validCredentialBody(v.nonce)),
    status: 200,
  });
  cases.push({
    name: 'proof: control: an EdDSA proof is accepted (200)',
    prepare: fresh,
    request: (v, ctx) => ctx.credentialRequest(v.token, { credential_configuration_id:
      'employee_badge',
    proofs: { jwt: [ctx.proof({ key: holderKey('EdDSA'), nonce: v.nonce })] } }),
    status: 200,
  });
  return cases;
}

export const proofCases = () => [...structure(), ...header(), ...keys(), ...claims(),
  ...nonces()];
