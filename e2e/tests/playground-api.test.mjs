// The bot behind the Microsoft 365 Agents Playground, driven through the Playground's own HTTP
// and WebSocket API (no browser): checks the exact activities the bot sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startBot, startPlayground, artifactPath, waitFor } from '../lib/processes.mjs';
import { PlaygroundClient, cardOf, hasCardTitled, CARD } from '../lib/playground.mjs';
import { startProbe } from '../lib/probe.mjs';

let bot, playground, chat, tracker;

before(async () => {
  bot = await startBot('api-bot');
  playground = await startPlayground(bot.messagesUrl, 'api-playground');
  chat = await PlaygroundClient.connect(playground.url);
  tracker = startProbe(`${bot.url}/local-jira/mcp`, 'api-tracker-probe');
});

after(async () => {
  if (chat) writeFileSync(artifactPath('api-frames.json'), JSON.stringify(chat.frames, null, 1));
  chat?.close();
  await tracker?.quit();
  await playground?.child.stop();
  await bot?.child.stop();
});

/** The keys of every issue in the bot's local tracker, asked over its MCP endpoint (jira_search). */
async function trackerKeys() {
  const answer = await tracker.run('call jira_search {"jql":"project = ITSUPPORT","limit":50}');
  assert.equal(answer.ok, true, JSON.stringify(answer));
  assert.equal(answer.isError, false, answer.text);
  return JSON.parse(answer.text).issues.map((i) => i.key).sort();
}


// A result card's title sits in its coloured container; other cards start with a plain TextBlock.
const titleOf = (card) => card?.body?.[0]?.text ?? card?.body?.[0]?.items?.[0]?.text;
// Buttons that act on the draft; "Open in Jira" (Action.OpenUrl) and "My tickets" (a follow-up
// command, not an answer to the card) are not.
const postBackButtons = (card) => (card?.actions ?? []).filter((a) => a.type !== 'Action.OpenUrl' && a.verb !== 'itbot.myTickets');
const isText = (prefix) => (f) => f.action === 'createMessage' && typeof f.message.text === 'string' && f.message.text.startsWith(prefix);

/** Problem -> steps -> "still not working" -> the confirm card; returns the card's message. */
async function reachConfirmCard(problem) {
  let mark = chat.mark();
  await chat.send(problem);
  const steps = await chat.waitFor('the troubleshooting steps', (f) => f.action === 'createMessage' && /Please try these steps in order/.test(f.message.text ?? ''), mark);
  const fixed = await chat.waitFor('"Did that fix it?"', hasCardTitled('Did that fix it?'), mark);
  mark = chat.mark();
  await chat.send('still not working');
  const confirm = await chat.waitFor('the confirm card', hasCardTitled('Create JIRA ticket?'), mark);
  return { steps, fixed, confirm };
}

test('steps, then the "Did that fix it?" card with imBack buttons', async () => {
  const mark = chat.mark();
  await chat.send('Teams is not working');
  const steps = await chat.waitFor('steps', isText('**Microsoft Teams is not working**'), mark);
  assert.match(steps.message.text, /\n1\. Quit Teams completely/);
  assert.equal(steps.message.from.id, chat.botId);
  const card = cardOf(await chat.waitFor('fixed card', hasCardTitled('Did that fix it?'), mark));
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  assert.deepEqual(card.actions.map((a) => [a.type, a.title, a.data.msteams.type, a.data.msteams.value]), [
    ['Action.Submit', "Yes, it's fixed", 'imBack', "Yes, it's fixed"],
    ['Action.Submit', 'No, still not working', 'imBack', 'Still not working'],
  ]);
  // Leave the conversation idle for the next test.
  const m2 = chat.mark();
  await chat.send("Yes, it's fixed");
  await chat.waitFor('the fixed acknowledgement', isText('Great, glad that sorted it!'), m2);
});

