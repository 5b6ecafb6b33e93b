/**
 * The languages the assistant speaks. Adding one is adding its file beside these and one line here;
 * matching picks up its words at once, and `lang` accepts its code.
 */
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import type { LangPack } from './types.ts';

export const PACKS = { en, es, fr, de } as const satisfies Record<string, LangPack>;
export type Lang = keyof typeof PACKS;
export const LANGS = Object.keys(PACKS) as Lang[];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(PACKS, value);
}

/** The name of `lang` in `inLang` ("inglés"), from the runtime's Intl data, else the language's own name. */
export function languageName(lang: Lang, inLang: Lang): string {
  try {
    const name = new Intl.DisplayNames([inLang], { type: 'language' }).of(lang);
    if (name && name !== lang) return name;
  } catch {
    // An old runtime without Intl.DisplayNames: fall through.
  }
  return PACKS[lang].name;
}

export type { Concept, FactKey, LangPack, Lines, SmallTalk } from './types.ts';
export { CONCEPTS } from './types.ts';
