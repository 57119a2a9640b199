// The probe (e2e/McpClientProbe) in session mode: one command line in, one JSON line out.
import { createInterface } from 'node:readline';
import { start, probeDll } from './processes.mjs';

export function startProbe(serverUrl, name = 'probe') {
  const child = start(name, 'dotnet', [probeDll(), 'session', serverUrl], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on('line', (line) => pending.shift()?.(JSON.parse(line)));
  return {
    child,
    /** Sends one command; resolves to the probe's JSON answer. */
    run(command, timeoutMs = 30000) {
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`probe: no answer to "${command}":\n${child.output.slice(-2000)}`)), timeoutMs);
        pending.push((answer) => { clearTimeout(timer); ok(answer); });
        child.stdin.write(`${command}\n`);
      });
    },
    async quit() { child.stdin.end('quit\n'); await child.stop(); },
  };
}
