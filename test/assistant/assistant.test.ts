/** The built-in assistant against a plumbing company's knowledge: answers, misses, small talk, rejections. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAssistant, type AssistantReply, type AssistantTurn } from '../../src/assistant/index.ts';
import { Knowledge } from '../../src/assistant/knowledge.ts';
import { plumbing, SITE_NAME } from './fixtures.ts';

const knowledge = Knowledge.parse(plumbing);
const assistant = createAssistant(knowledge, { siteName: SITE_NAME });

function ask(text: string, before: AssistantTurn[] = []): AssistantReply {
  return assistant.reply([...before, { role: 'visitor', text }]);
}

/** Every text the assistant may show as an answer must be built from these strings. */
const faqAnswers = new Map(knowledge.faq.map((e) => [e.id, e.answer]));

function assertFromKnowledge(reply: AssistantReply, question: string): void {
  assert.equal(reply.sources.length, 1, `one source for "${question}"`);
  const id = reply.sources[0]?.id ?? '';
  const facts = knowledge.facts;
  if (faqAnswers.has(id)) {
    assert.equal(reply.text, faqAnswers.get(id), `FAQ answer verbatim for "${question}"`);
  } else if (id.startsWith('price:')) {
    const line = facts.prices?.[Number(id.slice('price:'.length))];
    assert.ok(line, `price line ${id} exists`);
    assert.ok(reply.text.startsWith(`${line.item}: ${line.price}.`), `price sentence for "${question}": ${reply.text}`);
    if (line.note) assert.ok(reply.text.includes(line.note), `price note kept for "${question}"`);
  } else if (id === 'fact:prices') {
    for (const line of facts.prices ?? []) assert.ok(reply.text.includes(`${line.item}: ${line.price}`));
  } else if (id === 'fact:contact') {
    for (const v of [facts.phone, facts.email, facts.address]) assert.ok(v && reply.text.includes(v));
  } else {
    const key = id.slice('fact:'.length) as 'hours' | 'serviceArea' | 'phone' | 'email' | 'address';
    const value = facts[key];
    assert.ok(value && reply.text.includes(value), `fact ${id} quoted for "${question}": ${reply.text}`);
  }
}

// Routine questions as visitors type them, and the entries that answer them (any one of the listed).
const ROUTINE: [string, string[]][] = [
  ['what are your hours?', ['fact:hours']],
  ['WHAT TIME DO YOU CLOSE', ['fact:hours']],
  ['r u open on weekends', ['fact:hours']],
  ['are you open sunday', ['fact:hours']],
  ['how much is a drain cleaning', ['price:0']],
  ['hw much is drain clening', ['price:0']],
  ['whats the cost of a water heater flush', ['price:1']],
  ['what does a service call cost', ['price:2']],
  ['how much does a water heater installation cost', ['price:3']],
  ['what are your prices', ['fact:prices']],
  ['do you do refunds', ['refund-policy']],
  ['what is your refund polcy', ['refund-policy']],
  ['can i get my money back', ['refund-policy']],
  ['do you take credit cards', ['payment-methods']],
  ['do u take amex', ['payment-methods']],
  ['whats the warrenty on a new water heater', ['warranty']],
  ['is your work guaranteed', ['warranty']],
  ['my pipe burst do you have 24/7 service', ['emergency-service']],
  ['can i get a free quote', ['free-estimates']],
  ['are you licenced and insured', ['licensed-insured']],
  ['do you install tankless heaters', ['tankless-heaters']],
  ['i smell gas what do i do', ['gas-leak']],
  ['if i smell rotten eggs what do i do', ['gas-leak']],
  ['can i reschedule my appointment', ['booking']],
  ['how do i schedule a visit', ['booking']],
  ['is there a cancelation fee', ['cancellation-fee']],
  ['do you serve shelbyville', ['fact:serviceArea', 'service-area']],
  ['do you work in ogdenville', ['fact:serviceArea', 'service-area']],
  ['do you guys do payment plans', ['financing']],
  ['can i pay monthly', ['financing']],
  ["what's your phone number", ['fact:phone']],
  ['what is your email address', ['fact:email']],
  ['where are you located', ['fact:address']],
  ['how can i contact you', ['fact:contact']],
];

