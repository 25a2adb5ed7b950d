// Pieces of the console's browser test: the environment run.sh exports, the SMTP sink, the
// browser, logging in at the test provider, QR decoding, axe and screenshots.

import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import jsQR from 'jsqr';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { SMTPServer } from 'smtp-server';

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the test through tests/console/run.sh`);
  return value;
}

export const env = {
  console: required('VCI_CONSOLE'),
  admin: required('VCI_ADMIN'),
  adminToken: required('VCI_ADMIN_TOKEN'),
  otherToken: required('VCI_OTHER_TOKEN'),
  providerPort: Number(required('VCI_PROVIDER_PORT')),
  smtpPort: Number(required('VCI_SMTP_PORT')),
  clientSecret: required('VCI_CLIENT_SECRET'),
  screenshots: required('VCI_SCREENSHOT_DIR'),
  secretsFile: required('VCI_SECRETS_FILE'),
};

/** recordSecret: run.sh proves that nothing recorded here reaches the console's or daemon's log. */
export function recordSecret(value) {
  if (typeof value === 'string' && value.length >= 5 && !value.includes('\n')) {
    appendFileSync(env.secretsFile, `${value}\n`);
  }
}

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 800 };

/** startMailSink: an SMTP server on loopback that keeps every message it receives. */
export async function startMailSink(port) {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { messages, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** launchBrowser: Debian's chromium, headless. */
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * login: from a page on the console, logs `person` in at the provider (its development login
 * form and consent page) and returns the callback URL the browser was sent to.
 */
export async function login(page, person, { expectConsole = true } = {}) {
  let callback = null;
  const onRequest = (request) => {
    if (request.url().startsWith(`${env.console}/callback`)) callback = request.url();
  };
  page.on('request', onRequest);
  await page.goto(`${env.console}/`);
  await page.locator('input[name="login"]').fill(person.login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // The consent page comes once per person and client; it is skipped afterwards.
  await page.waitForURL((url) => url.href.startsWith(env.console) ||
    url.pathname.includes('/interaction/'));
  const consent = page.getByRole('button', { name: 'Continue' });
  if (!page.url().startsWith(env.console) && await consent.count() > 0) await consent.click();
  await page.waitForURL((url) => url.href.startsWith(env.console));
  page.off('request', onRequest);
  if (expectConsole) await page.waitForLoadState('load');
  return callback;
}

/** decodeQr: decodes the QR code drawn by the locator's element from its pixels. */
export async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axeViolations: runs axe-core (WCAG 2 A/AA rules) on the page and returns its violations. */
export async function axeViolations(page) {
  // Runtime.evaluate is not subject to the page's CSP, so axe runs without weakening it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document,
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

/** screenshot: saves the page at phone and desktop widths as NAME-phone.png, NAME-desktop.png. */
export async function screenshot(page, name) {
  const size = page.viewportSize();
  for (const [label, viewport] of [['phone', phone], ['desktop', desktop]]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(env.screenshots, `${name}-${label}.png`),
      fullPage: true });
  }
  await page.setViewportSize(size);
}

/** adminStatus: GET /offers/{id} on the daemon's admin API as the console's client. */
export async function adminStatus(offerId, token = env.adminToken) {
  const response = await fetch(`${env.admin}/offers/${offerId}`,
    { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

/** csrfOf: the CSRF token in the page's forms. */
export async function csrfOf(page) {
  return page.locator('input[name="csrf"]').first().getAttribute('value');
}
