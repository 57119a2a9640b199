// The bot's MCP ticket client (McpJiraTicketService, McpClientFactory) against the official
// TypeScript SDK's reference server, @modelcontextprotocol/server-everything, in Streamable HTTP mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEverything, freePort } from '../lib/processes.mjs';
import { startProbe } from '../lib/probe.mjs';

let server, probe, port;

before(async () => {
  port = await freePort();
  server = await startEverything(port);
  probe = startProbe(server.url, 'interop-probe');
});

after(async () => {
  await probe?.quit();
  await server?.child.stop();
});

test('session: initialize assigns an Mcp-Session-Id that later calls reuse', async () => {
  const first = await probe.run('call echo {"message":"hello from TeamsItBot"}');
  assert.equal(first.ok, true, JSON.stringify(first));
  assert.match(first.sessionId, /^[0-9a-f-]{36}$/);
  assert.equal(first.protocol, '2025-11-25');
  const second = await probe.run('call echo {"message":"again"}');
  assert.equal(second.sessionId, first.sessionId);
  assert.match(server.child.output, new RegExp(`Session initialized with ID: ${first.sessionId}`));
});

test('SSE: the reply to tools/call arrives as an event stream and is parsed (text, several content blocks)', async () => {
  const echo = await probe.run('call echo {"message":"ünïcödé \\"quotes\\" and\\nnew line"}');
  assert.deepEqual([echo.isError, echo.text], [false, 'Echo: ünïcödé "quotes" and\nnew line']);
  const sum = await probe.run('call get-sum {"a":2,"b":40}');
  assert.match(sum.text, /42/);
  // Progress notifications come on the same SSE stream before the result.
  const slow = await probe.run('call trigger-long-running-operation {"duration":1,"steps":3}');
  assert.equal(slow.ok, true, JSON.stringify(slow));
  assert.match(slow.text, /completed/i);
  const image = await probe.run('call get-tiny-image {}');
  assert.ok(image.contentTypes.includes('image'), JSON.stringify(image.contentTypes));
});

test('errors: an unknown tool and invalid arguments are reported, the session survives', async () => {
  const unknown = await probe.run('call no_such_tool {}');
  assert.ok(!unknown.ok || unknown.isError, JSON.stringify(unknown));
  const invalid = await probe.run('call get-sum {"a":"not a number"}');
  assert.ok(!invalid.ok || invalid.isError, JSON.stringify(invalid));
  const fine = await probe.run('call echo {"message":"still here"}');
  assert.equal(fine.text, 'Echo: still here');
});

test('the ticket service: ping works; jira_create_issue missing there is a clear ticket failure, not a crash', async () => {
  assert.deepEqual(await probe.run('ping'), { command: 'ping', ok: true });
  const create = await probe.run('create');
  assert.equal(create.ok, false);
  // A server without the tool is a configuration error (read-only mode, ENABLED_TOOLS), said as such.
  assert.equal(create.failure, 'NotConfigured', JSON.stringify(create));
  assert.match(create.error, /jira_create_issue|not found|Unknown tool/i);
  assert.ok(!/at TeamsItBot\./.test(create.userMessage), 'no stack trace for the user');
});

test('the ticket service re-initializes when the server restarted and forgot its session', async () => {
  assert.equal((await probe.run('ping')).ok, true);
  await server.child.stop();
  server = await startEverything(port, 'server-everything-restarted');
  const after = await probe.run('ping');
  assert.deepEqual(after, { command: 'ping', ok: true }, JSON.stringify(after));
});

test('the ticket service reports an unreachable server as BackendUnavailable', async () => {
  await server.child.stop();
  const down = await probe.run('ping');
  assert.equal(down.ok, false);
  assert.equal(down.failure, 'BackendUnavailable', JSON.stringify(down));
});
