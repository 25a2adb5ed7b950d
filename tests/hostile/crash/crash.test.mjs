// kill -9 under load. Eight wallets create offers and redeem their codes at /token, some
// twice on purpose, while the harness kills a worker process (the supervisor restarts it) or the
// whole daemon (the harness starts it again), twenty times in all. Every answer is recorded;
// afterwards each offer must have been redeemed at most once, must now be either consumed or
// still redeemable, and the database must be intact.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  employeeClaims, fetchOfferDocument, kPreAuthorizedGrantType, mustCreateOffer, tokenRequest,
} from '../../e2e/helpers.mjs';

const kAppliance = process.env.VCI_APPLIANCE;
const kRounds = 20;

function sql(query) {
  return execFileSync('sqlite3', [`file:${process.env.VCI_DATABASE}?mode=ro`, query],
    { encoding: 'utf8' }).trim();
}

function pids(pattern) {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n')
      .filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const supervisorPattern = `vcissuerd --config ${kAppliance}/vcissuer.toml$`;
const workerPattern = `vcissuerd --config ${kAppliance}/vcissuer.toml --worker`;

function startDaemon() {
  execFileSync('bash', ['-c', `. "$VCI_LIB" && vci_appliance_start "$VCI_APPLIANCE"`],
    { stdio: 'inherit', env: process.env });
}

async function healthy() {
  for (let i = 0; i < 100; ++i) {
    try {
      const response = await fetch(`${process.env.VCI_ISSUER}/.well-known/openid-credential-issuer`);
      if (response.ok) return;
    } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error('the daemon did not come back');
}

describe('kill -9 under load', () => {
  test('no code is redeemed twice; every offer is consumed or still redeemable', async () => {
    const offers = new Map();  // offer_id -> { code, successes }
    let stop = false;
    const wallet = async () => {
      while (!stop) {
        try {
          const offer = await mustCreateOffer({ claims: employeeClaims() });
          const { body } = await fetchOfferDocument(offer.credential_offer_uri);
          const code = body.grants[kPreAuthorizedGrantType]['pre-authorized_code'];
          const record = { code, successes: 0 };
          offers.set(offer.offer_id, record);
          // Two redemptions of one code, the second a replay that must fail.
          for (let i = 0; i < 2; ++i) {
            const answer = await tokenRequest({ 'pre-authorized_code': code });
            if (answer.status === 200) record.successes += 1;
          }
        } catch {
          await sleep(50);  // The daemon is down: try again.
        }
      }
    };
    const wallets = Array.from({ length: 8 }, wallet);

    for (let round = 0; round < kRounds; ++round) {
      await sleep(300);
      const whole = round % 4 === 3;
      if (whole) {
        const all = [...pids(supervisorPattern), ...pids(workerPattern)];
        for (const pid of all) process.kill(pid, 'SIGKILL');
        await sleep(200);
        startDaemon();
      } else {
        const workers = pids(workerPattern);
        assert.ok(workers.length > 0, `round ${round}: no worker running`);
        process.kill(workers[round % workers.length], 'SIGKILL');
      }
      await healthy();
    }
    stop = true;
    await Promise.all(wallets);

    assert.ok(offers.size >= 20, `only ${offers.size} offers were made`);
    for (const [offerId, record] of offers) {
      assert.ok(record.successes <= 1, `offer ${offerId} was redeemed ${record.successes} times`);
    }
    // Each offer is now consumed, or still redeemable: then one redemption succeeds now.
    let consumed = 0;
    let redeemable = 0;
    for (const [offerId, record] of offers) {
      const state = sql(`SELECT state FROM offers WHERE offer_id = '${offerId}'`);
      if (state === '0') {
        assert.equal(record.successes, 0, `offer ${offerId} is pending after a redemption`);
        const answer = await tokenRequest({ 'pre-authorized_code': record.code });
        assert.equal(answer.status, 200, `pending offer ${offerId} cannot be redeemed`);
        redeemable += 1;
      } else {
        assert.equal(state, '1', `offer ${offerId} is in state ${state}`);
        consumed += 1;
      }
    }
    console.log(`# ${offers.size} offers: ${consumed} consumed, ${redeemable} still redeemable`);
    assert.ok(consumed > 0, `${consumed} consumed, ${redeemable} redeemable`);
    assert.equal(sql('PRAGMA integrity_check'), 'ok');
  });
});