test('Create ticket (Action.Execute): invoke response, typing, link reply, card replaced; a second click makes no new ticket', async () => {
  const { confirm } = await reachConfirmCard('Outlook does not sync my mail');
  const card = cardOf(confirm);
  assert.equal(card.version, '1.5');
  assert.deepEqual(card.body.slice(0, 3).map((b) => b.text), ['Create JIRA ticket?', 'I can open a ticket with the IT team. This is what I will send:', 'Problem']);
  assert.deepEqual(card.body[3], { type: 'RichTextBlock', inlines: [{ text: 'Outlook does not sync my mail', type: 'TextRun' }] });
  const [create, decline] = card.actions;
  assert.equal(create.type, 'Action.Execute');
  assert.equal(create.verb, 'createTicket');
  assert.equal(create.title, 'Create ticket');
  assert.equal(create.style, 'positive');
  assert.match(create.data.draftId, /^[0-9a-f]{32}$/);
  assert.deepEqual(create.fallback, { type: 'Action.Submit', data: { draftId: create.data.draftId, verb: 'createTicket' }, title: 'Create ticket', style: 'positive' });
  assert.equal(decline.verb, 'declineTicket');
  assert.equal(decline.fallback.type, 'Action.Submit');

  const mark = chat.mark();
  const response = await chat.execute(confirm.message.messageId, { type: 'Action.Execute', title: create.title, verb: create.verb, data: create.data });
  // The Playground hands its client only type and value; the bot's raw answer is in its log.
  assert.equal(response.type, CARD);
  const raw = await waitFor('the invoke in the Playground log', () =>
    chat.logs.find((l) => l.activityName === 'invoke' && l.request.body.replyToId === confirm.message.messageId), { timeoutMs: 5000 });
  assert.equal(raw.response.statusCode, 200);
  assert.equal(raw.response.body.statusCode, 200);
  assert.equal(raw.response.body.type, CARD);
  assert.deepEqual(raw.response.body.value, response.value);
  assert.match(titleOf(response.value), /^Created ticket ITSUPPORT-\d+$/);
  assert.deepEqual(postBackButtons(response.value), [], 'the replaced card has no buttons');

  const typing = await chat.waitFor('typing', (f) => f.action === 'typing', mark);
  const link = await chat.waitFor('the link reply', isText('Created ticket ITSUPPORT-'), mark);
  assert.ok(typing.receivedAt < link.receivedAt, 'typing comes before the answer');
  const [, key, browseUrl] = link.message.text.match(/^Created ticket (ITSUPPORT-\d+): (\S+)$/);
  assert.equal(browseUrl, `${bot.url}/local-jira/browse/${key}`);
  assert.equal(link.message.attachments?.length ?? 0, 0, 'one clear result: no separate link card');

  // The card is replaced twice: "Creating ticket..." before Jira is asked, then the result; neither has buttons.
  const isUpdateOfConfirm = (f) => f.action === 'updateMessage' && f.message.messageId === confirm.message.messageId;
  const update = await chat.waitFor('the replaced card', (f) => isUpdateOfConfirm(f) && titleOf(cardOf(f)) === `Created ticket ${key}`, mark);
  const creating = chat.botFrames(mark).filter(isUpdateOfConfirm).map(cardOf);
  assert.equal(creating[0].body[0].text, 'Creating ticket...');
  assert.ok(creating.every((c) => postBackButtons(c).length === 0), 'no replacement card has buttons');
  const replaced = cardOf(update);
  assert.equal(titleOf(replaced), `Created ticket ${key}`);
  assert.equal(replaced.body[0].style, 'good', 'the result is a green container, its text in the readable default colour');
  assert.deepEqual(replaced.actions[0], { type: 'Action.OpenUrl', url: browseUrl, title: 'Open in Jira' });
  assert.deepEqual(replaced.actions.slice(1).map((a) => a.verb), ['itbot.myTickets'], 'besides the link only the follow-up "My tickets"');
  assert.deepEqual(replaced.body[2], card.body[3], 'the replaced card still shows the problem');

  const page = await fetch(browseUrl);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Outlook does not sync my mail/);

  // The user clicks the stale card again (a double click): same ticket, nothing new created. The
  // invoke is answered when its turn is over, so the tracker already holds whatever it created.
  const issuesBefore = await trackerKeys();
  assert.ok(issuesBefore.includes(key), `${key} is in the tracker: ${issuesBefore}`);
  const again = chat.mark();
  const second = await chat.execute(confirm.message.messageId, { type: 'Action.Execute', title: create.title, verb: create.verb, data: create.data });
  assert.equal(second.type, CARD);
  assert.equal(titleOf(second.value), `Created ticket ${key}`);
  assert.deepEqual(await trackerKeys(), issuesBefore, 'the second click created no issue');
  const newKeys = chat.botFrames(again).map((f) => JSON.stringify(f)).join('\n').match(/ITSUPPORT-\d+/g) ?? [];
  assert.ok(newKeys.every((k) => k === key), `no other ticket: ${newKeys}`);
});

test('No thanks through the Action.Submit fallback: declined card, no ticket', async () => {
  const { confirm } = await reachConfirmCard('The printer is offline');
  const decline = cardOf(confirm).actions[1];
  const mark = chat.mark();
  await chat.submit(confirm.message.messageId, decline.fallback.data);
  const reply = await chat.waitFor('the decline reply', isText("OK, I won't create a ticket."), mark);
  assert.ok(reply);
  const update = await chat.waitFor('the declined card', (f) => f.action === 'updateMessage' && f.message.messageId === confirm.message.messageId, mark);
  assert.equal(cardOf(update).body[0].text, 'No ticket created');
  assert.equal(cardOf(update).actions, undefined);
  assert.ok(!chat.botFrames(mark).some((f) => /Created ticket/.test(JSON.stringify(f))));
});

test('a typed "yes please" creates the ticket and replaces the card', async () => {
  const { confirm } = await reachConfirmCard('VPN will not connect');
  const mark = chat.mark();
  await chat.send('yes please');
  const link = await chat.waitFor('the link reply', isText('Created ticket ITSUPPORT-'), mark);
  const key = link.message.text.match(/ITSUPPORT-\d+/)[0];
  const update = await chat.waitFor('the replaced card', (f) => f.action === 'updateMessage' && f.message.messageId === confirm.message.messageId
    && titleOf(cardOf(f)) === `Created ticket ${key}`, mark);
  assert.deepEqual(postBackButtons(cardOf(update)), []);
});