const OFF_TOPIC = [
  'can you fix my car',
  "what's the capital of france",
  'do you sell pizza',
  'can you recommend a good restaurant',
  'do you do roofing',
  'how much is a haircut',
  'what is the weather tomorrow',
  'do you repair iphones',
  'who won the game last night',
  'can you walk my dog',
  'tell me a joke',
  'do you install solar panels',
  'how much to fix a car',
  'are you hiring',
  'do you install water softeners',
  'how long does a water heater last',
  'can you paint my house',
];

describe('assistant: routine questions', () => {
  for (const [question, ids] of ROUTINE) {
    test(question, () => {
      const reply = ask(question);
      assert.equal(reply.kind, 'answer', `answered: ${JSON.stringify(reply)}`);
      assert.ok(ids.includes(reply.sources[0]?.id ?? ''), `expected ${ids.join(' or ')}, got ${reply.sources[0]?.id}`);
      assertFromKnowledge(reply, question);
      assert.ok(reply.score >= 0 && reply.score <= 1);
    });
  }

  test('answers read as sentences and need names the entry', () => {
    const price = ask('how much is a drain cleaning');
    assert.equal(price.text, 'Drain cleaning (single fixture): from $149. Sink, tub or shower; includes up to 100 ft of cable.');
    assert.equal(price.need, 'price of drain cleaning (single fixture)');
    assert.deepEqual(price.sources, [{ id: 'price:0', title: 'Drain cleaning (single fixture)' }]);
    const hours = ask('when are you open?');
    assert.equal(hours.text, 'Our hours: Mon–Fri 7am–7pm, Sat 8am–2pm, closed Sunday. Emergency line 24/7.');
    assert.equal(hours.need, 'opening hours');
    const gas = ask('what should i do if i smell gas in my kitchen');
    assert.equal(gas.need, 'What should I do if I smell gas?');
    assert.equal(gas.sources[0]?.title, 'What should I do if I smell gas?');
    assert.equal(ask("what's your phone number").text, 'You can call us at (555) 010-0199.');
  });
});

describe('assistant: off-topic questions are misses', () => {
  for (const question of OFF_TOPIC) {
    test(question, () => {
      const reply = ask(question);
      assert.equal(reply.kind, 'miss', `should not answer: ${JSON.stringify(reply)}`);
      assert.deepEqual(reply.sources, []);
      assert.equal(reply.need, question);
      assert.ok(reply.score < 0.62);
    });
  }

  test('a miss says it does not know and offers a person by name', () => {
    const reply = ask('do you sell pizza');
    assert.equal(
      reply.text,
      `I don't know that one, and I'd rather not guess. A person from ${SITE_NAME} can answer: tap "Talk to a person".`,
    );
  });

  test('need trims a long message for staff', () => {
    const long = `${'my neighbour keeps parking in front of my garage and '.repeat(5)}  what can I do`;
    const reply = ask(long);
    assert.equal(reply.kind, 'miss');
    assert.ok(reply.need.length <= 140 && reply.need.endsWith('…'));
    assert.ok(!/\s{2}/.test(reply.need));
  });

  test('empty and punctuation-only messages are misses without a search', () => {
    assert.equal(ask('???').kind, 'miss');
    assert.equal(ask('   ').kind, 'miss');
  });

  test('asking for a person is a miss that points to the button', () => {
    const reply = ask('can I talk to a real person?');
    assert.equal(reply.kind, 'miss');
    assert.match(reply.text, /Talk to a person/);
    assert.equal(reply.need, 'wants to talk to a person');
  });
});

describe('assistant: small talk', () => {
  const cases: [string, RegExp][] = [
    ['hi', /^Hi! Ask me about Brightwater Plumbing/],
    ['Hello there!', /^Hi!/],
    ['good morning', /^Hi!/],
    ['thanks!', /welcome/],
    ['thank you so much', /welcome/],
    ['ok great', /Glad/],
    ['got it, perfect', /Glad/],
    ['ok thanks', /welcome/],
    ['bye', /Bye/],
    ['gracias', /welcome/],
    ['merci', /welcome/],
    ['danke', /welcome/],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      const reply = ask(text);
      assert.equal(reply.kind, 'smalltalk', JSON.stringify(reply));
      assert.match(reply.text, expected);
      assert.deepEqual(reply.sources, []);
    });
  }

  test('a greeting with a question is answered, not small talk', () => {
    const reply = ask('hi, how much is a drain cleaning?');
    assert.equal(reply.kind, 'answer');
    assert.equal(reply.sources[0]?.id, 'price:0');
  });

  test('lines follow the language option', () => {
    const es = createAssistant(knowledge, { siteName: SITE_NAME, lang: 'es' });
    assert.match(es.reply([{ role: 'visitor', text: 'hola' }]).text, /^¡Hola!/);
    assert.match(es.reply([{ role: 'visitor', text: 'pizza?' }]).text, /^No lo sé/);
  });
});

