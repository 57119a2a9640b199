// Debian's chromium, headless, driven by playwright-core: the Playground's web page as a user sees it.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

export async function launchChromium() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} missing: run e2e/setup.sh (apt-get install chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}
