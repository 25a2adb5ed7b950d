// What tests/e2e/policy/e2e.toml.in says, as the suite expects to see it in the issuer's
// metadata, admin API and credentials. Keep the two in step.

export const kIssuerDisplay = [{ locale: 'en', name: 'vcissuer end-to-end test' }];

// [issuer] batch_size: most proofs, so credentials, per credential request.
export const kBatchSize = 3;

// iat, nbf and exp are rounded down to this (the policy's default timestamp_granularity).
export const kTimestampGranularity = 3600;
const kDay = 24 * 3600;

export const kConfigurations = {
  employee_badge: {
    vct: 'https://credentials.example.com/employee_badge',
    signingAlg: 'ES256',
    validity: 30 * kDay,
    proofAlgs: ['ES256', 'EdDSA'],
    display: [{ locale: 'en', name: 'Employee badge' }],
    txCode: { mode: 'optional', input_mode: 'numeric', length: 6,
      description: 'The code from your welcome e-mail', maxAttempts: 5 },
    claims: [
      { name: 'given_name', type: 'string', required: true, selectively_disclosable: true,
        display: [{ locale: 'en', name: 'Given name' }] },
      { name: 'family_name', type: 'string', required: true, selectively_disclosable: true },
      { name: 'employee_id', type: 'string', required: true, selectively_disclosable: false },
      { name: 'department', type: 'string', required: false, selectively_disclosable: true },
      { name: 'age', type: 'integer', required: false, selectively_disclosable: true },
    ],
  },
  diploma: {
    vct: 'https://credentials.example.com/diploma',
    signingAlg: 'ES256',
    validity: 3650 * kDay,
    proofAlgs: ['ES256', 'EdDSA'],
    display: [{ locale: 'en', name: 'University diploma' }],
    txCode: { mode: 'optional', input_mode: 'numeric', length: 6, maxAttempts: 5 },
    claims: [
      { name: 'name', type: 'string', required: true, selectively_disclosable: true },
      { name: 'degree', type: 'string', required: true, selectively_disclosable: true },
      { name: 'year', type: 'integer', required: true, selectively_disclosable: true },
    ],
  },
  member_card: {
    vct: 'https://credentials.example.com/member_card',
    signingAlg: 'ES256',
    validity: 365 * kDay,
    proofAlgs: ['ES256', 'EdDSA'],
    bindingMethods: ['jwk', 'did:jwk', 'did:key'],
    display: [{ locale: 'en', name: 'Member card' }, { locale: 'de', name: 'Mitgliedsausweis' }],
    txCode: { mode: 'required', input_mode: 'text', length: 8,
      description: 'Enter the eight-character code printed on the membership letter you ' +
        'received by post. It uses capital letters and digits only; letters that look like ' +
        'digits are never used. If the letter is lost, ask the membership office for a new ' +
        'offer instead of guessing.',
      maxAttempts: 5 },
    claims: [
      { name: 'member_name', type: 'string', required: true, selectively_disclosable: true },
      { name: 'member_level', type: 'string', required: false, selectively_disclosable: true },
      { name: 'organisation', type: 'string', required: false, selectively_disclosable: false,
        value: 'vcissuer end-to-end club' },
    ],
  },
};

// Admin clients: which configurations each may offer. restricted (policy/e2e-clients.toml.in)
// may set only the claims in kRestrictedClient.claims, and make offersPerMinute offers a minute.
export const kClients = {
  hr: ['employee_badge', 'diploma', 'member_card'],
  limited: ['employee_badge'],
  restricted: ['member_card'],
};
export const kRestrictedClient = { claims: ['member_name'], offersPerMinute: 3 };
