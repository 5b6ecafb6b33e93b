/**
 * What the visitor is told at once when triage sees a safety emergency: the business's own
 * instruction, in the visitor's language where the knowledge has it, else a default that names the
 * site's emergency number. Pure, and zod-free like the rest of the assistant's runtime.
 */
import type { AssistantSource } from './assistant.ts';
import type { Knowledge } from './knowledge.ts';
import { languageName } from './lang/index.ts';
import { fill, LINES, type Lang } from './phrases.ts';

/**
 * The emergency number named when a site sets none: 112 reaches emergency services across Europe
 * and from most mobile phones elsewhere. Sites in North America set "911", in the UK "999".
 */
export const DEFAULT_EMERGENCY_NUMBER = '112';

/** What to tell a visitor at once when triage sees a safety emergency. */
export interface SafetyInstruction {
  text: string;
  /** The FAQ entry the site's own instruction came from; empty for the default line. */
  sources: AssistantSource[];
  /** True when the text includes the site's own instruction, false for the default alone. */
  fromSite: boolean;
  lang: Lang;
}

/**
 * The site's own safety instruction in `lang` where the knowledge has it (its `safety` FAQ entry,
 * translated where a translation exists), else a default line naming the site's emergency number;
 * when the site's instruction exists only in another language, the default comes first and the
 * site's own text follows, introduced as such.
 */
export function safetyInstruction(knowledge: Knowledge, siteName: string, lang: Lang = 'en'): SafetyInstruction {
  const lines = LINES[lang];
  const fallback = fill(lines.safetyDefault, { number: knowledge.emergencyNumber ?? DEFAULT_EMERGENCY_NUMBER });
  const entry = knowledge.safety === undefined ? undefined : knowledge.faq.find((e) => e.id === knowledge.safety);
  if (!entry) return { text: fallback, sources: [], fromSite: false, lang };
  const sources = [{ id: entry.id, title: entry.question }];
  const written = knowledge.lang ?? 'en';
  const own = lang === written ? entry.answer : entry.translations?.[lang]?.answer;
  if (own) return { text: own, sources, fromSite: true, lang };
  const intro = fill(lines.safetyOwn, { site: siteName, language: languageName(written, lang) });
  return { text: `${fallback} ${intro} ${entry.answer}`, sources, fromSite: true, lang };
}
