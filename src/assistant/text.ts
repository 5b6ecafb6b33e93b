/**
 * Text handling for the assistant's search: folding, tokens, stop words, a light stemmer and a few
 * synonym groups, in English, Spanish, French and German. The same functions process the knowledge
 * when it is indexed and the visitor's message when it is searched, so both meet on equal terms.
 */

const COMBINING_MARK = /\p{M}/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is the point
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without diacritics ("Öffnungszeiten" → "offnungszeiten"); ß becomes ss. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARK, '').replace(/ß/g, 'ss').replace(/[’‘]/g, "'");
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
// French and Italian elisions ("l'eau", "qu'est") and English contractions ("what's", "don't").
const ELISION = /^(?:l|d|j|qu|n|s|c|m|t)'/;
const CONTRACTION = /'(?:s|t|re|ve|ll|d|m)$/;

/** Folded word tokens, with elisions and contractions removed ("what's" → "what", "l'eau" → "eau"). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of fold(text).match(TOKEN) ?? []) {
    const token = raw.replace(ELISION, '').replace(CONTRACTION, '');
    if (token) out.push(token);
  }
  return out;
}

/** Words that carry no need on their own. Folded, like everything here. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  // en
  (
    'a an the and or but if so to of in on at for from by with about as into than then is are was were be been ' +
    'being am do does did doing done i me my mine you your yours we us our it its this that these those there here ' +
    'what which who whom whose how when where why can could would should will shall may might must just please pls ' +
    'plz hi hello hey ok okay thanks thank yes yeah yep no not dont doesnt didnt isnt arent wasnt cant wont im ive ' +
    'youre u ur r hw wat wht take taking go going make use whats wheres hows whos thats theres heres have has had having get got also too very really any some one anything something guys kind sort like want ' +
    'wanted wanna need know tell let lets ask asking question wondering wonder there their them they he she him her ' +
    'all many more most other such only own same up down out off over again still even ever well ' +
    // es
    'el la los las un una unos unas y o e u pero si de del al en con por para que es son era fue ser estar esta este ' +
    'estan mi mis tu tus su sus yo me te se nos lo le les ustedes usted hola gracias quiero quisiera saber puedo ' +
    'pueden puede tienen tiene hay como cual cuando donde muy mas favor porfa ' +
    // fr
    'le les une des et ou mais du au aux en avec pour par que qui quoi est sont etait etre je tu il elle on nous vous ' +
    'ils elles mon ma mes ton ta tes son sa ses notre votre vos leur leurs ce cet cette ces ne pas bonjour merci ' +
    'voudrais veux peux pouvez avez avoir faire fait comment quand ou svp plait ' +
    // de
    'der die das den dem des ein eine einen einem einer und oder aber von zu zum zur mit bei fur auf aus im ist sind ' +
    'war sein ich du sie er es wir ihr ihnen mein meine mich mir dein ihre ihren unser hallo danke bitte mochte ' +
    'will kann konnen haben habe hat gibt wie wann wo was welche nicht auch noch schon'
  ).split(' '),
);

/**
 * Words that name the same need map to one term, so "how much is X" meets a price line and "when
 * are you open" meets the hours. Kept small and generic: a site's own wording goes in its FAQ
 * keywords.
 */
const SYNONYM_GROUPS: Record<string, string> = {
  price:
    'price prices pricing cost costs costing charge charges charged fee fees rate rates much expensive cheap ' +
    'precio precios cuesta cuestan cuanto cobran tarifa tarifas prix combien coute coutent tarif tarifs cout ' +
    'preis preise kostet kosten gebuhr gebuhren teuer',
  hours:
    'hours hour open opening opens close closing closes horario horarios abren abierto cierran horaires ouvert ' +
    'ouvrez ouverture ferme fermez offnungszeiten geoffnet offen oeffnungszeiten',
  book:
    'book booking booked appointment appointments schedule scheduling reserve reservation cita citas reservar ' +
    'reserva agendar rendez reserver reservation termin termine buchen buchung vereinbaren',
  refund:
    'refund refunds refunded reimburse reimbursement reembolso reembolsar devolucion rembourser remboursement erstattung ruckerstattung',
  pay: 'pay paying payment payments paid pagar pago pagos payer paiement paiements zahlen zahlung bezahlen',
  warranty: 'warranty warranties guarantee guarantees guaranteed garantia garantie gewahrleistung',
  cancel:
    'cancel cancels cancelled canceled cancelling canceling cancellation cancelacion cancelar annuler annulation stornieren stornierung absagen',
  emergency: 'emergency emergencies urgent urgente urgencia urgence urgences notfall dringend',
  estimate: 'estimate estimates quote quotes quotation presupuesto devis kostenvoranschlag angebot',
  email: 'email emails mail correo courriel',
  phone: 'phone number telephone telefono telephone numero nummer telefon',
};

const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries(SYNONYM_GROUPS).flatMap(([canonical, list]) => list.split(' ').map((w) => [w, canonical] as const)),
);

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'es', 's', 'ed', 'en', 'er', 'e'];

function stripSuffix(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      return suffix === 'ies' ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** A crude stemmer (two passes), enough for "cleaning"/"cleaner"/"clean" and "heaters"/"heater". */
export function stem(word: string): string {
  return stripSuffix(stripSuffix(word));
}

/** One token to its indexed form, or null for a stop word. Tokens are already folded. */
export function processTerm(token: string): string | null {
  if (token.length < 2 && !/\d/.test(token)) return null;
  if (STOPWORDS.has(token)) return null;
  return SYNONYMS.get(token) ?? stem(token);
}

/** The distinct search terms of a text, in order. */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.add(term);
  }
  return [...out];
}
