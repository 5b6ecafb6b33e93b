/**
 * A site's own AI agent, against the real server and a real local HTTP endpoint playing the agent:
 * it receives the transcript and its reply is stored and pushed as the assistant's; when it is slow,
 * fails or answers nonsense the widget is told to answer instead and nothing is stored; once a
 * person has the chat the agent is not asked. Its configuration is checked before the server starts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  addStaff,
  ask,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  loginCookie,
  nextEvent,
  requestHandoff,
  send,
  site,
  sleep,
  startConversation,
  startTestServer,
  tempDir,
  transcript,
  visitorMessage,
  writeSites,
  type SiteInput,
  type StaffClient,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

const SITE_NAME = 'Brightwater Plumbing';
const TIMEOUT_MS = 800;

type Mode = 'answer' | 'miss' | 'slow' | 'delayed' | 'error' | 'malformed' | 'not-json';

interface AgentCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: {
    site: { key: string; name: string };
    conversationId: string;
    messageId: string;
    transcript: { role: string; text: string; createdAt: number }[];
  };
}

/** A local HTTP endpoint that plays the site's agent; what it does is set per test. */
class FakeAgent {
  mode: Mode = 'answer';
  readonly calls: AgentCall[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        const body = JSON.parse(text) as AgentCall['body'];
        this.calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const json = (status: number, payload: unknown) => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        const last = body.transcript.at(-1)?.text ?? '';
        switch (this.mode) {
          case 'answer':
            return json(200, {
              reply: `You asked: ${last}. We are open 7:00-19:00.`,
              resolved: true,
              sources: [{ id: 'hours', title: 'Opening hours' }],
            });
          case 'miss':
            return json(200, { reply: 'I do not know that, sorry.', resolved: false });
          case 'slow':
            return void setTimeout(() => json(200, { reply: 'Too late' }), TIMEOUT_MS + 700);
          case 'delayed':
            return void setTimeout(() => json(200, { reply: 'Answer after a person took over' }), 300);
          case 'error':
            return json(500, { error: 'boom' });
          case 'malformed':
            return json(200, { answer: 'the wrong field' });
          case 'not-json':
            res.writeHead(200, { 'content-type': 'text/html' });
            return void res.end('<h1>hello</h1>');
        }
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/agent`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

const agentSite = (url: string): SiteInput => ({
  ...site('demo-plumbing', ['self'], SITE_NAME),
  greeting: 'Hi!',
  agent: { url, timeoutMs: TIMEOUT_MS },
});

describe('a site with its own agent', () => {
  const agent = new FakeAgent();
  let server: TestServer;
  let staffSocket: StaffClient;
  const visitors: VisitorClient[] = [];

  async function newVisitor() {
    const visitor = await connectVisitor(server.url);
    visitors.push(visitor);
    return { visitor, conv: await startConversation(visitor) };
  }

  before(async () => {
    const url = await agent.start();
    server = await startTestServer({ sites: [agentSite(url)] });
    staffSocket = await connectStaff(server.url, { cookie: await loginCookie(server.url, await addStaff(server, 'Sol Staff')) });
  });
  after(async () => {
    closeAll(staffSocket, ...visitors);
    await server.cleanup();
    await agent.stop();
  });

  test('the widget is told the site has an agent', async () => {
    const { visitor } = await newVisitor();
    const hello = await ask(visitor, 'visitor:hello', {});
    assert.ok(hello.ok);
    assert.equal(hello.site.agent, true);
  });

  test('the agent receives the transcript; its reply is stored as the assistant’s and pushed to the visitor', async () => {
    agent.mode = 'answer';
    const { visitor, conv } = await newVisitor();
    const calls = agent.calls.length;
    const first = visitorMessage('When are you open?');
    const reply = nextEvent(visitor, 'message', (m) => m.role === 'assistant');
    const sent = await ask(visitor, 'message:send', { ...conv, message: first });
    assert.ok(sent.ok);
    const got = await reply;

    assert.equal(agent.calls.length, calls + 1);
    const call = agent.calls.at(-1)!;
    assert.equal(call.method, 'POST');
    assert.equal(call.url, '/agent');
    assert.match(call.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(call.body, {
      site: { key: 'demo-plumbing', name: SITE_NAME },
      conversationId: conv.conversationId,
      messageId: first.id,
      transcript: [{ role: 'visitor', text: 'When are you open?', createdAt: first.createdAt }],
    });

    assert.equal(got.id, `sys:agent:${first.id}`);
    assert.equal(got.conversationId, conv.conversationId);
    assert.equal(got.seq, 2);
    assert.equal(got.text, 'You asked: When are you open?. We are open 7:00-19:00.');
    assert.deepEqual(got.assistant, { kind: 'answer', sources: [{ id: 'hours', title: 'Opening hours' }] });
    assert.deepEqual(await transcript(visitor, conv), [sent.message, got]);

    // The next call carries the whole conversation so far, the agent's own answer included.
    agent.mode = 'miss';
    const second = visitorMessage('Do you fix jacuzzis?');
    const missed = nextEvent(visitor, 'message', (m) => m.role === 'assistant' && m.seq === 4);
    assert.ok((await ask(visitor, 'message:send', { ...conv, message: second })).ok);
    const miss = await missed;
    assert.deepEqual(miss.assistant, { kind: 'miss', sources: [] });
    assert.deepEqual(
      agent.calls.at(-1)!.body.transcript.map((m) => [m.role, m.text]),
      [
        ['visitor', 'When are you open?'],
        ['assistant', 'You asked: When are you open?. We are open 7:00-19:00.'],
        ['visitor', 'Do you fix jacuzzis?'],
      ],
    );

    // A resend of the same message (the widget did not see the ack) does not ask the agent again.
    const count = agent.calls.length;
    const again = await ask(visitor, 'message:send', { ...conv, message: second });
    assert.ok(again.ok && again.duplicate);
    // Nor does an assistant message written by the widget.
    assert.ok((await ask(visitor, 'message:send', { ...conv, message: visitorMessage('Anything else?', { role: 'assistant' }) })).ok);
    await sleep(150);
    assert.equal(agent.calls.length, count);
    assert.equal((await transcript(visitor, conv)).length, 5);
  });

  for (const [mode, title] of [
    ['slow', 'answers after the timeout'],
    ['error', 'answers HTTP 500'],
    ['malformed', 'answers without a reply'],
    ['not-json', 'answers something that is not JSON'],
  ] as const) {
    test(`an agent that ${title}: the visitor gets assistant:fallback for that message and nothing is stored`, async () => {
      agent.mode = mode;
      const { visitor, conv } = await newVisitor();
      const assistantMessages = collect(visitor, 'message');
      const message = visitorMessage(`Question for a ${mode} agent`);
      const fallback = nextEvent(visitor, 'assistant:fallback', () => true, TIMEOUT_MS + 2000);
      const started = Date.now();
      assert.ok((await ask(visitor, 'message:send', { ...conv, message })).ok);
      assert.deepEqual(await fallback, { conversationId: conv.conversationId, messageId: message.id });
      const elapsed = Date.now() - started;
      if (mode === 'slow') assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 1000, `fallback after ${elapsed} ms`);
      else assert.ok(elapsed < TIMEOUT_MS, `fallback after ${elapsed} ms`);
      assert.equal(agent.calls.at(-1)!.body.messageId, message.id);

      // Even once the slow agent finally answers, nothing is stored or pushed.
      if (mode === 'slow') await sleep(900);
      else await sleep(100);
      assert.deepEqual(
        assistantMessages.filter((m) => m.role !== 'visitor'),
        [],
      );
      const stored = await transcript(visitor, conv);
      assert.deepEqual(
        stored.map((m) => [m.role, m.id]),
        [['visitor', message.id]],
      );
    });
  }

  test('once a person has the chat (or it is waiting for one) the agent is not asked', async () => {
    agent.mode = 'answer';
    const { visitor, conv } = await newVisitor();
    const answered = nextEvent(visitor, 'message', (m) => m.role === 'assistant');
    await send(visitor, conv, 'My boiler is broken');
    await answered;
    const count = agent.calls.length;
    const fallbacks = collect(visitor, 'assistant:fallback');

    await requestHandoff(visitor, conv);
    await send(visitor, conv, 'Waiting for a person');
    assert.ok((await ask(staffSocket, 'conversation:claim', { conversationId: conv.conversationId })).ok);
    await send(visitor, conv, 'Hello person');
    await sleep(200);
    assert.equal(agent.calls.length, count);
    assert.deepEqual(fallbacks, []);
    assert.deepEqual(
      (await transcript(visitor, conv)).filter((m) => m.role === 'assistant').map((m) => m.text),
      ['You asked: My boiler is broken. We are open 7:00-19:00.'],
    );

    // Handed back to the assistant: the agent answers again.
    assert.deepEqual(await ask(staffSocket, 'conversation:release', { conversationId: conv.conversationId }), { ok: true });
    const back = nextEvent(visitor, 'message', (m) => m.role === 'assistant');
    await send(visitor, conv, 'One more question');
    assert.equal((await back).text, 'You asked: One more question. We are open 7:00-19:00.');
  });

  test('a person takes over while the agent is still thinking: its late answer is dropped', async () => {
    agent.mode = 'delayed';
    const { visitor, conv } = await newVisitor();
    const seen = collect(visitor, 'message');
    const fallbacks = collect(visitor, 'assistant:fallback');
    const calls = agent.calls.length;
    await send(visitor, conv, 'I need someone now');
    await requestHandoff(visitor, conv);
    assert.ok((await ask(staffSocket, 'conversation:claim', { conversationId: conv.conversationId })).ok);
    await sleep(500);
    assert.equal(agent.calls.length, calls + 1, 'the agent was asked before the handoff');
    assert.deepEqual(
      seen.filter((m) => m.role === 'assistant'),
      [],
    );
    assert.deepEqual(fallbacks, []);
    assert.ok(!(await transcript(visitor, conv)).some((m) => m.role === 'assistant'));
  });
});

describe('agent configuration', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'http to a host other than this machine',
      { url: 'http://agent.example.com/reply' },
      /sites\.0\.agent\.url: must use https \(http only for localhost\)/,
    ],
    [
      'http to a host that only starts like localhost',
      { url: 'http://localhost.evil.example/reply' },
      /sites\.0\.agent\.url: must use https/,
    ],
    ['not a URL', { url: 'agent please' }, /sites\.0\.agent\.url: /],
    ['a timeout that is too short', { url: 'https://agent.example.com/reply', timeoutMs: 100 }, /sites\.0\.agent\.timeoutMs: /],
  ];
  for (const [title, agent, message] of cases) {
    test(`refuses an agent with ${title}`, async () => {
      const dir = await tempDir();
      try {
        const sitesFile = await writeSites(dir, { sites: [{ ...site('demo-plumbing', ['self']), agent }] });
        await assert.rejects(startTestServer({ sitesFile, dataDir: dir }), message);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test('accepts https anywhere and http on this machine, with a default timeout', async () => {
    const server = await startTestServer({
      sites: [
        { ...site('https-agent', ['self']), agent: { url: 'https://agent.example.com/reply' } },
        { ...site('local-agent', ['self']), agent: { url: `http://localhost:${4000 + (randomBytes(1)[0]! % 100)}/agent`, timeoutMs: 500 } },
      ],
    });
    try {
      assert.equal(server.sites.get('https-agent')!.agent!.timeoutMs, 4000);
      assert.equal(server.sites.get('local-agent')!.agent!.timeoutMs, 500);
    } finally {
      await server.cleanup();
    }
  });
});
