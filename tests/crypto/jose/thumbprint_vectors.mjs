// Computes the RFC 7638 thumbprints that jwk_thumbprint_test.cc embeds, with an implementation
// independent of ours: the npm package `jose` (v6).
//
//   mkdir /tmp/jwkvec && cd /tmp/jwkvec && npm init -y && npm i jose@6
//   cp thumbprint_vectors.mjs /tmp/jwkvec/ && node /tmp/jwkvec/thumbprint_vectors.mjs
import { calculateJwkThumbprint } from 'jose';

const keys = {
  // RFC 7515 appendix A.3 (ES256 example key, public part).
  rfc7515_a3: {
    kty: 'EC', crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  },
  // RFC 7517 appendix A.1 (the EC public key, with its "use" and "kid", which must not count).
  rfc7517_a1: {
    kty: 'EC', crv: 'P-256', use: 'enc', kid: '1',
    x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4',
    y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM',
  },
  // A P-256 key generated once with Node's crypto.generateKeyPairSync.
  generated_p256: {
    kty: 'EC', crv: 'P-256',
    x: 'JcTZUXoGPs9_SoqLvad9gtItCcCtrouXTL-P5f5Yk24',
    y: 'xv7CP85Tyx1BDmezvDvijwWFsY_7JTwOxp8TeGPXehw',
  },
  // A P-384 key generated once with Node's crypto.generateKeyPairSync.
  generated_p384: {
    kty: 'EC', crv: 'P-384',
    x: 'slXkiRtjJV0gj7_P8DtZxmInskQR5Rh-M2033wmfdWjLjjmjieE0klJGFhJ479tk',
    y: 'dXQ3Q8tgWNKZm_UODOpEVJu3mS35K6Zqo-7os_SxJXHWtw3A-jadDESXGzbsu8TZ',
  },
  // RFC 8037 appendix A.1 (Ed25519); the RFC gives A.3's thumbprint, so this one checks jose too.
  rfc8037_a1: {
    kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  },
};

for (const [name, jwk] of Object.entries(keys)) {
  console.log(`${name} ${await calculateJwkThumbprint(jwk, 'sha256')}`);
}
