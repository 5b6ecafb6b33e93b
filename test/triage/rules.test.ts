import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCues } from '../../src/triage/rules.ts';
import type { RuleSignal } from '../../src/triage/labels.ts';

const signals = (text: string): RuleSignal[] => readCues(text).hits.map((h) => h.signal);
const asksForPerson = (text: string): boolean => signals(text).includes('explicit_human_request');

describe('explicit request for a person', () => {
  const requests = [
    'I want to talk to a human',
    'can I speak to a manager please',
    'connect me to a real person',
    'agent',
    'Representative!!',
    'can someone call me back?',
    'Quiero hablar con una persona',
    'pásame con un agente por favor',
    'que me llamen, por favor',
    'Je voudrais parler à un conseiller',
    'passez-moi le responsable',
    'rappelez-moi svp',
    'Ich möchte mit einem Menschen sprechen',
    'Verbinden Sie mich bitte mit einem Mitarbeiter',
    'bitte um Rückruf',
    "why can't I talk to a human?",
    'please call me back',
    'call me back asap',
    'call me on 0412 555 019',
    'could you call me back today?',
    'llámame por favor',
    'rappelle-moi stp',
    'Rufen Sie mich bitte zurück',
  ];
  for (const text of requests) it(`finds "${text}"`, () => assert.ok(asksForPerson(text)));

  const notRequests = [
    'no need for a human, just tell me the price',
    "I don't want to speak to a person, the bot is fine",
    'are you a bot?',
    'are you a real person?',
    'will the technician text before arriving?',
    'I need someone to fix my sink',
    'i need a person to come look at my roof',
    'no hace falta hablar con una persona',
    'je ne veux pas parler à un humain',
    'rappelez-moi le prix svp',
    'ich brauche keinen Menschen, nur den Preis',
    'what are your opening hours?',
    // A name, a question about names, or a call put off until later: the model judges these.
    'call me Bailey',
    'you can call me Sam',
    'what do you call me?',
    "call me back later when I'm home",
    'call me tomorrow after 5',
    'llámame Lucía',
    'appelle-moi Tom',
    'rappelle-moi plus tard quand je suis à la maison',
    'nenn mich einfach Kai',
    'ruf mich später an wenn ich zu Hause bin',
  ];
  for (const text of notRequests) it(`leaves "${text}"`, () => assert.ok(!asksForPerson(text)));

  it('cites the words that asked', () => {
    const text = 'Hi there. Can I speak to a manager please';
    const hit = readCues(text).hits.find((h) => h.signal === 'explicit_human_request');
    assert.ok(hit);
    assert.equal(hit.evidence.text, 'speak to a manager');
    assert.equal(text.slice(...hit.evidence.span), hit.evidence.text);
  });

  it('cites the right span when accents come before the match', () => {
    const text = 'Ça fait trois fois, je veux parler à un conseiller';
    const hit = readCues(text).hits[0];
    assert.ok(hit);
    assert.equal(text.slice(...hit.evidence.span), hit.evidence.text);
    assert.match(hit.evidence.text, /parler à un conseiller/);
  });
});

describe('shouting, "???" and profanity', () => {
  it('finds shouting, not acronyms or short caps', () => {
    assert.deepEqual(signals('WHERE IS MY ORDER'), ['shouting']);
    assert.deepEqual(readCues('hello, WHY IS NOBODY ANSWERING ME, seriously').hits[0]?.evidence.text, 'WHY IS NOBODY ANSWERING ME');
    assert.deepEqual(signals('I need the PDF ASAP'), []);
    assert.deepEqual(signals('OK THANKS'), []);
    assert.deepEqual(signals('مرحبا، أين طلبي'), []);
  });

  it('finds "???" and "?!?" but not "!!!" or "??"', () => {
    assert.deepEqual(signals('where is it???'), ['repeated_punctuation']);
    assert.deepEqual(signals('seriously?!?'), ['repeated_punctuation']);
    assert.deepEqual(signals('thanks so much!!!'), []);
    assert.deepEqual(signals('is it open today??'), []);
  });

  it('finds profanity in four languages as whole words', () => {
    for (const text of ['this is fucking ridiculous', 'qué mierda de servicio', 'putain, encore en retard', 'So ein Scheißladen']) {
      assert.deepEqual(signals(text), ['profanity'], text);
    }
    for (const text of ['shiitake risotto please', 'ven con tu hermano', 'a mist over the lake', 'Scunthorpe delivery']) {
      assert.deepEqual(signals(text), [], text);
    }
  });
});

describe('mood and conversation cues', () => {
  it('scores exasperation above a calm message', () => {
    assert.equal(readCues('what time do you open?').mood, 0);
    assert.ok(readCues('THIS IS RIDICULOUS, WHERE IS MY REFUND???').mood > 0.7);
  });

  it('reads rejections and claims of repeating', () => {
    assert.equal(readCues("that doesn't help at all").rejection?.text, "that doesn't help");
    assert.equal(readCues('eso no es lo que pregunté').rejection?.text, 'eso no es lo que pregunté');
    assert.equal(readCues('as I said, the order is late').repeatClaim?.text, 'as I said');
    assert.equal(readCues('wie gesagt, es ist kaputt').repeatClaim?.text, 'wie gesagt');
    assert.equal(readCues('thanks, that helps').rejection, null);
  });
});

describe('speed', () => {
  it('reads a typical message in well under 0.2 ms', () => {
    const texts = ['I want to talk to a human', 'WHERE IS MY ORDER???', 'quiero hablar con una persona', 'how much is a haircut?'];
    for (let i = 0; i < 2000; i++) readCues(texts[i % texts.length] ?? '');
    const runs = 20_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) readCues(texts[i % texts.length] ?? '');
    const perMessage = (performance.now() - start) / runs;
    assert.ok(perMessage < 0.2, `${perMessage} ms per message`);
  });

  it('copes with empty, emoji-only, right-to-left and 10,000-character text', () => {
    for (const text of [
      '',
      '😀😀😀🎉',
      'أريد التحدث مع شخص حقيقي',
      'שלום, אני רוצה לדבר עם נציג',
      'a'.repeat(10_000),
      'HELP '.repeat(2_000),
    ]) {
      const cues = readCues(text);
      assert.ok(cues.mood >= 0 && cues.mood <= 1);
      for (const hit of cues.hits) assert.equal(text.slice(...hit.evidence.span), hit.evidence.text);
    }
  });
});
