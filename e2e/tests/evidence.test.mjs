// Evidence on the ticket, end to end: a user in the Microsoft 365 Agents Playground describes a
// problem, pastes a screenshot (the Playground's own custom-activity API sends the message with an
// image attachment whose contentUrl the bot downloads), files the ticket, and the local tracker's
// browse page (headless Chromium) shows the image and the conversation transcript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startBot, startPlayground, artifactPath, freePort } from '../lib/processes.mjs';
import { PlaygroundClient, hasCardTitled } from '../lib/playground.mjs';
import { launchChromium } from '../lib/browser.mjs';

// A real 8x8 PNG (red), so the browser has something to decode.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC', 'base64');

let bot, playground, chat, browser, images, imageRequests = 0;

before(async () => {
  const port = await freePort();
  images = createServer((request, response) => {
    imageRequests++;
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
    response.end(png);
  });
  await new Promise((ok) => images.listen(port, '127.0.0.1', ok));
  bot = await startBot('evidence-bot');
  playground = await startPlayground(bot.messagesUrl, 'evidence-playground');
  chat = await PlaygroundClient.connect(playground.url);
  browser = await launchChromium();
});

after(async () => {
  chat?.close();
  await browser?.close();
  await playground?.child.stop();
  await bot?.child.stop();
  images?.close();
});

/** Sends a message with attachments as the Playground's "mock an activity" does: its template, filled in. */
async function sendWithAttachments(text, attachments) {
  const query = new URLSearchParams({ conversationId: chat.conversationId });
  const template = await (await fetch(`${playground.url}/_internal/v1/customActivities/template?${query}`)).json();
  const from = { ...template.from, id: chat.userId, name: chat.config.currentUser?.name ?? template.from?.name };
  const activity = { ...template, from, type: 'message', text, textFormat: 'plain', attachments };
  const response = await fetch(`${playground.url}/_internal/v1/customActivities`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity),
  });
  assert.equal(response.status, 200, await response.text());
}

test('a pasted screenshot and the transcript appear on the ticket in the local tracker', async () => {
  let mark = chat.mark();
  await chat.send('Teams is not working');
  await chat.waitFor('the steps', (f) => f.action === 'createMessage' && /Please try these steps in order/.test(f.message.text ?? ''), mark);

  mark = chat.mark();
  const imageUrl = `http://127.0.0.1:${images.address().port}/v3/attachments/0-eus-d4/views/original`;
  await sendWithAttachments('this is the error I get', [{ contentType: 'image/png', contentUrl: imageUrl, name: 'teams-error.png' }]);
  await chat.waitFor('the bot keeping the screenshot', (f) => f.action === 'createMessage' && f.message.text === "I'll attach teams-error.png to the ticket if we create one.", mark);
  assert.equal(imageRequests, 1);

  mark = chat.mark();
  await chat.send('still not working');
  const confirm = await chat.waitFor('the confirm card', hasCardTitled('Create JIRA ticket?'), mark);
  assert.match(JSON.stringify(confirm.message.attachments[0].content.body), /Attached: the transcript of this conversation and teams-error\.png\./);

  mark = chat.mark();
  await chat.send('yes');
  const created = await chat.waitFor('the ticket key', (f) => f.action === 'createMessage' && /^Created ticket ITSUPPORT-\d+: /.test(f.message.text ?? ''), mark);
  const browseUrl = created.message.text.match(/https?:\/\/\S+\/local-jira\/browse\/ITSUPPORT-\d+/)[0];
  assert.equal(chat.botFrames(mark).filter((f) => /couldn't attach/.test(f.message?.text ?? '')).length, 0);

  const page = await browser.newPage();
  const response = await page.goto(browseUrl);
  assert.equal(response.status(), 200);
  const image = page.locator('img[alt="teams-error.png"]');
  await image.waitFor();
  const width = await image.evaluate(async (img) => { await img.decode(); return img.naturalWidth; });
  assert.equal(width, 8);
  const transcript = page.locator('pre.attachment-text');
  await transcript.waitFor();
  const text = await transcript.textContent();
  assert.match(text, /^Problem: Teams is not working$/m);
  assert.match(text, /\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] User \([^)]*\):\n {2}Teams is not working\n/);
  assert.match(text, /User \([^)]*\):\n {2}this is the error I get\n/);
  assert.match(text, /Bot \([^)]*\):\n {2}I'll attach teams-error\.png to the ticket if we create one\./);
  await page.screenshot({ path: artifactPath('screenshots', 'evidence-local-tracker-issue.png'), fullPage: true });
  await page.close();
});
