/**
 * The knowledge as the assistant searches and quotes it: one document per fact, price line and FAQ
 * entry, indexed in every language it is written in, each rendering its answer in the visitor's
 * language where a translation exists (else in the knowledge's own, for the reply to say so).
 */
import type { Knowledge } from './knowledge.ts';
import { isLang, languageName, PACKS } from './lang/index.ts';
import { fill, LINES, type Lang, type Lines } from './phrases.ts';
import { fold, splitTerms, type Splitter } from './text.ts';

export type DocKind = 'faq' | 'fact' | 'price';

/** Published text in the visitor's language, or in the knowledge's when it has no translation. */
export interface Rendered {
  text: string;
  /** False when the text is in the knowledge's language only: the reply says so before it. */
  translated: boolean;
}

/** One searchable piece of knowledge. */
export interface Doc {
  id: string;
  kind: DocKind;
  title: string;
  /** Indexed fields, in every language the entry is written in. */
  question: string;
  keywords: string;
  answer: string;
  /** What the visitor sees when this is the answer, in their language. */
  render: (lang: Lang) => Rendered;
  need: string;
  /** Term sets that, fully present in a message, name this entry: its question, each keyword. */
  names: { terms: string[]; weight: number }[];
  /** Every term of the entry, for the needs a message states ("how much", "how long"). */
  all: Set<string>;
}

// Words visitors use for each fact, on top of the fact's own value and the shared concepts.
const FACT_WORDS = {
  hours:
    'hours open opening close closing times when today tonight weekend weekends holidays ' +
    'monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'horario abierto abren cierran sabado domingo horaires ouvert ouverture ferme samedi dimanche ' +
    'öffnungszeiten geöffnet offen geschlossen samstag sonntag',
  serviceArea:
    'service area serve serving work cover coverage areas towns cities city region travel come out near ' +
    'zona servicio cubren ciudad zone intervention ville secteur einsatzgebiet gebiet region stadt',
  phone: 'phone number call telephone ring cell mobile número teléfono llamar téléphone appeler numéro telefon anrufen nummer',
  email: 'email address mail write e-mail correo electrónico escribir courriel écrire adresse e-mail mail schreiben',
  address:
    'address located location where find visit office shop directions dirección dónde ubicación adresse où trouver ' +
    'adresse wo standort finden',
  contact: 'contact reach touch get in touch contacto contactar joindre contacter kontakt erreichen',
  prices: 'prices price list rates how much services menu precios tarifas tarifs prix preise preisliste',
} as const;

type FactKey = 'hours' | 'serviceArea' | 'phone' | 'email' | 'address';
const FACT_KEYS: readonly FactKey[] = ['hours', 'serviceArea', 'phone', 'email', 'address'];
/** Facts whose value is the same in every language. */
const NEUTRAL_FACTS: ReadonlySet<FactKey> = new Set(['phone', 'email']);

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…:)]$/.test(t) ? t : `${t}.`;
}