describe('assistant: rejected answers', () => {
  const first = ask('do you take credit cards?');
  const history: AssistantTurn[] = [
    { role: 'visitor', text: 'do you take credit cards?' },
    { role: 'assistant', text: first.text },
  ];
  const rejections = [
    "that doesn't help",
    "no that's not what I asked",
    'you already said that',
    'useless',
    'Not helpful at all.',
    'this is not what I need',
    'eso no es lo que pregunté',
    'no me sirve',
    "ça ne m'aide pas",
    "ce n'est pas ma question",
    'das hilft mir nicht',
    'das ist nicht meine Frage',
  ];
  for (const text of rejections) {
    test(text, () => {
      const reply = ask(text, history);
      assert.equal(reply.kind, 'miss', JSON.stringify(reply));
      assert.equal(reply.score, 0);
      assert.deepEqual(reply.sources, []);
      assert.equal(reply.need, 'What payment methods do you accept? (answer rejected)');
      assert.match(reply.text, /Talk to a person/);
    });
  }

  test('the same words before any answer are not a rejection', () => {
    // Nothing to reject: searched as usual (and unanswerable).
    assert.equal(ask("that doesn't help").need, "that doesn't help");
  });

  test('a message that mentions a useless appliance is a question, not a rejection', () => {
    const reply = ask('my old water heater is useless, how much is a water heater install?', history);
    assert.equal(reply.kind, 'answer');
    assert.equal(reply.sources[0]?.id, 'price:3');
  });

  test('thanks after an answer is small talk, not a rejection', () => {
    assert.equal(ask('great, thanks', history).kind, 'smalltalk');
  });

  test('asked again after its answer, it does not repeat itself: a miss naming the entry', () => {
    const reply = ask('can I pay with a credit card?', history);
    assert.equal(reply.kind, 'miss');
    assert.notEqual(reply.text, first.text);
    assert.equal(reply.need, 'What payment methods do you accept?');
    assert.deepEqual(reply.sources, first.sources);
  });
});

describe("assistant: only the site's knowledge", () => {
  test('no reply to any test question shows text that is not from the knowledge or its own lines', () => {
    const own =
      /I don't know that one|Sorry that didn't help|That's all I know|Of course\. Tap|Hi! Ask me|You're welcome|Glad that helps|Thanks for stopping by|didn't catch that/;
    for (const question of [...ROUTINE.map(([q]) => q), ...OFF_TOPIC, 'do you fix boilers', 'is parking free', 'price?']) {
      const reply = ask(question);
      if (reply.kind === 'answer') assertFromKnowledge(reply, question);
      else assert.match(reply.text, own, question);
    }
  });

  test('an assistant with no knowledge answers nothing', () => {
    const empty = createAssistant(Knowledge.parse({}), { siteName: 'Acme' });
    for (const question of ['what are your hours?', 'how much is a drain cleaning', 'do you do refunds']) {
      assert.equal(empty.reply([{ role: 'visitor', text: question }]).kind, 'miss');
    }
    assert.equal(empty.reply([{ role: 'visitor', text: 'hi' }]).kind, 'smalltalk');
  });

  test('a fact the site did not publish is not answered from another', () => {
    const noEmail = createAssistant(Knowledge.parse({ ...plumbing, facts: { ...plumbing.facts, email: undefined } }), { siteName: 'Acme' });
    const reply = noEmail.reply([{ role: 'visitor', text: 'what is your email address?' }]);
    assert.notEqual(reply.sources[0]?.id, 'fact:email');
    assert.ok(!reply.text.includes('@'));
  });
});
