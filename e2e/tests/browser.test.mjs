// A user in the Microsoft 365 Agents Playground (headless Chromium): types a problem, reads the
// steps, says they did not help, answers the rendered card. Screenshots of every step are kept
// in e2e/artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBot, startPlayground, artifactPath } from '../lib/processes.mjs';
import { launchChromium } from '../lib/browser.mjs';

let bot, playground, browser, page;
let shot = 0;

before(async () => {
  bot = await startBot('browser-bot');
  playground = await startPlayground(bot.messagesUrl, 'browser-playground');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(20000);
  await page.goto(playground.url);
  await page.getByRole('paragraph').filter({ hasText: "I'm the IT support bot" }).waitFor();
});

after(async () => {
  await browser?.close();
  await playground?.child.stop();
  await bot?.child.stop();
});

const screenshot = (name, target = page) => target.screenshot({ path: artifactPath('screenshots', `${String(++shot).padStart(2, '0')}-${name}.png`) });
const cards = () => page.locator('.ac-adaptiveCard');

async function say(text) {
  const composer = page.locator('[contenteditable="true"][role="textbox"]');
  await composer.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Types the problem, waits for the steps and "Did that fix it?", says it did not help; returns the confirm card. */
async function reachConfirmCard(problem, stepText, name) {
  const before = await cards().count();
  await say(problem);
  // Cards of earlier flows stay on the page: wait for this flow's own (the next one).
  await cards().nth(before).filter({ hasText: 'Did that fix it?' }).waitFor();
  await page.getByText(stepText).last().waitFor();
  await screenshot(`${name}-steps`);
  await say('no, still not working');
  const confirm = cards().nth(before + 1);
  await confirm.filter({ hasText: 'Create JIRA ticket?' }).waitFor();
  await confirm.scrollIntoViewIfNeeded();
  return confirm;
}

test('Create ticket on the card: link reply, and the card is replaced by one without buttons', async () => {
  const confirm = await reachConfirmCard('Teams is not working', 'Quit Teams completely and open it again', 'create');
  assert.ok(await confirm.getByText('Teams is not working', { exact: true }).isVisible());
  await screenshot('create-card-before-click', confirm);
  await screenshot('create-confirm-card');

  await confirm.getByRole('button', { name: 'Create ticket' }).click();
  const link = page.getByRole('link', { name: /\/local-jira\/browse\/ITSUPPORT-\d+$/ }).last();
  await link.waitFor();
  const browseUrl = await link.getAttribute('href');
  const key = browseUrl.match(/ITSUPPORT-\d+/)[0];
  assert.equal(browseUrl, `${bot.url}/local-jira/browse/${key}`);
  await page.getByRole('paragraph').filter({ hasText: `Created ticket ${key}: ${browseUrl}` }).waitFor();

  // The same card, replaced: the new title, the problem kept, only the "Open in Jira" link left.
  await confirm.getByText(`Created ticket ${key}`, { exact: true }).waitFor();
  assert.equal(await confirm.getByRole('button', { name: 'Create ticket' }).count(), 0);
  assert.equal(await confirm.getByRole('button', { name: 'No thanks' }).count(), 0);
  assert.equal(await confirm.getByText('Create JIRA ticket?').count(), 0);
  await screenshot('create-card-after-click', confirm);
  await screenshot('create-reply-with-link');
  assert.equal(await cards().filter({ hasText: `Created ticket ${key}` }).getByText('Open in Jira', { exact: true }).count(), 1);

  const tracker = await browser.newPage();
  const response = await tracker.goto(browseUrl);
  assert.equal(response.status(), 200);
  await tracker.getByText('Teams is not working').first().waitFor();
  await screenshot('create-local-tracker-issue', tracker);
  await tracker.close();
});

test('No thanks on the card: the card says no ticket was created, no buttons left', async () => {
  const confirm = await reachConfirmCard('VPN will not connect', 'VPN', 'decline');
  await screenshot('decline-card-before-click', confirm);
  await confirm.getByRole('button', { name: 'No thanks' }).click();
  await page.getByText("OK, I won't create a ticket.").last().waitFor();
  await confirm.getByText('No ticket created', { exact: true }).waitFor();
  assert.equal(await confirm.getByRole('button').count(), 0);
  await screenshot('decline-card-after-click', confirm);
  await screenshot('decline-reply');
});

test('a typed "yes please" creates the ticket and the card loses its buttons', async () => {
  const confirm = await reachConfirmCard('Outlook does not sync my mail', 'Outlook', 'typed-yes');
  const replies = page.getByRole('paragraph').filter({ hasText: /^Created ticket ITSUPPORT-\d+: / });
  const before = await replies.count();
  await say('yes please');
  await replies.nth(before).waitFor();
  const key = (await replies.nth(before).textContent()).match(/ITSUPPORT-\d+/)[0];
  await confirm.getByText(`Created ticket ${key}`, { exact: true }).waitFor();
  assert.equal(await confirm.getByRole('button', { name: 'Create ticket' }).count(), 0);
  await screenshot('typed-yes-card-after');
});