function lowerFirst(text: string): string {
  // "Drain cleaning" → "drain cleaning", but leave "HVAC tune-up" alone.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * A price line as a sentence. A note that starts in lower case continues the line ("$89, applied
 * to the job"); one that starts a sentence follows it ("from $149. Sink, tub or shower.").
 */
function priceSentence(lines: Lines, item: string, price: string, note: string | undefined): string {
  const line = fill(lines.price, { item, price });
  if (!note) return sentence(line);
  const n = note.trim();
  return /^\p{Ll}/u.test(n) ? sentence(`${line.replace(/[.,;:]+$/, '')}, ${n}`) : `${sentence(line)} ${sentence(n)}`;
}

export function buildDocs(knowledge: Knowledge, siteLines: Lines, split: Splitter): Doc[] {
  const terms = (text: string) => splitTerms(text, split);
  const docs: Omit<Doc, 'all'>[] = [];
  const K = knowledge.lang ?? 'en';
  const facts = knowledge.facts;
  const factTranslations = facts.translations ?? {};
  const onlyIn = (lang: Lang, text: string): string => `${fill(LINES[lang].onlyIn, { language: languageName(K, lang) })} ${text}`;
  /** Renders with `lang`'s lines when everything is translated, else the knowledge's own, with the note. */
  const localised = (build: (lang: Lang) => string | null): ((lang: Lang) => Rendered) => {
    const cache = new Map<Lang, Rendered>();
    return (lang) => {
      let r = cache.get(lang);
      if (!r) {
        const own = lang === K ? null : build(lang);
        r = own !== null ? { text: own, translated: true } : { text: build(K) ?? '', translated: lang === K };
        cache.set(lang, r);
      }
      return r;
    };
  };
  const factValue = (key: FactKey, lang: Lang): string | null => {
    const value = facts[key];
    if (!value) return null;
    if (lang === K || NEUTRAL_FACTS.has(key)) return value;
    return (factTranslations[lang] as Partial<Record<FactKey, string>> | undefined)?.[key] ?? null;
  };
  const factSentence = (key: FactKey, lang: Lang): string | null => {
    const value = factValue(key, lang);
    return value === null ? null : sentence(fill(LINES[lang][key], { value }));
  };
  const allLangs = (pick: (lang: Lang) => string | undefined): string =>
    [
      ...new Set(
        Object.keys(PACKS)
          .filter(isLang)
          .map(pick)
          .filter((t): t is string => !!t),
      ),
    ].join(' · ');

  for (const key of FACT_KEYS) {
    const value = facts[key];
    if (!value) continue;
    docs.push({
      id: `fact:${key}`,
      kind: 'fact',
      title: siteLines.factTitles[key],
      question: allLangs((l) => LINES[l].factTitles[key]),
      keywords: FACT_WORDS[key],
      answer: allLangs((l) => factValue(key, l) ?? undefined),
      render: localised((lang) => factSentence(key, lang)),
      need: siteLines.needs[key],
      names: [
        ...Object.keys(PACKS)
          .filter(isLang)
          .map((l) => ({ terms: terms(LINES[l].factTitles[key]), weight: 1 })),
        ...FACT_WORDS[key].split(' ').map((w) => ({ terms: terms(w), weight: 0.9 })),
      ],
    });
  }

  const contactKeys = (['phone', 'email', 'address'] as const).filter((k) => facts[k]);
  if (contactKeys.length >= 2) {
    docs.push({
      id: 'fact:contact',
      kind: 'fact',
      title: siteLines.factTitles.contact,
      question: allLangs((l) => LINES[l].factTitles.contact),
      keywords: FACT_WORDS.contact,
      answer: contactKeys.map((k) => facts[k]).join(' '),
      render: (lang) => {
        // Phone and email read the same in every language; only the address may lack a translation.
        const parts = contactKeys.map((k) => ({ k, own: factSentence(k, lang) }));
        // The note, where needed, stands before the address alone.
        return { text: parts.map((p) => p.own ?? onlyIn(lang, factSentence(p.k, K) ?? '')).join(' '), translated: true };
      },
      need: siteLines.needs.contact,
      names: [
        { terms: terms(FACT_WORDS.contact), weight: 0.9 },
        ...FACT_WORDS.contact.split(' ').map((w) => ({ terms: terms(w), weight: 0.9 })),
      ],
    });
  }

  const prices = facts.prices ?? [];
  type Line = (typeof prices)[number];
  /** A price line's words in `lang`, or null when its item or note has no translation there. */
  const priceWords = (p: Line, lang: Lang): { item: string; price: string; note: string | undefined } | null => {
    if (lang === K) return { item: p.item, price: p.price, note: p.note };
    const t = p.translations?.[lang];
    if (!t?.item || (p.note && !t.note)) return null;
    return { item: t.item, price: t.price ?? p.price, note: p.note ? t.note : undefined };
  };
  prices.forEach((p, i) => {
    const translations = Object.values(p.translations ?? {});
    const itemNames = [p.item, ...translations.map((t) => t?.item)].filter((t): t is string => !!t);
    const keywords = [...(p.keywords ?? []), ...translations.flatMap((t) => t?.keywords ?? [])];
    docs.push({
      id: `price:${i}`,
      kind: 'price',
      title: p.item,
      question: itemNames.map((n) => `${n} price`).join(' · '),
      keywords: [...keywords, p.note ?? '', ...translations.map((t) => t?.note ?? '')].filter(Boolean).join(' · '),
      answer: p.price,
      render: localised((lang) => {
        const w = priceWords(p, lang);
        return w ? priceSentence(LINES[lang], w.item, w.price, w.note) : null;
      }),
      need: fill(siteLines.needs.price, { item: lowerFirst(p.item) }),
      names: [
        ...itemNames.flatMap((n) => [
          { terms: terms(n), weight: 1 },
          { terms: terms(n.replace(/\([^)]*\)/g, ' ')), weight: 1 },
        ]),
        ...keywords.map((k) => ({ terms: terms(k), weight: 0.85 })),
      ],
    });
  });
  if (prices.length > 0) {
    docs.push({
      id: 'fact:prices',
      kind: 'fact',
      title: siteLines.factTitles.prices,
      question: allLangs((l) => LINES[l].factTitles.prices),
      keywords: FACT_WORDS.prices,
      // Not the items: "how much is a drain cleaning" should meet that price line, not the list.
      answer: '',
      render: localised((lang) => {
        const words = prices.map((p) => priceWords(p, lang));
        if (words.some((w) => w === null)) return null;
        return `${LINES[lang].priceList} ${words.map((w) => fill(LINES[lang].price, { item: w!.item, price: w!.price })).join('; ')}.`;
      }),
      need: siteLines.needs.prices,
      names: [
        { terms: terms(siteLines.factTitles.prices), weight: 0.8 },
        { terms: ['price'], weight: 0.8 },
      ],
    });
  }

  for (const entry of knowledge.faq) {
    const translations = Object.values(entry.translations ?? {});
    const questions = [entry.question, ...translations.map((t) => t?.question)].filter((t): t is string => !!t);
    const keywords = [...(entry.keywords ?? []), ...translations.flatMap((t) => t?.keywords ?? [])];
    docs.push({
      id: entry.id,
      kind: 'faq',
      title: entry.question,
      question: questions.join(' · '),
      keywords: keywords.join(' · '),
      answer: [entry.answer, ...translations.map((t) => t?.answer)].filter(Boolean).join(' · '),
      render: localised((lang) => (lang === K ? entry.answer : (entry.translations?.[lang]?.answer ?? null))),
      need: entry.question,
      names: [...questions.map((q) => ({ terms: terms(q), weight: 1 })), ...keywords.map((k) => ({ terms: terms(k), weight: 0.85 }))],
    });
  }
  return docs.map((d) => {
    // A name is what visitors call the entry: "40-gal tank water heater" is named without "40".
    const names = d.names.map((n) => ({ ...n, terms: n.terms.filter((t) => !/\d/.test(t) && t.length > 1) }));
    const all = new Set(terms(`${d.question} ${d.keywords} ${d.answer}`));
    // A price line, or an answer that quotes an amount, can say what something costs.
    if (d.kind === 'price' || AMOUNT.test(d.answer)) all.add('price');
    // An answer that gives a span of time can say how long something takes.
    if (SPAN.test(fold(d.answer))) all.add('duration');
    return { ...d, names: names.filter((n) => n.terms.length > 0), all };
  });
}

/** Every text a knowledge holds, in every language: the vocabulary compounds are split against. */
export function knowledgeTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(knowledgeTexts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(knowledgeTexts);
  return [];
}

/** A span of time in any of the languages (folded): "2–3 working days", "24 hours", "1 año", "same day". */
const SPAN =
  /\d\s*(?:-|–|to|a|bis)?\s*\d*\s*(?:working |business )?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|minutos?|horas?|dias?|semanas?|meses|mes|anos?|heures?|jours?|semaines?|mois|ans?|minuten|stunden?|tagen?|werktagen?|wochen?|monaten?|jahren?)\b|same day|mismo dia|jour meme|selben tag/;

/** An amount of money, as published: "$89", "from €120", "49 €", "12 EUR". */
const AMOUNT = /[$€£¥]\s?\d|\d\s?(?:[$€£¥]|eur\b|euros?\b|usd\b|dollars?\b)/i;
