// Runs every case of the hostile corpus against the daemon run.sh started, one at a time, and
// asserts its status and error, that no client fault got a 5xx, and that the daemon lives on.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Context } from './context.mjs';
import { corpus } from './corpus/index.mjs';

const ctx = new Context();
const runBugs = process.env.VCI_HOSTILE_RUN_DAEMON_BUGS === '1';
const cases = corpus();

test('the corpus holds at least 200 cases with unique names', () => {
  assert.ok(cases.length >= 200, `only ${cases.length} cases`);
  const names = new Set(cases.map((c) => c.name));
  assert.equal(names.size, cases.length, 'two cases share a name');
  for (const c of cases) {
    if (c.bug) assert.match(c.bug, /^DAEMON BUG: /, c.name);
  }
});

function daemonAlive() {
  const pid = Number(process.env.VCI_DAEMON_PID);
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const c of cases) {
  const options = c.bug ? (runBugs ? { todo: c.bug } : { skip: c.bug }) : {};
  test(c.name, options, async () => {
    const vars = c.prepare ? await c.prepare(ctx) : {};
    const request = await c.request(vars, ctx);
    const response = await ctx.send(request);
    const what = `HTTP ${response.status} ${response.body.slice(0, 300)}`;
    assert.ok(daemonAlive(), 'vcissuerd is gone');
    assert.notEqual(response.status, 0, 'the connection closed without an HTTP answer');
    if (!c.allow5xx) assert.ok(response.status < 500, `a 5xx for a client fault: ${what}`);
    assert.ok([c.status].flat().includes(response.status),
      `expected HTTP ${[c.status].flat().join(' or ')}, got ${what}`);
    if (c.error === null) {
      assert.equal(response.json?.error, undefined, `expected no error member: ${what}`);
    } else if (c.error !== undefined) {
      assert.ok([c.error].flat().includes(response.json?.error),
        `expected error ${[c.error].flat().join(' or ')}, got ${what}`);
    }
    ctx.recordSecret(response.json?.access_token);
    ctx.recordSecret(response.json?.c_nonce);
    if (c.check) await c.check(response, vars, ctx);
  });
}

test('the admin /healthz answers after the corpus', async () => {
  const response = await ctx.send({ listener: 'admin', path: '/healthz' });
  assert.equal(response.status, 200);
  assert.ok(daemonAlive(), 'vcissuerd is gone');
});
