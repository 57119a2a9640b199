// The Agents Playground's own HTTP and WebSocket API, as its web client uses it: user messages,
// card submits and invokes in; everything the bot sends (createMessage, updateMessage, typing)
// out on the conversation stream.

export const CARD = 'application/vnd.microsoft.card.adaptive';

export class PlaygroundClient {
  frames = [];
  #waiters = new Set();

  /** The Playground's log stream: every HTTP exchange with the bot, raw (request and response bodies). */
  logs = [];

  constructor(baseUrl, config, socket, logSocket) {
    this.baseUrl = baseUrl;
    this.config = config;
    this.conversationId = config.personalChat.id;
    this.userId = config.currentUser.id;
    this.botId = config.bot.id;
    this.socket = socket;
    this.logSocket = logSocket;
    logSocket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data));
      if (frame.log) this.logs.push(frame.log);
    });
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data));
      frame.receivedAt = this.frames.length;
      this.frames.push(frame);
      for (const waiter of this.#waiters) waiter();
    });
  }

  static async connect(baseUrl) {
    const response = await fetch(`${baseUrl}/_internal/v1/config`);
    if (!response.ok) throw new Error(`GET /_internal/v1/config: ${response.status}`);
    const { config } = await response.json();
    const open = async (path) => {
      const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`);
      await new Promise((ok, fail) => {
        socket.addEventListener('open', ok, { once: true });
        socket.addEventListener('error', () => fail(new Error(`${path} did not open`)), { once: true });
      });
      return socket;
    };
    return new PlaygroundClient(baseUrl, config, await open('/_ws_conversation/v1/conversations/stream'), await open('/_ws/log/stream'));
  }

  close() { this.socket.close(); this.logSocket.close(); }

  /** A mark: frames after it are the answer to what follows. */
  mark() { return this.frames.length; }

  async #post(path, body) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** Types a message as the current user in the personal chat. */
  send(text) {
    return this.#post(`/_conversation/v1/conversations/${this.conversationId}/messages`,
      { type: 'text', text, textFormat: 'plain', from: { id: this.userId } });
  }

  /** An Action.Submit click on the card in message replyToId. */
  submit(replyToId, value) {
    return this.#post('/_conversation/v1/submit',
      { conversation: { id: this.conversationId }, replyToId, value, from: { id: this.userId } });
  }

  /** An Action.Execute click: invoke adaptiveCard/action; resolves to the bot's invoke response. */
  execute(replyToId, action) {
    return this.#post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action', value: { action }, from: { id: this.userId },
      conversation: { id: this.conversationId }, replyToId,
    });
  }

  /** Bot output frames (createMessage, updateMessage, typing) of this conversation since a mark. */
  botFrames(since = 0) {
    return this.frames.slice(since).filter((f) => f.action && f.actionConversationId === this.conversationId);
  }

  /** Waits for a bot frame after `since` that matches; returns it. */
  waitFor(what, predicate, since = 0, timeoutMs = 20000) {
    return new Promise((ok, fail) => {
      const check = () => {
        const found = this.botFrames(since).find(predicate);
        if (found) { this.#waiters.delete(check); clearTimeout(timer); ok(found); }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        fail(new Error(`timed out waiting for ${what}; bot frames since mark:\n${JSON.stringify(this.botFrames(since), null, 1).slice(0, 4000)}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }
}

export const cardOf = (frame) => frame.message?.attachments?.find((a) => a.contentType === CARD)?.content;
export const cardTexts = (card) => JSON.stringify(card.body);
export const hasCardTitled = (title) => (f) => f.action === 'createMessage' && cardOf(f)?.body?.[0]?.text === title;
