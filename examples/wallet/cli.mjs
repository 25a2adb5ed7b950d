#!/usr/bin/env node
// vci-wallet: command line front end of the example wallet (wallet.mjs).
//
//   node examples/wallet/cli.mjs redeem --offer 'openid-credential-offer://?...' [--tx-code CODE]
//        [--insecure-loopback] [--alg ES256|EdDSA] [--json]
//
// Redeems a pre-authorized code offer (OID4VCI 1.0), verifies the SD-JWT VC it receives and
// prints the decoded credential. Exit status: 0 success, 1 the flow or a check failed, 2 usage.

import { parseArgs } from 'node:util';

import { WalletError, redeemOffer } from './wallet.mjs';

const kUsage = `usage: vci-wallet redeem --offer OFFER_LINK [options]

Redeems an OpenID4VCI 1.0 credential offer (pre-authorized code flow) with a fresh holder key,
verifies the dc+sd-jwt credential and prints it decoded.

  --offer LINK           openid-credential-offer://?credential_offer_uri=... (or ?credential_offer=)
  --tx-code CODE         the transaction code, when the offer asks for one
  --alg ES256|EdDSA      the holder key's algorithm (default ES256)
  --insecure-loopback    allow plain http to 127.0.0.1/localhost/[::1] (development only)
  --json                 print the result as JSON instead of text
  -h, --help             this text

Checks made on the credential: the issuer's signature with the key from
/.well-known/jwt-vc-issuer, typ, iss, vct, iat/exp, cnf.jwk = the holder key, and every
disclosure's digest recomputed and found in the payload.
`;

function usageError(message) {
  process.stderr.write(`vci-wallet: ${message}\n\n${kUsage}`);
  process.exit(2);
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        offer: { type: 'string' },
        'tx-code': { type: 'string' },
        alg: { type: 'string', default: 'ES256' },
        'insecure-loopback': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    usageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(kUsage);
    process.exit(0);
  }
  if (positionals.length !== 1 || positionals[0] !== 'redeem') {
    usageError(positionals.length ? `unknown command '${positionals.join(' ')}'` : 'no command');
  }
  if (!values.offer) usageError('--offer is required');
  if (values.alg !== 'ES256' && values.alg !== 'EdDSA') usageError('--alg must be ES256 or EdDSA');
  return values;
}

function formatValue(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// The payload without the SD-JWT machinery (_sd, _sd_alg, cnf), i.e. the always-visible claims.
function plainClaims(payload) {
  const { _sd: _digests, _sd_alg: _alg, cnf: _cnf, ...rest } = payload;
  return rest;
}

function printText(result) {
  const lines = [];
  lines.push(`Credential (${result.credentialConfigurationId}) verified.`);
  lines.push('', 'Header:');
  for (const [k, v] of Object.entries(result.header)) lines.push(`  ${k}: ${formatValue(v)}`);
  lines.push('', 'Payload:');
  for (const [k, v] of Object.entries(plainClaims(result.payload))) {
    let shown = formatValue(v);
    if ((k === 'iat' || k === 'exp' || k === 'nbf') && Number.isInteger(v)) {
      shown += ` (${new Date(v * 1000).toISOString()})`;
    }
    lines.push(`  ${k}: ${shown}`);
  }
  lines.push('', `Disclosures (${result.disclosures.length}, each digest checked):`);
  for (const d of result.disclosures) {
    lines.push(`  ${d.name === undefined ? '(array element)' : d.name}: ${formatValue(d.value)}`);
  }
  lines.push('', 'Holder key (cnf.jwk, private half generated for this redemption):');
  lines.push(`  ${JSON.stringify(result.payload.cnf?.jwk ?? result.holderJwk)}`);
  lines.push('', 'Claims with every disclosure applied:', `  ${JSON.stringify(result.claims)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const options = parse(process.argv.slice(2));
  let result;
  try {
    result = await redeemOffer({
      offerLink: options.offer,
      txCode: options['tx-code'],
      allowInsecureLoopback: options['insecure-loopback'],
      alg: options.alg,
    });
  } catch (error) {
    if (error instanceof WalletError) {
      const status = error.status ? ` (HTTP ${error.status})` : '';
      process.stderr.write(`vci-wallet: redeem failed at ${error.message}${status}\n`);
      if (error.step === 'offer' && error.status === 404) {
        process.stderr.write('vci-wallet: the offer is unknown, expired or already redeemed\n');
      } else if (error.step === 'offer' && /non-https/.test(error.message)) {
        process.stderr.write(
          'vci-wallet: for a local development issuer, add --insecure-loopback\n');
      }
    } else {
      process.stderr.write(`vci-wallet: unexpected error: ${error?.stack ?? error}\n`);
    }
    process.exit(1);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({
      credential_configuration_id: result.credentialConfigurationId,
      header: result.header,
      payload: result.payload,
      disclosures: result.disclosures.map(({ name, value }) => ({ name, value })),
      claims: result.claims,
      holder_jwk: result.holderJwk,
      credential: result.credential,
    }, null, 2)}\n`);
  } else {
    printText(result);
  }
}

await main();
