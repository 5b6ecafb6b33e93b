/** Details read from the visitor's own words: contact, order numbers, addresses, dates, amounts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractDetails, type Detail } from '../../src/assistant/index.ts';

/** `kind:value` for each detail found in one visitor message. */
function read(text: string): string[] {
  return extractDetails([{ id: 'm1', role: 'visitor', text }]).map((d) => `${d.kind}:${d.value}`);
}

type Case = [text: string, expected: string[]];

function cases(list: Case[]): void {
  for (const [text, expected] of list) test(text, () => assert.deepEqual(read(text), expected));
}

describe('extract: English', () => {
  cases([
    [
      "Hi, I'm Pat Smith, my email is pat.smith@example.com and my number is (555) 010-0199",
      ['name:Pat Smith', 'email:pat.smith@example.com', 'phone:(555) 010-0199'],
    ],
    ['my name is pat and i live at 42 Elm Street', ['name:pat', 'address:42 Elm Street']],
    ['This is Dana, calling about job 88-1093', ['name:Dana', 'order:88-1093']],
    ['order #4521 arrived broken', ['order:4521']],
    ['invoice INV-2231 charged me $200 twice', ['order:INV-2231', 'amount:$200']],
    ['my order number is 4521987654', ['order:4521987654']],
    ['text me at +1 555 010 0199 or 555.010.0188', ['phone:+1 555 010 0199', 'phone:555.010.0188']],
    ['please call 5550100199', ['phone:5550100199']],
    ['can you come tomorrow or next tuesday?', ['date:tomorrow', 'date:next tuesday']],
    ['is the 14th ok? or March 3rd', ['date:the 14th', 'date:March 3rd']],
    ['on 3/14 at 742 Evergreen Terrace', ['date:3/14', 'address:742 Evergreen Terrace']],
    ['they quoted 1,450 dollars, I can do £80 or €1.500', ['amount:1,450 dollars', 'amount:£80', 'amount:€1.500']],
    ['can you do it for $1.2k?', ['amount:$1.2k']],
  ]);
});

describe('extract: Spanish', () => {
  cases([
    ['Hola, me llamo Lucía Pérez, mi pedido 1234 no llegó', ['name:Lucía Pérez', 'order:1234']],
    ['vivo en Calle Mayor 5, Madrid', ['address:Calle Mayor 5']],
    ['mi teléfono es 612 345 678 y puedo mañana', ['phone:612 345 678', 'date:mañana']],
    ['el 14 de marzo o el próximo lunes', ['date:14 de marzo', 'date:el próximo lunes']],
    ['hola, soy Ana, me cobraron 150 euros', ['name:Ana', 'amount:150 euros']],
  ]);
});

describe('extract: French', () => {
  cases([
    ["Bonjour, je m'appelle Jean-Pierre, commande n° 5567", ['name:Jean-Pierre', 'order:5567']],
    ['Je suis au 12 rue de la Paix, pouvez-vous venir demain ?', ['address:12 rue de la Paix', 'date:demain']],
    ['mon portable : 06 12 34 56 78, facture FA-2024-118', ['phone:06 12 34 56 78', 'order:FA-2024-118']],
    ['le devis était de 1 500 € pour le 14 mars', ['amount:1 500 €', 'date:14 mars']],
  ]);
});

describe('extract: German', () => {
  cases([
    ['Hallo, ich heiße Jürgen Müller, Bestellnummer 99812', ['name:Jürgen Müller', 'order:99812']],
    ['Wir wohnen in der Hauptstraße 7, ginge es morgen?', ['address:Hauptstraße 7', 'date:morgen']],
    ['Rechnung RE-2024-117 über 250 € vom 14.03.', ['order:RE-2024-117', 'amount:250 €', 'date:14.03.']],
    ['meine Nummer ist 0171 2345678, am 14. März passt', ['phone:0171 2345678', 'date:14. März']],
    ['mein Name ist Weber, Berliner Straße 12', ['name:Weber', 'address:Berliner Straße 12']],
  ]);
});

describe('extract: negatives', () => {
  cases([
    ["I'm upset", []],
    ["I'm not happy with the work", []],
    ["I'm Not Happy", []],
    ['This is Ridiculous!', []],
    ['and this is Pat', []],
    ['my name is on the account', []],
    ['I have 3 kids and 2 dogs', []],
    ['we offer 24/7 service?', []],
    ['a 3/4 inch pipe is leaking', []],
    ['it was 3 times on the road', []],
    ['Guten Morgen', []],
    ['ich bin sehr unzufrieden', []],
    // Prices and order numbers are never phone numbers.
    ['it cost $1,500,000 and then 2 500 000 €', ['amount:$1,500,000', 'amount:2 500 000 €']],
    ['order 5550100199', ['order:5550100199']],
    ['the zip is 62704', []],
    ['call 555-010-0199 2 times', ['phone:555-010-0199']],
  ]);
});

describe('extract: messages', () => {
  test('only visitor messages are read, and each detail keeps its message id', () => {
    const details = extractDetails([
      { id: 'v1', role: 'visitor', text: 'my email is a@b.co' },
      { id: 'a1', role: 'assistant', text: 'You can email us at hello@brightwater.example or call (555) 010-0199.' },
      { id: 's1', role: 'staff', text: 'I am Sam, call me at 555-010-0111' },
      { id: 'v2', role: 'visitor', text: 'and my phone is 555-010-0123' },
    ]);
    assert.deepEqual(details, [
      { kind: 'email', value: 'a@b.co', messageId: 'v1' },
      { kind: 'phone', value: '555-010-0123', messageId: 'v2' },
    ] satisfies Detail[]);
  });

  test('the first mention wins when a value comes back in another form', () => {
    const details = extractDetails([
      { id: 'v1', role: 'visitor', text: 'it was $200, order #4521' },
      { id: 'v2', role: 'visitor', text: 'AGAIN: 200 dollars on order 4521! Email PAT@example.com' },
      { id: 'v3', role: 'visitor', text: 'pat@example.com, (555) 010-0199' },
      { id: 'v4', role: 'visitor', text: '555 010 0199 or $250' },
    ]);
    assert.deepEqual(
      details.map((d) => `${d.kind}:${d.value}@${d.messageId}`),
      ['amount:$200@v1', 'order:4521@v1', 'email:PAT@example.com@v2', 'phone:(555) 010-0199@v3', 'amount:$250@v4'],
    );
  });
});
