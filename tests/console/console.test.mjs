// vcissuer-console in a real browser: log in at the OpenID provider, pick a credential, scan its
// QR code with the project's wallet using the tx_code from the mail, watch the page report the
// redemption; then every refusal the console owes (issue #8).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { redeemOffer } from '../../examples/wallet/wallet.mjs';
import { adminStatus, axeViolations, csrfOf, decodeQr, desktop, env, launchBrowser, login,
  recordSecret, screenshot, startMailSink } from './helpers.mjs';
import { alice, bob, startProvider } from './provider.mjs';

let provider;
let mail;
let browser;

before(async () => {
  provider = await startProvider({ port: env.providerPort, consoleUrl: env.console,
    clientSecret: env.clientSecret });
  mail = await startMailSink(env.smtpPort);
  browser = await launchBrowser();
  for (const person of [alice, bob]) {
    for (const key of ['sub', 'given_name', 'family_name', 'email', 'birthdate',
      'employee_number', 'name']) recordSecret(person[key]);
  }
});

after(async () => {
  await browser?.close();
  await mail?.close();
  provider?.close();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: desktop, locale: 'en-GB', ...options });
  return context.newPage();
}

async function expectNoViolations(page, what) {
  assert.deepEqual(await axeViolations(page), [], `axe violations on ${what}`);
}

// The page after login must be the types page; a refused login leaves the error page.
const typesHeading = (page) => page.getByRole('heading', { level: 1 });

/** expectNoSession: the browser's cookie opens no session: the console sends it to the login. */
async function expectNoSession(page) {
  const response = await page.request.get(`${env.console}/`, { maxRedirects: 0 });
  assert.equal(response.status(), 303);
  assert.equal(response.headers().location, '/login');
}

/** expectLoginForm: without a session at the console or the provider, pages lead to the form. */
async function expectLoginForm(page) {
  await expectNoSession(page);
  await page.goto(`${env.console}/`);
  assert.ok(page.url().startsWith(provider.issuer), `expected the provider, got ${page.url()}`);
  assert.equal(await page.locator('input[name="login"]').count(), 1);
}

/** takeMail: waits for the next mail to `to` and returns its tx_code. */
async function takeMail(to, countBefore) {
  for (let i = 0; i < 100 && mail.messages.length <= countBefore; ++i) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const message = mail.messages.at(-1);
  assert.ok(message, 'no mail arrived');
  assert.deepEqual(message.to, [to]);
  const code = message.text.match(/^(\d{6})\r?$/m)?.[1];
  assert.ok(code, 'the mail holds no six-digit tx_code');
  recordSecret(code);
  return code;
}

