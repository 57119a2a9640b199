// A German-speaking user in the Microsoft 365 Agents Playground (headless Chromium with a de-DE
// locale): describes a printer problem in German, reads the German guide, says it did not help,
// creates the ticket from the German card and finds their own words in the tracker.
// Screenshots are kept in e2e/artifacts/screenshots/german-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBot, startPlayground, artifactPath } from '../lib/processes.mjs';
import { launchChromium } from '../lib/browser.mjs';

let bot, playground, browser, context, page;
let shot = 0;

before(async () => {
  bot = await startBot('german-bot');
  playground = await startPlayground(bot.messagesUrl, 'german-playground');
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(playground.url);
  // The welcome goes out before the user has written anything: in the Playground's locale.
  await page.getByRole('paragraph').filter({ hasText: /IT support bot|IT-Support-Bot/ }).first().waitFor();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await playground?.child.stop();
  await bot?.child.stop();
});

const screenshot = (name, target = page) => target.screenshot({ path: artifactPath('screenshots', `german-${String(++shot).padStart(2, '0')}-${name}.png`) });
const cards = () => page.locator('.ac-adaptiveCard');

async function say(text) {
  const composer = page.locator('[contenteditable="true"][role="textbox"]');
  await composer.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

test('Ein Gespräch auf Deutsch: vom Problem bis zum Ticket, mit den Worten des Nutzers im Ticket', async () => {
  const problem = 'Mein Drucker druckt nicht mehr';
  const first = await cards().count();
  await say(problem);
  await cards().nth(first).filter({ hasText: 'Hat das geholfen?' }).waitFor();
  await page.getByText('Druckerprobleme').last().waitFor();
  assert.equal(await page.getByText('Did that fix it?').count(), 0);
  await screenshot('steps');

  await say('nein, geht immer noch nicht');
  const confirm = cards().nth(first + 1);
  await confirm.filter({ hasText: 'JIRA-Ticket erstellen?' }).waitFor();
  await confirm.scrollIntoViewIfNeeded();
  assert.ok(await confirm.getByText(problem, { exact: true }).isVisible());
  assert.ok(await confirm.getByText(/Lösungsschritte? bereits versucht/).isVisible());
  assert.equal(await confirm.getByRole('button', { name: 'Create ticket' }).count(), 0);
  await screenshot('confirm-card', confirm);

  await confirm.getByRole('button', { name: 'Ticket erstellen' }).click();
  const reply = page.getByRole('paragraph').filter({ hasText: /^Ticket ITSUPPORT-\d+ erstellt: / }).last();
  await reply.waitFor();
  const key = (await reply.textContent()).match(/ITSUPPORT-\d+/)[0];
  await confirm.getByText(`Ticket ${key} erstellt`, { exact: true }).waitFor();
  assert.equal(await confirm.getByRole('button', { name: 'Ticket erstellen' }).count(), 0);
  assert.equal(await confirm.getByText('In Jira öffnen', { exact: true }).count(), 1);
  await screenshot('created-card', confirm);
  await screenshot('created-reply');

  // The ticket keeps the user's own German words.
  const link = page.getByRole('link', { name: new RegExp(`/local-jira/browse/${key}$`) }).last();
  const tracker = await context.newPage();
  const response = await tracker.goto(await link.getAttribute('href'));
  assert.equal(response.status(), 200);
  await tracker.getByText(problem).first().waitFor();
  await screenshot('tracker-issue', tracker);
  await tracker.close();
});
