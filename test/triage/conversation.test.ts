import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readVisitorTurn, similarity, type Turn } from '../../src/triage/conversation.ts';
import { triageConversation, triageTimeline } from '../../src/triage/engine.ts';
import type { Scores } from '../../src/triage/labels.ts';
import { readCues } from '../../src/triage/rules.ts';

const visitor = (text: string): Turn => ({ role: 'visitor', text });
const answer = (text: string, resolved?: boolean): Turn => ({ role: 'assistant', text, ...(resolved === undefined ? {} : { resolved }) });
const signalsOf = (turns: Turn[], scores: (Scores | null)[] = []) => triageConversation(turns, scores).signals;
const read = (text: string) => readVisitorTurn(visitor(text), 0, readCues(text), null);

function frustration(level: number): Scores {
  return {
    frustration: level,
    human_request: 0,
    medical: 0,
    legal: 0,
    financial: 0,
    safety: 0,
    deal: 0,
    complaint: 0,
    exception: 0,
    personal: 0,
  };
}

describe('repetition', () => {
  const same: [string, string][] = [
    ['how much is a haircut', "what's the price of a haircut?"],
    ["how much is a men's haircut?", "ok but what's the price of a haircut for men"],
    ['where is my order', 'where is my order??'],
    ['when will my package arrive', 'my package still hasnt arrived, when is it coming'],
    ['do you deliver to Brooklyn?', 'I asked if you deliver to brooklyn'],
    ['¿cuánto cuesta el corte de pelo?', 'pregunté cuánto cuesta un corte'],
  ];
  const different: [string, string][] = [
    ['do you have parking', 'do you have parking for trucks too?'],
    ['i need a plumber', 'i need my invoice'],
    ['how much is a haircut', 'and how much is a beard trim'],
    ['what are your hours on saturday', 'and on sunday?'],
    ['do you sell gift cards', 'can I use a gift card online?'],
    ['can i book for friday', 'great thanks'],
  ];
  for (const [a, b] of same) it(`"${b}" repeats "${a}"`, () => assert.ok(similarity(read(a), read(b)) >= 0.7));
  for (const [a, b] of different) it(`"${b}" does not repeat "${a}"`, () => assert.ok(similarity(read(a), read(b)) < 0.7));

  it('needs an assistant answer in between', () => {
    assert.ok(!signalsOf([visitor('where is my order'), visitor('where is my order??')]).includes('repetition'));
    const result = triageConversation([visitor('where is my order'), answer('It ships in 3 days.'), visitor('where is my order??')]);
    const reason = result.decision.reasons.find((r) => r.name === 'repetition');
    assert.ok(reason);
    assert.equal(result.decision.action, 'handoff');
    assert.deepEqual(
      reason.evidence.map((e) => e.messageId),
      ['turn-0', 'turn-2'],
    );
  });

  it('finds the same need reworded after an answer that missed the point', () => {
    const turns = [
      visitor('how many hours does the battery last?'),
      answer('The X200 comes in black, silver and blue.'),
      visitor('ok, but the battery life? like hours on one charge'),
    ];
    assert.ok(signalsOf(turns).includes('repetition'));
    const es = [
      visitor('¿cuánto tarda el envío a Sevilla?'),
      answer('Aceptamos tarjeta y PayPal.'),
      visitor('ya pero cuántos días tarda en llegar a sevilla'),
    ];
    assert.ok(signalsOf(es).includes('repetition'));
  });

  it('does not take a second question on the same topic for a repeat', () => {
    const cases: Turn[][] = [
      [visitor('what time do you open on saturday?'), answer('We open at 9 on Saturdays.'), visitor('and what time do you close?')],
      [visitor('how much is a haircut'), answer('A haircut is $30.'), visitor('what about a beard trim, how much')],
      [visitor('¿a qué hora abren el sábado?'), answer('Abrimos a las 9.'), visitor('y a qué hora cierran?')],
      [visitor('vous ouvrez à quelle heure samedi ?'), answer('Nous ouvrons à 9 h.'), visitor('et vous fermez à quelle heure ?')],
      [visitor('wann öffnet ihr am samstag?'), answer('Samstags ab 9 Uhr.'), visitor('und wann schließt ihr?')],
      [visitor('i need a plumber'), answer("Sorry, I don't know.", false), visitor('i need my invoice')],
    ];
    for (const turns of cases) assert.ok(!signalsOf(turns).includes('repetition'), turns.at(-1)?.text ?? '');
  });

  it('counts a visitor saying they repeat themselves', () => {
    assert.ok(signalsOf([visitor('hi'), answer('Hello!'), visitor('as I said, the box arrived empty')]).includes('repetition'));
    assert.ok(!signalsOf([visitor('as I said on the phone, the box arrived empty')]).includes('repetition'));
  });
});

