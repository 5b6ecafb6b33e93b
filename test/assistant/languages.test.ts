/** Languages: the assistant's own lines per language, translated knowledge, the "only in" note, and the safety instruction. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAssistant, safetyInstruction, type AssistantReply } from '../../src/assistant/index.ts';
import { Knowledge, type KnowledgeInput } from '../../src/assistant/knowledge.ts';
import { LANGS, PACKS, languageName, type Lang } from '../../src/assistant/lang/index.ts';
import { plumbing, SITE_NAME } from './fixtures.ts';

const translated = {
  ...plumbing,
  emergencyNumber: '911',
  safety: 'gas-leak',
  facts: {
    ...plumbing.facts,
    prices: [
      {
        item: 'Service call',
        price: '$89',
        note: 'applied to the job if you go ahead',
        translations: { es: { item: 'Visita', note: 'se descuenta del trabajo' } },
      },
      { item: 'Water heater flush', price: '$129', translations: { de: { keywords: ['Boilerspülung'] } } },
    ],
    translations: { es: { hours: 'Lun–vie 7:00–19:00.' } },
  },
  faq: plumbing.faq.map((e) =>
    e.id === 'gas-leak'
      ? {
          ...e,
          translations: {
            es: {
              question: '¿Qué hago si huele a gas?',
              answer: 'Salga del edificio ahora y llame al 911 desde fuera.',
              keywords: ['olor a gas'],
            },
          },
        }
      : e.id === 'refund-policy'
        ? { ...e, translations: { fr: { question: 'Quelle est votre politique de remboursement ?' } } }
        : e,
  ),
} satisfies KnowledgeInput;

const knowledge = Knowledge.parse(translated);
const ask = (lang: Lang, text: string): AssistantReply =>
  createAssistant(knowledge, { siteName: SITE_NAME, lang }).reply([{ role: 'visitor', text }]);

describe('language packs', () => {
  test('every language has every line the English one has, and the same placeholders', () => {
    const shape = (o: unknown, prefix = ''): string[] =>
      o && typeof o === 'object'
        ? Object.entries(o).flatMap(([k, v]) => shape(v, `${prefix}${k}.`))
        : [
            `${prefix}${[...String(o).matchAll(/\{(\w+)\}/g)]
              .map((m) => m[1])
              .sort()
              .join(',')}`,
          ];
    const english = shape(PACKS.en.lines).sort();
    for (const lang of LANGS) assert.deepEqual(shape(PACKS[lang].lines).sort(), english, lang);
  });

  test('no word means two different needs across the languages', () => {
    const owner = new Map<string, string>();
    for (const lang of LANGS) {
      for (const [concept, list] of Object.entries(PACKS[lang].words.concepts)) {
        for (const word of (list ?? '').split(' ')) {
          const before = owner.get(word);
          assert.ok(!before || before.endsWith(`:${concept}`), `"${word}" is ${before} and ${lang}:${concept}`);
          owner.set(word, `${lang}:${concept}`);
        }
      }
    }
  });

  test('the registry is the languages, by code', () => {
    assert.deepEqual(LANGS, ['en', 'es', 'fr', 'de']);
    for (const lang of LANGS) assert.equal(PACKS[lang].code, lang);
  });

  test("languages are named in the visitor's language", () => {
    assert.equal(languageName('en', 'es'), 'inglés');
    assert.equal(languageName('de', 'fr'), 'allemand');
  });
});

describe("answers in the visitor's language", () => {
  test('a translated answer is given in that language', () => {
    const reply = ask('es', 'huele a gas, ¿qué hago?');
    assert.equal(reply.kind, 'answer');
    assert.equal(reply.text, 'Salga del edificio ahora y llame al 911 desde fuera.');
    assert.equal(reply.lang, 'es');
    assert.equal(reply.need, 'What should I do if I smell gas?', "staff read the site's language");
  });

  test("an answer that exists only in English says so, in the visitor's language, then quotes it", () => {
    const reply = ask('fr', 'quelle est votre politique de remboursement ?');
    assert.equal(reply.kind, 'answer');
    assert.ok(reply.text.startsWith("Ceci n'est publié qu'en anglais : If a repair we made fails"), reply.text);
  });

  test('a price line uses its translation, and says so where it has none', () => {
    assert.equal(ask('es', '¿cuánto cuesta la visita?').text, 'Visita: $89, se descuenta del trabajo.');
    assert.equal(ask('de', 'was kostet eine Boilerspülung').text, 'Das ist nur auf Englisch veröffentlicht: Water heater flush: $129.');
  });

  test('translated facts; phone and email need none', () => {
    assert.equal(ask('es', '¿cuál es su horario?').text, 'Nuestro horario: Lun–vie 7:00–19:00.');
    assert.equal(ask('de', 'wie ist ihre telefonnummer').text, 'Sie erreichen uns telefonisch unter (555) 010-0199.');
    assert.equal(
      ask('fr', 'quels sont vos horaires').text,
      "Ceci n'est publié qu'en anglais : Our hours: Mon–Fri 7am–7pm, Sat 8am–2pm, closed Sunday. Emergency line 24/7.",
    );
  });

  test('a message plainly in another language is answered in it', () => {
    const reply = createAssistant(knowledge, { siteName: SITE_NAME, lang: 'en' }).reply([
      { role: 'visitor', text: 'muchas gracias por todo' },
    ]);
    assert.equal(reply.lang, 'es');
    assert.match(reply.text, /^¡De nada!/);
  });

  test('reply() takes a language per call', () => {
    const assistant = createAssistant(knowledge, { siteName: SITE_NAME });
    assert.match(assistant.reply([{ role: 'visitor', text: 'pizza?' }], { lang: 'de' }).text, /^Das weiß ich nicht/);
  });
});

describe('price lines read as sentences', () => {
  test('a note in lower case continues the line; a capitalised one follows it', () => {
    const en = createAssistant(knowledge, { siteName: SITE_NAME });
    assert.equal(
      en.reply([{ role: 'visitor', text: 'what does a service call cost' }]).text,
      'Service call: $89, applied to the job if you go ahead.',
    );
    const fixture = createAssistant(Knowledge.parse(plumbing), { siteName: SITE_NAME });
    assert.equal(
      fixture.reply([{ role: 'visitor', text: 'how much is a drain cleaning' }]).text,
      'Drain cleaning (single fixture): from $149. Sink, tub or shower; includes up to 100 ft of cable.',
    );
  });
});

describe('safety instruction', () => {
  test("the site's own instruction, translated where it can be", () => {
    const es = safetyInstruction(knowledge, SITE_NAME, 'es');
    assert.deepEqual(es, {
      text: 'Salga del edificio ahora y llame al 911 desde fuera.',
      sources: [{ id: 'gas-leak', title: 'What should I do if I smell gas?' }],
      fromSite: true,
      lang: 'es',
    });
    assert.match(createAssistant(knowledge, { siteName: SITE_NAME }).safetyInstruction().text, /^Leave the building now/);
  });

  test("untranslated: a default line in the visitor's language first, then the site's own, introduced as such", () => {
    const de = safetyInstruction(knowledge, SITE_NAME, 'de');
    assert.ok(de.text.startsWith('Wenn jemand in Gefahr ist, bringen Sie sich jetzt in Sicherheit und rufen Sie 911 an.'), de.text);
    assert.ok(de.text.includes(`Was ${SITE_NAME} rät (veröffentlicht auf Englisch): Leave the building now`), de.text);
    assert.equal(de.fromSite, true);
  });

  test('no safety entry: a default naming the configured number, or 112', () => {
    const none = Knowledge.parse({ facts: {}, emergencyNumber: '999' });
    for (const lang of LANGS) {
      const s = safetyInstruction(none, 'Acme', lang);
      assert.equal(s.fromSite, false);
      assert.equal(s.lang, lang);
      assert.match(s.text, /999/);
    }
    assert.match(safetyInstruction(Knowledge.parse({}), 'Acme', 'fr').text, /appelez le 112/);
  });
});

describe('knowledge with translations: the schema', () => {
  const issues = (raw: unknown) => {
    const r = Knowledge.safeParse(raw);
    assert.equal(r.success, false);
    return r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
  };
  const entry = { id: 'refund-policy', question: 'Refunds?', answer: 'Within 90 days.' };

  test('old single-language knowledge is still valid and unchanged', () => {
    assert.deepEqual(Knowledge.parse(plumbing).faq[0]?.translations, undefined);
    assert.equal(Knowledge.parse(plumbing).lang, undefined);
  });

  test("an unknown language, an empty translation or one into the knowledge's own language is refused", () => {
    assert.deepEqual(issues({ faq: [{ ...entry, translations: { it: { answer: 'Entro 90 giorni.' } } }] }), [
      'faq.0.translations: Unrecognized key: "it"',
    ]);
    assert.deepEqual(issues({ faq: [{ ...entry, translations: { es: {} } }] }), [
      'faq.0.translations.es: a translation must give at least one field',
    ]);
    assert.deepEqual(issues({ faq: [{ ...entry, translations: { en: { answer: 'x' } } }] }), [
      'faq.0.translations.en: the knowledge is written in "en" already',
    ]);
    assert.deepEqual(issues({ lang: 'de', facts: { translations: { de: { hours: 'x' } } } }), [
      'facts.translations.de: the knowledge is written in "de" already',
    ]);
    assert.deepEqual(issues({ lang: 'it' }), ['lang: lang must be one of en, es, fr, de']);
  });

  test('safety names a FAQ entry; the emergency number is a short number', () => {
    assert.deepEqual(issues({ faq: [entry], safety: 'gas' }), ['safety: must be the id of one of the FAQ entries (refund-policy)']);
    assert.deepEqual(issues({ emergencyNumber: 'call 911' }), [
      'emergencyNumber: emergencyNumber must be a short number such as "911", "112" or "999"',
    ]);
    assert.equal(Knowledge.parse({ faq: [entry], safety: 'refund-policy', emergencyNumber: ' 911 ' }).emergencyNumber, '911');
  });
});
