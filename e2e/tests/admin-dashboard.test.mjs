// An IT admin on /admin (headless Chromium): signs in with the development token, sees the charts
// and numbers of a scripted set of conversations (checked against the events' CSV), tests a phrase
// against the matcher and downloads the CSV. Screenshots in e2e/artifacts/screenshots/admin-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { startBot, artifactPath } from '../lib/processes.mjs';
import { launchChromium } from '../lib/browser.mjs';

const token = 'e2e-admin-token-3f9c2a7d';
let bot, browser, page, connector, serviceUrl;
let next = 0;

before(async () => {
  // The bot's replies go to this connector stand-in, which accepts everything.
  connector = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${++next}` }));
    });
  });
  await new Promise((ok) => connector.listen(0, '127.0.0.1', ok));
  serviceUrl = `http://127.0.0.1:${connector.address().port}/`;
  bot = await startBot('admin-bot', { Admin__Token: token, Storage__Provider: 'Sqlite' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, acceptDownloads: true });
  page.setDefaultTimeout(20000);
});

after(async () => {
  await browser?.close();
  await bot?.child.stop();
  connector?.close();
});

async function say(conversation, text, user = 'e2e-user') {
  const response = await fetch(bot.messagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: `in-${++next}`, channelId: 'msteams', serviceUrl, text, locale: 'en-US',
      from: { id: user, name: 'E2E User' }, recipient: { id: 'bot', name: 'IT Bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: 'e2e-tenant' },
    }),
  });
  assert.ok(response.ok, `POST /api/messages: ${response.status}`);
}

async function summary() {
  const response = await fetch(`${bot.url}/admin/api/summary`, { headers: { 'X-Admin-Token': token } });
  assert.equal(response.status, 200);
  return response.json();
}

test('anonymous gets 401', async () => {
  const response = await fetch(`${bot.url}/admin`);
  assert.equal(response.status, 401);
});

test('after scripted conversations the dashboard shows their numbers, tests a phrase and downloads the CSV', async () => {
  await say('e2e:solved-1', 'outlook wont sync', 'user-a');
  await say('e2e:solved-1', "yes, it's fixed", 'user-a');
  await say('e2e:solved-2', 'vpn keeps disconnecting', 'user-b');
  await say('e2e:solved-2', "yes, it's fixed", 'user-b');
  await say('e2e:abandoned', 'teams is not loading', 'user-c');
  await say('e2e:abandoned', 'cancel', 'user-c');
  await say('e2e:unmatched', 'my stapler <b>in room 4</b> makes a strange noise', 'user-d');
  await say('e2e:unmatched', 'cancel', 'user-d');
  // A ticket through the embedded local tracker (no Jira configured).
  await say('e2e:ticket', 'the printer is jammed again', 'user-e');
  await say('e2e:ticket', 'still not working', 'user-e');
  await say('e2e:ticket', 'yes', 'user-e');

  let numbers;
  for (let i = 0; i < 100; i++) {
    numbers = await summary();
    if (numbers.problems >= 5) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(numbers.problems, 5);
  assert.equal(numbers.solved, 2);
  assert.equal(numbers.ticketsCreated, 1);

  await page.goto(`${bot.url}/admin?token=${token}`);
  await page.getByRole('heading', { name: 'TeamsItBot: what the bot solves' }).waitFor();
  assert.equal(await page.locator('#kpi-problems').textContent(), '5');
  assert.equal(await page.locator('#kpi-deflection').textContent(), '40 %');
  assert.equal(await page.locator('#kpi-solved').textContent(), '2');
  assert.equal(await page.locator('#kpi-tickets').textContent(), '1');
  assert.match(await page.locator('#kpi-median-ticket').textContent(), /^\d+ s$/);
  assert.equal(await page.locator('#chart-tickets svg .bar').last().getAttribute('data-value'), '1');
  assert.equal(await page.locator('#chart-deflection svg .bar').count() >= 1, true);
  assert.equal(await page.locator('#chart-topics svg .bar[data-label="outlook"]').getAttribute('data-value'), '100');
  assert.equal(await page.locator('#chart-topics svg .bar[data-label="teams"]').getAttribute('data-value'), '0');
  // The user's words are shown literally, not as markup.
  await page.locator('#unmatched').getByText('my stapler <b>in room 4</b> makes a strange noise').waitFor();
  assert.equal(await page.locator('#unmatched b').count(), 0);
  await page.screenshot({ path: artifactPath('screenshots', 'admin-01-dashboard.png'), fullPage: true });

  await page.locator('#phrase').fill('my printer is jammed');
  await page.locator('#test-phrase').click();
  await page.locator('#phrase-result').waitFor();
  assert.equal(await page.locator('#phrase-topic').textContent(), 'printer');
  assert.ok(Number(await page.locator('#phrase-score').textContent()) > 0);
  await page.locator('#phrase-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifactPath('screenshots', 'admin-02-phrase-test.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
  const path = artifactPath('downloads', download.suggestedFilename());
  await download.saveAs(path);
  const rows = (await readFile(path, 'utf8')).trim().split(/\r?\n/);
  assert.equal(rows[0], 'id,time,tenant_id,user_hash,language,topic,score,outcome,duration_seconds,unmatched_text,surveyed,feedback,feedback_comment,satisfaction');
  const outcomes = rows.slice(1).map((row) => row.split(',')[7]).sort();
  assert.deepEqual(outcomes, ['abandoned', 'solved', 'solved', 'ticket_created', 'unmatched']);
  // The dashboard's deflection rate is the CSV's: solved / all problems.
  assert.equal(outcomes.filter((o) => o === 'solved').length / outcomes.length, 0.4);
  assert.ok(rows.some((row) => row.includes('my stapler <b>in room 4</b> makes a strange noise')));
});