describe('sentiment_drop', () => {
  const turns = [
    visitor('hi, do you open sundays'),
    answer('Yes.'),
    visitor('ok and the address?'),
    answer('Main St 1.'),
    visitor('the door is locked'),
  ];

  it('fires when frustration climbs across recent turns', () => {
    assert.ok(signalsOf(turns, [frustration(0.02), frustration(0.1), frustration(0.6)]).includes('sentiment_drop'));
  });

  it('stays quiet when the mood is steady or only mildly worse', () => {
    assert.ok(!signalsOf(turns, [frustration(0.5), frustration(0.5), frustration(0.6)]).includes('sentiment_drop'));
    assert.ok(!signalsOf(turns, [frustration(0.02), frustration(0.1), frustration(0.3)]).includes('sentiment_drop'));
  });

  it('uses the rules when the model has not run', () => {
    const angry = [visitor('do you open sundays'), answer('Yes.'), visitor('WHY IS THE DOOR LOCKED??? THIS IS RIDICULOUS')];
    assert.ok(signalsOf(angry).includes('sentiment_drop'));
  });
});

describe('unresolved', () => {
  it('fires after two failed answers, whether missed or rejected', () => {
    const turns = [
      visitor('do you fix vintage radios'),
      answer("Sorry, I don't know that.", false),
      visitor('ok what about record players'),
      answer('We are open 9 to 5.'),
      visitor("that doesn't help"),
    ];
    const timeline = triageTimeline(turns);
    assert.deepEqual(
      timeline.map((r) => r.signals.includes('unresolved')),
      [false, false, true],
    );
    const reason = timeline[2]?.decision.reasons.find((r) => r.name === 'unresolved');
    assert.equal(reason?.score, 1, 'the bar is reached: scores stay in [0, 1] like every reason');
    assert.deepEqual(
      reason?.evidence.map((e) => e.messageId),
      ['turn-1', 'turn-4'],
    );
  });

  it('does not count a miss after thanks, an acknowledgement or small talk', () => {
    const turns = [
      visitor('do you fix garbage disposals?'),
      answer("Sorry, I don't know that.", false),
      visitor('ok thanks'),
      answer("Sorry, I don't know that.", false),
      visitor('gracias!! 😊'),
      answer("Sorry, I don't know that.", false),
      visitor('have a nice day'),
    ];
    assert.ok(!signalsOf(turns).includes('unresolved'));
  });

  it('keeps its score in [0, 1] however many misses there were', () => {
    const turns = [
      visitor('do you fix garbage disposals?'),
      answer("I don't know.", false),
      visitor('do you install water softeners?'),
      answer("I don't know.", false),
      visitor('do you sell radiators?'),
      answer("I don't know.", false),
      visitor('what about boilers'),
    ];
    const reason = triageConversation(turns).decision.reasons.find((r) => r.name === 'unresolved');
    assert.equal(reason?.score, 1);
    assert.equal(reason?.evidence.length, 3);
  });

  it('counts a miss the visitor then rejects once', () => {
    const turns = [visitor('do you fix radios'), answer("I don't know.", false), visitor("that's not what I asked")];
    assert.ok(!signalsOf(turns).includes('unresolved'));
  });
});
