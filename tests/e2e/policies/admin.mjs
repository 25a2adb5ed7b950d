// The admin API as the example policies' clients use it; run.sh passes each client's bearer
// token in $VCI_CLIENT_TOKENS (a JSON object by client name).

const kAdmin = process.env.VCI_ADMIN;
const kTokens = JSON.parse(process.env.VCI_CLIENT_TOKENS ?? '{}');

/** createOffer: POST /offers as `client`; returns { status, body }. */
export async function createOffer(client, body) {
  const response = await fetch(`${kAdmin}/offers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${kTokens[client]}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
