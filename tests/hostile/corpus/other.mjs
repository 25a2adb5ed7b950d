// Hostile requests to the nonce, notification and credential offer endpoints (OID4VCI 1.0
// sections 7, 11 and 4.1.3).

import { randomToken } from '../context.mjs';

function nonceCases() {
  const cases = ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'].map((method) => ({
    name: `nonce: ${method} /nonce is 405`,
    request: () => ({ method, path: '/nonce' }),
    status: 405,
    error: method === 'HEAD' ? undefined : 'invalid_request',
  }));
  cases.push(
    { name: 'nonce: a garbage JSON body is ignored (200)',
      request: () => ({ method: 'POST', path: '/nonce', headers: [['Content-Type',
        'application/json']], body: '{{{{' }), status: 200 },
    { name: 'nonce: a 65 KiB body is 413',
      request: () => ({ method: 'POST', path: '/nonce', body: 'x'.repeat(65 * 1024) }),
      status: 413 },
    { name: 'nonce: a Content-Length of 2^64 is 413',
      request: () => ({ method: 'POST', path: '/nonce',
        headers: [['Content-Length', '18446744073709551616']] }), status: 413 },
    { name: 'nonce: an access token is not needed and a bad one is ignored (200)',
      request: () => ({ method: 'POST', path: '/nonce',
        headers: [['Authorization', 'Bearer x']] }), status: 200 },
  );
  return cases;
}

function notificationCases() {
  const withToken = async (ctx) => ({ token: await ctx.freshToken() });
  // issued: an access token whose credential was issued, with its notification_id.
  const issued = async (ctx) => {
    const token = await ctx.freshToken();
    const nonce = await ctx.nonce();
    const response = await ctx.mustSend(ctx.credentialRequest(token,
      ctx.validCredentialBody(nonce)), 200);
    ctx.recordSecret(response.json.notification_id);
    return { token, id: response.json.notification_id };
  };
  const notify = (name, prepare, body, status, error, extra = {}) => ({
    name: `notification: ${name}`,
    prepare,
    request: (v) => ({ method: 'POST', path: '/notification',
      headers: [...(v.token ? [['Authorization', `Bearer ${v.token}`]] : []),
        ['Content-Type', extra.contentType ?? 'application/json']],
      body: typeof body === 'function' ? body(v) : body }),
    status,
    error,
    ...extra,
  });
  const event = (v, name = 'credential_accepted') => JSON.stringify({ notification_id: v.id,
    event: name });
  return [
    notify('no access token is 401', async () => ({}), '{}', 401, null),
    notify('a random access token is 401 invalid_token', async () => ({ token: randomToken() }),
      '{}', 401, 'invalid_token'),
    notify('a form body is invalid_notification_request', issued, (v) => `notification_id=${
      v.id}&event=credential_accepted`, 400, 'invalid_notification_request',
    { contentType: 'application/x-www-form-urlencoded' }),
    notify('malformed JSON is invalid_notification_request', withToken, '{"event":', 400,
      'invalid_notification_request'),
    notify('a JSON array is invalid_notification_request', withToken, '[]', 400,
      'invalid_notification_request'),
    notify('no notification_id is invalid_notification_request', withToken,
      '{"event":"credential_accepted"}', 400, 'invalid_notification_request'),
    notify('a numeric notification_id is invalid_notification_request', withToken,
      '{"notification_id":1,"event":"credential_accepted"}', 400, 'invalid_notification_request'),
    notify('an unknown event is invalid_notification_request', issued,
      (v) => event(v, 'credential_stolen'), 400, 'invalid_notification_request'),
    notify('an event_description that is a number is invalid_notification_request', issued,
      (v) => JSON.stringify({ notification_id: v.id, event: 'credential_failure',
        event_description: 5 }), 400, 'invalid_notification_request'),
    notify('an unknown notification_id is invalid_notification_id', withToken,
      () => JSON.stringify({ notification_id: randomToken(16), event: 'credential_accepted' }),
      400, 'invalid_notification_id'),
    notify('another token\'s notification_id is invalid_notification_id', async (ctx) => {
      const { id } = await issued(ctx);
      return { token: await ctx.freshToken(), id };
    }, (v) => event(v), 400, 'invalid_notification_id'),
    notify('a 60000-character notification_id is invalid_notification_id', withToken,
      () => JSON.stringify({ notification_id: 'n'.repeat(60_000), event: 'credential_accepted' }),
      400, 'invalid_notification_id'),
    notify('event twice is invalid_notification_request', issued,
      (v) => `{"notification_id":"${v.id}","event":"bogus","event":"credential_accepted"}`, 400,
      'invalid_notification_request'),
    notify('control: a well-formed notification is 204', issued, (v) => event(v), 204),
  ];
}

function offerCases() {
  const get = (name, path, status, extra = {}) => ({ name: `offer: ${name}`,
    request: (v) => ({ method: extra.method ?? 'GET', path: typeof path === 'function'
      ? path(v) : path }), status, ...extra });
  const withOffer = { prepare: (ctx) => ctx.createOffer() };
  return [
    get('an unknown id is 404', () => `/credential-offer/${randomToken(16)}`, 404),
    get('an empty id is 404', '/credential-offer/', 404),
    get('a malformed id is 404', '/credential-offer/!!!!', 404),
    get('a 4000-character id is 404', `/credential-offer/${'A'.repeat(4000)}`, 404),
    get('an id with a traversal is 404', (v) => `/credential-offer/../credential-offer/${
      v.offerId}`, 404, withOffer),
    get('an id with a trailing slash is 404', (v) => `/credential-offer/${v.offerId}/`, 404,
      withOffer),
    // An encoded NUL would cut libmicrohttpd's decoded path short: the target is malformed.
    get('an id with a NUL suffix is 400', (v) => `/credential-offer/${v.offerId}%00`, 400,
      withOffer),
    get('an id with a query is still the offer (200)', (v) => `/credential-offer/${
      v.offerId}?x=1`, 200, withOffer),
    get('POST on an offer is 405', (v) => `/credential-offer/${v.offerId}`, 405,
      { ...withOffer, method: 'POST', error: 'invalid_request' }),
    get('DELETE on an offer is 405', (v) => `/credential-offer/${v.offerId}`, 405,
      { ...withOffer, method: 'DELETE', error: 'invalid_request' }),
    { name: 'offer: a redeemed offer is 404',
      prepare: async (ctx) => {
        const v = await ctx.freshCode();
        await ctx.mustSend(ctx.tokenRequest({ grant_type:
          'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': v.code }),
        200);
        return v;
      },
      request: (v) => ({ path: `/credential-offer/${v.offerId}` }), status: 404 },
  ];
}

export const otherCases = () => [...nonceCases(), ...notificationCases(), ...offerCases()];
