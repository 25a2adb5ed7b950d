// The test's OpenID provider: oidc-provider on loopback with two test people, signing ID tokens
// with ES256. setTamper(fn) makes the token endpoint hand out an ID token whose payload fn
// rewrote and that the provider's own key signed again, so the console's checks of iss, aud and
// nonce can be exercised with tokens that are otherwise perfect.

import http from 'node:http';
import { once } from 'node:events';

import * as jose from 'jose';
import Provider from 'oidc-provider';

export const kClientId = 'vcissuer-console';

// Eligible for employee_badge (staff) and diploma (alumni) under tests/console/rules.toml.
export const alice = {
  sub: 'alice-4711', login: 'alice', given_name: 'Alice', family_name: 'Liddell',
  name: 'Alice Liddell', email: 'alice@example.org', email_verified: true,
  birthdate: '1990-05-17', employee_number: 'E-4711', groups: ['staff', 'alumni'],
};
// Matches no rule.
export const bob = {
  sub: 'bob-0815', login: 'bob', given_name: 'Bob', family_name: 'Builder', name: 'Bob Builder',
  email: 'bob@example.org', email_verified: true, birthdate: '1985-01-02',
  employee_number: 'V-0815', groups: ['visitors'],
};
const people = new Map([alice, bob].map((p) => [p.login, p]));

/**
 * startProvider: starts the provider on 127.0.0.1:port for a console at consoleUrl.
 * Returns { issuer, setTamper, setRedirectTamper, close }. setRedirectTamper(fn) rewrites the
 * URL of every redirect to the console's callback with fn(url).
 */
export async function startProvider({ port, consoleUrl, clientSecret }) {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-es256', alg: 'ES256',
    use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [{
      client_id: kClientId, client_secret: clientSecret,
      redirect_uris: [`${consoleUrl}/callback`],
      post_logout_redirect_uris: [`${consoleUrl}/logged-out`],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
      grant_types: ['authorization_code'], response_types: ['code'],
    }],
    jwks: { keys: [privateJwk] },
    claims: {
      openid: ['sub'], email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name', 'birthdate'],
      groups: ['groups', 'employee_number'],
    },
    scopes: ['openid', 'profile', 'email', 'groups'],
    // The claims go into the ID token, which is all the console reads.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['console-test-cookie-key'] },
    async findAccount(ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ ...person, sub: person.sub }) };
    },
  });
  // Accounts are looked up by login; the ID token's sub is the person's sub.
  provider.on('server_error', (ctx, err) => console.error('provider error', err));

  let tamper = null;
  const handler = provider.callback();
  // The same provider on a second, internal port: the tampering front asks it for the real answer.
  const inner = http.createServer(handler);
  inner.listen(0, '127.0.0.1');
  await once(inner, 'listening');
  const innerPort = inner.address().port;

  let redirectTamper = null;
  const server = http.createServer(async (req, res) => {
    if (redirectTamper) {
      // Rewrites the redirect back to the console, as an attacker between the two would.
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name, value) => setHeader(name,
        name.toLowerCase() === 'location' && String(value).startsWith(`${consoleUrl}/callback`)
          ? redirectTamper(String(value)) : value);
    }
    if (!tamper || req.method !== 'POST' || !req.url.startsWith('/token')) {
      handler(req, res);
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const answer = await fetch(`http://127.0.0.1:${innerPort}${req.url}`, {
      method: 'POST', headers: { 'content-type': req.headers['content-type'] },
      body: Buffer.concat(chunks),
    });
    const body = await answer.json();
    if (body.id_token) {
      const payload = tamper(jose.decodeJwt(body.id_token));
      body.id_token = await new jose.SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid }).sign(privateKey);
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    issuer,
    setTamper(fn) { tamper = fn; },
    setRedirectTamper(fn) { redirectTamper = fn; },
    close() { server.closeAllConnections(); inner.closeAllConnections(); server.close(); inner.close(); },
  };
}