describe('vcissuer-console', () => {
  test('without a session every page leads to the login and no offer can be made', async () => {
    const page = await newPage();
    const response = await page.request.post(`${env.console}/offers`,
      { form: { configuration: 'employee_badge', csrf: 'x' }, maxRedirects: 0 });
    assert.equal(response.status(), 403);
    await expectLoginForm(page);
    await page.context().close();
  });

  test('a person logs in, picks a badge, and the wallet redeems the QR code', async () => {
    const page = await newPage();
    await login(page, alice);
    assert.equal(page.url(), `${env.console}/`);
    assert.equal(await typesHeading(page).textContent(), 'Credentials you can obtain');
    const names = await page.locator('ul.types .name').allTextContents();
    assert.deepEqual(names, ['Employee badge', 'University diploma']);
    // The policy's logo, embedded as a data: URI (the console loads no external asset).
    assert.match(await page.getByRole('img', { name: 'Example Corp logo' }).getAttribute('src'),
      /^data:image\/png;base64,/);

    // The session cookie: __Host- prefix, HttpOnly, Secure, SameSite=Lax, no Domain.
    const cookies = await page.context().cookies(env.console);
    const session = cookies.find((c) => c.name === '__Host-vci-session');
    assert.ok(session, 'no __Host- session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
    recordSecret(session.value);

    const headers = await (await page.request.get(`${env.console}/`)).headers();
    assert.match(headers['content-security-policy'], /default-src 'none'/);
    assert.match(headers['content-security-policy'], /script-src 'self';/);
    assert.match(headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    await expectNoViolations(page, 'the types page');
    await screenshot(page, 'types');

    const mailsBefore = mail.messages.length;
    await page.getByRole('button', { name: 'Get: Employee badge' }).click();
    await page.waitForURL(/\/offer\//);
    assert.equal(await typesHeading(page).textContent(), 'Scan with your wallet');
    const offerLink = await decodeQr(page.locator('svg.qr'));
    assert.match(offerLink, /^openid-credential-offer:\/\/\?credential_offer_uri=/);
    assert.equal(await page.locator('#offer-link').inputValue(), offerLink);
    assert.equal(await page.getByRole('link', { name: 'Open in a wallet on this device' })
      .getAttribute('href'), offerLink);
    // The tx_code travels by mail, never on the page with the QR code.
    const txCode = await takeMail(alice.email, mailsBefore);
    assert.ok(!(await page.content()).includes(txCode), 'the tx_code is on the page');
    assert.match(await page.locator('main').textContent(), /sent the transaction code/);
    await expectNoViolations(page, 'the offer page');
    await screenshot(page, 'offer');

    const wallet = await redeemOffer({ offerLink, txCode, allowInsecureLoopback: true });
    assert.equal(wallet.credentialConfigurationId, 'employee_badge');
    assert.equal(wallet.claims.given_name, alice.given_name);
    assert.equal(wallet.claims.family_name, alice.family_name);
    assert.equal(wallet.claims.employee_id, alice.employee_number);
    assert.equal(wallet.claims.department, 'Research');
    assert.equal(wallet.claims.birth_date, '17.05.1990');

    // status.js asks the console, which asks the daemon.
    await page.getByText('Your wallet has received the credential.').waitFor({ timeout: 10000 });
    assert.equal(await page.locator('#reload').isVisible(), false);
    await expectNoViolations(page, 'the redeemed offer page');
    await screenshot(page, 'redeemed');
    await page.context().close();
  });

  test('without JavaScript the offer page offers a reload button instead', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await login(page, alice);
    const mailsBefore = mail.messages.length;
    await page.getByRole('button', { name: 'Get: University diploma' }).click();
    await page.waitForURL(/\/offer\//);
    await takeMail(alice.email, mailsBefore);
    assert.equal(await page.locator('#reload button').isVisible(), true);
    assert.equal(await page.locator('#status').textContent(), 'Waiting for your wallet…');
    await page.locator('#reload button').click();
    await page.waitForURL(/\/offer\/[^/]+$/);
    assert.equal(await page.locator('#status').textContent(), 'Waiting for your wallet…');
    await page.context().close();
  });

  test('picking the same configuration again cancels the earlier offer', async () => {
    const page = await newPage();
    await login(page, alice);
    const offerIds = [];
    for (let i = 0; i < 2; ++i) {
      const mailsBefore = mail.messages.length;
      await page.goto(`${env.console}/`);
      await page.getByRole('button', { name: 'Get: University diploma' }).click();
      await page.waitForURL(/\/offer\//);
      await takeMail(alice.email, mailsBefore);
      offerIds.push(new URL(page.url()).pathname.split('/').at(-1));
      recordSecret(offerIds.at(-1));
    }
    assert.equal((await adminStatus(offerIds[0])).body.status, 'cancelled');
    assert.equal((await adminStatus(offerIds[1])).body.status, 'pending');
    // Another admin client cannot see the console's offers.
    assert.equal((await adminStatus(offerIds[1], env.otherToken)).status, 404);
    await page.context().close();
  });

  test('an offer POST without or with a wrong CSRF token is refused', async () => {
    const page = await newPage();
    await login(page, alice);
    const url = `${env.console}/offers`;
    for (const form of [{ configuration: 'employee_badge' },
      { configuration: 'employee_badge', csrf: 'A'.repeat(43) }]) {
      const response = await page.request.post(url, { form, maxRedirects: 0 });
      assert.equal(response.status(), 403);
    }
    await page.context().close();
  });

  test('pages follow Accept-Language: German and French', async () => {
    for (const [locale, heading, badge] of [
      ['de-DE', 'Nachweise, die Sie erhalten können', 'Mitarbeiterausweis'],
      ['fr-FR', 'Attestations que vous pouvez obtenir', "Badge d'employé"]]) {
      const page = await newPage({ locale });
      await login(page, alice);
      assert.equal(await typesHeading(page).textContent(), heading);
      assert.equal(await page.locator('ul.types .name').first().textContent(), badge);
      assert.equal(await page.locator('html').getAttribute('lang'), locale.slice(0, 2));
      await page.context().close();
    }
  });

  test('a person whom no rule matches sees no types and cannot forge an offer', async () => {
    const page = await newPage();
    await login(page, bob);
    assert.equal(await page.locator('ul.types').count(), 0);
    assert.match(await page.locator('main').textContent(), /There are no credentials for you/);
    await expectNoViolations(page, 'the empty types page');
    await screenshot(page, 'empty');
    const csrf = await csrfOf(page);
    for (const configuration of ['employee_badge', 'diploma']) {
      const response = await page.request.post(`${env.console}/offers`,
        { form: { configuration, csrf }, maxRedirects: 0 });
      assert.equal(response.status(), 403);
    }
    await page.context().close();
  });

  test('a tampered state ends in the error page without a session', async () => {
    const page = await newPage();
    provider.setRedirectTamper((location) => {
      const url = new URL(location);
      url.searchParams.set('state', `${url.searchParams.get('state')}x`);
      return url.href;
    });
    try {
      await login(page, alice);
    } finally {
      provider.setRedirectTamper(null);
    }
    assert.equal(await typesHeading(page).textContent(), 'Something went wrong');
    await expectNoViolations(page, 'the error page');
    await screenshot(page, 'error');
    await expectNoSession(page);
    await page.context().close();
  });

  test('a replayed callback is refused and ends the session', async () => {
    const page = await newPage();
    const callback = await login(page, alice);
    assert.equal(await typesHeading(page).textContent(), 'Credentials you can obtain');
    const response = await page.goto(callback);
    assert.equal(response.status(), 400);
    assert.equal(await typesHeading(page).textContent(), 'Something went wrong');
    await expectNoSession(page);
    await page.context().close();
  });

  for (const [what, tamper] of [
    ['another issuer', (p) => ({ ...p, iss: 'http://127.0.0.1:1/other' })],
    ['another audience', (p) => ({ ...p, aud: 'someone-else' })],
    ['a wrong nonce', (p) => ({ ...p, nonce: 'not-the-nonce' })],
  ]) {
    test(`an ID token from ${what} is refused`, async () => {
      const page = await newPage();
      provider.setTamper(tamper);
      try {
        await login(page, alice);
      } finally {
        provider.setTamper(null);
      }
      assert.equal(await typesHeading(page).textContent(), 'Something went wrong');
      await expectNoSession(page);
      await page.context().close();
    });
  }

  test('an idle session expires', async () => {
    const page = await newPage();
    await login(page, alice);
    assert.equal(await typesHeading(page).textContent(), 'Credentials you can obtain');
    // run.sh configures session_idle_timeout = "20s".
    await new Promise((resolve) => setTimeout(resolve, 21000));
    await expectNoSession(page);
    await page.context().close();
  });

  test('after logout the back button shows no page of the session', async () => {
    const page = await newPage();
    await login(page, alice);
    await page.getByRole('button', { name: 'Log out' }).click();
    // The provider asks before ending its own session.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${env.console}/logged-out`);
    assert.equal(await typesHeading(page).textContent(), 'You are logged out');
    await expectNoViolations(page, 'the logged-out page');
    await screenshot(page, 'logged-out');
    await expectLoginForm(page);
    await page.goto(`${env.console}/logged-out`);
    for (let i = 0; i < 4 && page.url() !== `${env.console}/` &&
      !page.url().startsWith(`${provider.issuer}/interaction`); ++i) {
      await page.goBack();
    }
    assert.ok(page.url().startsWith(provider.issuer), `expected the provider, got ${page.url()}`);
    assert.equal(await page.locator('input[name="login"]').count(), 1);
    await page.context().close();
  });
});
