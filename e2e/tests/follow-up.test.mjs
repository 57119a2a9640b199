// After the click, in the Microsoft 365 Agents Playground (headless Chromium) with nothing but the
// embedded defaults: the employee files a ticket, an IT agent works it on the local tracker's page,
// and the change arrives in the chat as a notice while the created card shows the new status; then
// "my tickets", "add a comment ...", "it's fixed" and "it came back" each do what they say, in Jira.
// Screenshots are kept in e2e/artifacts/screenshots/follow-up-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBot, startPlayground, artifactPath } from '../lib/processes.mjs';
import { launchChromium } from '../lib/browser.mjs';

let bot, playground, browser, page;
let shot = 0;

before(async () => {
  // Poll the tracker every 2 s (default 60 s) so the notice arrives within the test's patience.
  bot = await startBot('follow-up-bot', { Tickets__FollowUp__PollIntervalSeconds: '2' });
  playground = await startPlayground(bot.messagesUrl, 'follow-up-playground');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(30000);
  await page.goto(playground.url);
  await page.getByRole('paragraph').filter({ hasText: 'IT support bot' }).first().waitFor();
});

after(async () => {
  await browser?.close();
  await playground?.child.stop();
  await bot?.child.stop();
});

const screenshot = (name, target = page) => target.screenshot({ path: artifactPath('screenshots', `follow-up-${String(++shot).padStart(2, '0')}-${name}.png`) });
const cards = () => page.locator('.ac-adaptiveCard');

async function say(text) {
  const composer = page.locator('[contenteditable="true"][role="textbox"]');
  await composer.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** The tracker's page of the ticket, fresh. */
async function trackerPage(tracker, browseUrl) {
  const response = await tracker.goto(browseUrl);
  assert.equal(response.status(), 200);
  return tracker;
}

test('A ticket worked by IT on the tracker is followed from Teams: notice, live card, my tickets, comment, close, reopen', async () => {
  const before = await cards().count();
  await say('VPN will not connect');
  await cards().nth(before).filter({ hasText: 'Did that fix it?' }).waitFor();
  await say('no, still not working');
  const confirm = cards().nth(before + 1);
  await confirm.filter({ hasText: 'Create JIRA ticket?' }).waitFor();
  await confirm.getByRole('button', { name: 'Create ticket' }).click();
  const link = page.getByRole('link', { name: /\/local-jira\/browse\/ITSUPPORT-\d+$/ }).last();
  await link.waitFor();
  const browseUrl = await link.getAttribute('href');
  const key = browseUrl.match(/ITSUPPORT-\d+/)[0];
  await confirm.getByText(`Created ticket ${key}`, { exact: true }).waitFor();
  await screenshot('created');

  // Let the poller see the new ticket first, so the agent's move is a change against a known status.
  await new Promise(resolve => setTimeout(resolve, 5000));

  // The IT agent works the ticket on the tracker's page.
  const tracker = await trackerPage(await browser.newPage(), browseUrl);
  await tracker.getByRole('button', { name: /Start Progress/ }).click();
  await trackerPage(tracker, browseUrl);
  await tracker.locator('textarea[name="body"]').fill('Please dock the laptop and try **again**');
  await tracker.getByRole('button', { name: 'Add comment' }).click();
  await trackerPage(tracker, browseUrl);
  await tracker.getByText('Please dock the laptop and try **again**').first().waitFor();
  await screenshot('agent-worked-it', tracker);

  // Both changes reach the chat, the comment as the agent wrote it, and the created card shows the status.
  const notices = cards().filter({ hasText: key });
  await notices.filter({ hasText: 'Status changed' }).filter({ hasText: 'In Progress' }).first().waitFor({ timeout: 60000 });
  await notices.filter({ hasText: 'New comment from' }).filter({ hasText: 'Please dock the laptop and try **again**' }).first().waitFor({ timeout: 60000 });
  await confirm.filter({ hasText: 'Current status' }).filter({ hasText: 'In Progress' }).waitFor();
  await screenshot('notices-arrived');

  // My tickets: one card listing the ticket with its status.
  const beforeList = await cards().count();
  await say('my tickets');
  const list = cards().nth(beforeList);
  await list.filter({ hasText: key }).waitFor();
  assert.ok(await list.getByText('In Progress').first().isVisible());
  await screenshot('my-tickets', list);

  // A comment from Teams lands on the ticket, saying who wrote it.
  await say(`add a comment to ${key}: it also happens on the docking station`);
  await page.getByText(`Added your comment to ${key}.`).last().waitFor();
  await trackerPage(tracker, browseUrl);
  await tracker.getByText('it also happens on the docking station').first().waitFor();

  // "It's fixed" closes it; "it came back" reopens it.
  await say("it's fixed, close it");
  await page.getByText(`Closed ${key}.`, { exact: false }).last().waitFor();
  await trackerPage(tracker, browseUrl);
  await tracker.getByRole('button', { name: /Reopen/ }).first().waitFor();
  await say('it came back');
  await page.getByText(`Reopened ${key}`, { exact: false }).last().waitFor();
  await trackerPage(tracker, browseUrl);
  assert.equal(await tracker.getByRole('button', { name: /Reopen/ }).count(), 0);
  await screenshot('closed-and-reopened', tracker);
  await screenshot('chat-at-the-end');
  await tracker.close();
});
