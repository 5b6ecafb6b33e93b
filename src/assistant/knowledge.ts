/**
 * A site's knowledge, as it appears under `"knowledge"` in the sites configuration: the business
 * facts it publishes and its FAQ. The built-in assistant answers from this and nothing else.
 *
 * Knowledge is written in one language (`lang`, default English); any entry may carry
 * `translations` into the others the assistant speaks. A translation may be partial: keywords
 * alone make the entry findable in that language, and the assistant then gives the published text
 * with a plain note that it exists only in the knowledge's language.
 *
 * Browser code imports only the inferred types (type-only), so zod stays out of the widget bundle;
 * the server validates the sites file with the schema and names the field that is wrong.
 */
import { z } from 'zod';
import { LANGS, type Lang } from './lang/index.ts';

export const KNOWLEDGE_LIMITS = {
  faqEntries: 500,
  prices: 200,
  keywords: 30,
  keywordChars: 60,
  idChars: 64,
  questionChars: 300,
  answerChars: 2000,
  factChars: 500,
  itemChars: 120,
  priceChars: 60,
  noteChars: 300,
} as const;

const L = KNOWLEDGE_LIMITS;

function text(label: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`);
}

const keywords = () =>
  z.array(text('keyword', L.keywordChars)).max(L.keywords, `keywords must list at most ${L.keywords} words`).optional();

/** `{"es": {...}, "de": {...}}`: one entry's text in other languages, each with at least one field. */
function translations<T extends z.ZodObject>(entry: T) {
  const one = entry.refine((t) => Object.values(t).some((v) => v !== undefined), 'a translation must give at least one field');
  return z.strictObject(Object.fromEntries(LANGS.map((l) => [l, one.optional()])) as Record<Lang, z.ZodOptional<typeof one>>).optional();
}

const PriceTranslation = z.strictObject({
  item: text('item', L.itemChars).optional(),
  price: text('price', L.priceChars).optional(),
  note: text('note', L.noteChars).optional(),
  keywords: keywords(),
});

export const PriceLine = z.strictObject({
  /** What is priced, as the site words it: "Drain cleaning (single fixture)". */
  item: text('item', L.itemChars),
  /** The price as published, with its currency and any qualifier: "from $149", "$89 flat". */
  price: text('price', L.priceChars),
  /** A short qualifier: "Includes up to 100 ft of cable." */
  note: text('note', L.noteChars).optional(),
  /** Other words visitors use for this item ("unclog", "blocked sink"). */
  keywords: keywords(),
  translations: translations(PriceTranslation),
});

const FactsTranslation = z.strictObject({
  hours: text('hours', L.factChars).optional(),
  serviceArea: text('serviceArea', L.factChars).optional(),
  address: text('address', L.factChars).optional(),
});

export const Facts = z.strictObject({
  hours: text('hours', L.factChars).optional(),
  serviceArea: text('serviceArea', L.factChars).optional(),
  phone: text('phone', 40)
    .regex(/^\+?[\d\s()./-]{5,}$/, 'phone must be a phone number such as "(555) 010-0199" or "+44 20 7946 0018"')
    .optional(),
  email: z.email({ error: 'email must be an email address such as "hello@example.com"' }).max(254).optional(),
  address: text('address', L.factChars).optional(),
  prices: z.array(PriceLine).max(L.prices, `prices must list at most ${L.prices} lines`).optional(),
  /** Hours, service area and address in other languages (phone and email need none). */
  translations: translations(FactsTranslation),
});

const FaqTranslation = z.strictObject({
  question: text('question', L.questionChars).optional(),
  answer: text('answer', L.answerChars).optional(),
  keywords: keywords(),
});

export const FaqEntry = z.strictObject({
  /** A stable slug, used as the source id in answers and in the handoff packet. */
  id: z
    .string({ error: 'id is required' })
    .max(L.idChars, `id must be at most ${L.idChars} characters`)
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'id must be a slug: lowercase letters and digits separated by single dashes, like "refund-policy"',
    ),
  question: text('question', L.questionChars),
  /** Shown to the visitor verbatim when this entry is the confident match. */
  answer: text('answer', L.answerChars),
  /** Other words visitors use for this entry ("visa", "mastercard", "cheque"). */
  keywords: keywords(),
  translations: translations(FaqTranslation),
});

/** The language a site's knowledge is written in. */
export function knowledgeLang(knowledge: { lang?: Lang | undefined }): Lang {
  return knowledge.lang ?? 'en';
}

export const Knowledge = z
  .strictObject({
    /** The language the knowledge is written in (absent: English); translations are into the others. */
    lang: z.enum(LANGS, { error: `lang must be one of ${LANGS.join(', ')}` }).optional(),
    /**
     * The number to call in an emergency where the business is, named in the default safety
     * instruction. Default `DEFAULT_EMERGENCY_NUMBER` (112, see ./safety.ts).
     */
    emergencyNumber: z
      .string({ error: 'emergencyNumber must be text' })
      .trim()
      .regex(/^[\d\s+-]{2,15}$/, 'emergencyNumber must be a short number such as "911", "112" or "999"')
      .optional(),
    /** The id of the FAQ entry that says what to do in a safety emergency (a gas leak, a fire). */
    safety: z.string({ error: 'safety must be the id of a FAQ entry' }).optional(),
    facts: Facts.default({}),
    faq: z.array(FaqEntry).max(L.faqEntries, `faq must have at most ${L.faqEntries} entries`).default([]),
  })
  .superRefine((knowledge, ctx) => {
    const lang = knowledgeLang(knowledge);
    const seen = new Set<string>();
    knowledge.faq.forEach((entry, i) => {
      if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: ['faq', i, 'id'], message: `duplicate FAQ id "${entry.id}"` });
      seen.add(entry.id);
      if (entry.translations?.[lang]) {
        ctx.addIssue({ code: 'custom', path: ['faq', i, 'translations', lang], message: `the knowledge is written in "${lang}" already` });
      }
    });
    knowledge.facts.prices?.forEach((line, i) => {
      if (line.translations?.[lang]) {
        ctx.addIssue({
          code: 'custom',
          path: ['facts', 'prices', i, 'translations', lang],
          message: `the knowledge is written in "${lang}" already`,
        });
      }
    });
    if (knowledge.facts.translations?.[lang]) {
      ctx.addIssue({ code: 'custom', path: ['facts', 'translations', lang], message: `the knowledge is written in "${lang}" already` });
    }
    if (knowledge.safety !== undefined && !seen.has(knowledge.safety)) {
      ctx.addIssue({
        code: 'custom',
        path: ['safety'],
        message: `must be the id of one of the FAQ entries (${[...seen].join(', ') || 'none defined'})`,
      });
    }
  });

export type PriceLine = z.infer<typeof PriceLine>;
export type Facts = z.infer<typeof Facts>;
export type FaqEntry = z.infer<typeof FaqEntry>;
/** Knowledge after parsing (defaults applied, text trimmed). */
export type Knowledge = z.infer<typeof Knowledge>;
/** Knowledge as written in the configuration file. */
export type KnowledgeInput = z.input<typeof Knowledge>;
