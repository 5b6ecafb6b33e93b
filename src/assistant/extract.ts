/**
 * Details staff will need, read on the device from what the visitor already typed: contact (name,
 * email, phone), order or job numbers, addresses, dates and amounts, in English, Spanish, French and
 * German. Only visitor messages are read. Each detail keeps the id of the message it came from, so
 * the staff view can point at it; the first mention of a value wins.
 *
 * Kinds are read in an order that settles overlaps: an email before anything inside it, order
 * numbers and amounts before phone numbers (so "order #4521987" and "$1,500" are never phones),
 * dates before phones ("14.03.2025"), and names last.
 */

export const DetailKind = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  order: 'order',
  address: 'address',
  date: 'date',
  amount: 'amount',
} as const;
export type DetailKind = (typeof DetailKind)[keyof typeof DetailKind];

export interface Detail {
  kind: DetailKind;
  /** As the visitor wrote it (trimmed); for order numbers, the identifier alone ("INV-2231"). */
  value: string;
  messageId: string;
}

export interface ExtractableMessage {
  id: string;
  role: string;
  text: string;
}

// Letters and digits, for Unicode-aware word edges (`\b` is ASCII-only).
const LN = '\\p{L}\\p{N}';
const START = `(?<![${LN}])`;
const END = `(?![${LN}])`;

/**
 * A keyword pattern matched in any case without the `i` flag, which would also make `\p{Lu}` match
 * lower case and so break the capitalisation checks: "rue" → "[rR][uU][eE]". Escapes pass through.
 */
function ci(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      out += ch + source.charAt(i + 1);
      i++;
      continue;
    }
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out += lower !== upper && upper.length === 1 && lower.length === 1 ? `[${lower}${upper}]` : ch;
  }
  return out;
}

/** A span of the message taken by one detail; later kinds may not overlap it. */
interface Found {
  kind: DetailKind;
  value: string;
  start: number;
  end: number;
}

// --- email ---------------------------------------------------------------------------------------

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

// --- order, job, invoice and booking numbers ----------------------------------------------------

const ORDER_WORDS = [
  // en
  'order',
  'orders',
  'job',
  'work order',
  'invoice',
  'booking',
  'reservation',
  'ticket',
  'case',
  'reference',
  'ref',
  'confirmation',
  'receipt',
  'quote',
  'estimate',
  'account',
  'tracking',
  'claim',
  'po',
  // es
  'pedido',
  'orden',
  'factura',
  'reserva',
  'trabajo',
  'referencia',
  'presupuesto',
  'albarán',
  'albaran',
  'expediente',
  // fr
  'commande',
  'facture',
  'réservation',
  'dossier',
  'référence',
  'devis',
  'intervention',
  'bon de commande',
  // de
  'bestellung',
  'bestellnummer',
  'auftrag',
  'auftragsnummer',
  'rechnung',
  'rechnungsnummer',
  'buchung',
  'buchungsnummer',
  'kundennummer',
  'vorgang',
  'vorgangsnummer',
  'ticketnummer',
  'referenznummer',
  'angebot',
  'angebotsnummer',
];
const ORDER_LINK =
  '(?:\\s*(?:#|no\\.?|n[°º]\\.?|nr\\.?|num\\.?|number|numero|número|numéro|nummer|id|is|was|es|est|ist|lautet|:|-)\\s*){0,3}';
// An identifier: letters, digits and inner dashes or slashes, with at least one digit.
const ORDER_ID = `([\\p{L}\\p{N}]*\\p{N}[\\p{L}\\p{N}]*(?:[-/][\\p{L}\\p{N}]+)*|[\\p{L}]+(?:[-/][\\p{L}\\p{N}]*\\p{N}[\\p{L}\\p{N}]*)+)`;
const ORDER = new RegExp(`${START}(?:${ORDER_WORDS.join('|')})${ORDER_LINK}(?:\\s+|(?<=[#:°º.-]))${ORDER_ID}${END}`, 'giu');
const ORDER_JOINED = new RegExp(`${START}(?:${ORDER_WORDS.join('|')})${ORDER_LINK}${ORDER_ID}${END}`, 'giu');
/** "#4521" on its own. */
const HASH_ID = new RegExp(`(?<![${LN}#])#\\s?(\\p{N}[\\p{L}\\p{N}-]{2,})${END}`, 'gu');

// --- amounts -------------------------------------------------------------------------------------

const SEP = '[\\s\\u00a0\\u202f]';
// 1,500.50 · 1.500,50 · 1 500 · 200 · 12.5 · 1500
const NUMBER = `\\d{1,3}(?:(?:[,.]|${SEP})\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?`;
const CURRENCY_SIGN = '[$€£¥]|US\\$|CA\\$|A\\$|R\\$';
const CURRENCY_WORD =
  'dollars?|bucks|usd|eur|euros?|gbp|pounds?|quid|pesos?|mxn|chf|francs?|cad|aud|dólares|dolares|libras?|livres?|franken';
const AMOUNT = new RegExp(
  `(?:(?<![${LN}])(?:${CURRENCY_SIGN})\\s?(?:${NUMBER})(?:\\s?(?:k|K)(?![${LN}]))?` +
    `|${START}(?:usd|eur|gbp|chf)\\s?(?:${NUMBER})` +
    `|${START}(?:${NUMBER})(?:\\s?(?:k|K))?\\s?(?:${CURRENCY_SIGN}|(?:${CURRENCY_WORD})${END}))`,
  'giu',
);

// --- dates ---------------------------------------------------------------------------------------

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|' +
  'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag';
const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|' +
  'januar|jänner|februar|märz|maerz|april|juni|juli|oktober|dezember';
const ORDINAL = '(?:[12]?\\d|3[01])(?:st|nd|rd|th)';
const DAY = '(?:[12]?\\d|3[01])';
const DATE_PATTERNS = [
  // relative days
  'the day after tomorrow|day after tomorrow|tomorrow|tmrw|tmr|today|tonight|this (?:morning|afternoon|evening|weekend)|' +
    '(?:next|this coming|this) (?:week|weekend|month)|' +
    'pasado mañana|pasado manana|mañana|manana|hoy|esta (?:tarde|noche|semana)|(?:la )?(?:semana|mes) que viene|(?:la )?próxima semana|(?:la )?proxima semana|este fin de semana|' +
    "après-demain|apres-demain|demain|aujourd'hui|aujourd’hui|ce (?:soir|matin|week-end|weekend)|cet après-midi|cet apres-midi|la semaine prochaine|" +
    'übermorgen|uebermorgen|(?<!guten )morgen|heute(?: (?:abend|nachmittag|früh|frueh))?|nächste woche|naechste woche|nächsten monat|dieses wochenende|am wochenende',
  // weekdays, optionally qualified
  `(?:(?:next|this|this coming|el próximo|el proximo|el|este|próximo|proximo|nächsten|naechsten|nächster|diesen|kommenden) )?(?:${WEEKDAYS})(?: (?:prochain|próximo|proximo|que viene))?`,
  // month and day, in either order, with optional year
  `(?:${MONTHS})\\.? (?:${ORDINAL}|${DAY})(?:,? \\d{4})?`,
  `(?:the )?(?:${ORDINAL}|${DAY})\\.?(?: of| de)? (?:${MONTHS})(?:,? (?:de )?\\d{4})?`,
  // "the 14th", "on the 3rd", "el 14", "le 14", "am 14."
  `the ${ORDINAL}(?! (?:floor|time|one|try|attempt|call|visit|technician|tech|person|plumber))`,
  `(?:el|le|am|ab dem) ${DAY}\\.?(?![.,/]?\\d|\\.?\\s(?:de )?(?:${MONTHS}))`,
  // numeric: 2025-03-14, 3/14, 3/14/2025, 14/03/25, 14.03., 14.03.2025
  '\\d{4}-\\d{2}-\\d{2}',
  `(?<![\\d/.,-])(?:${DAY}|0\\d)/(?:${DAY}|0\\d)(?:/(?:\\d{4}|\\d{2}))?(?![\\d/]|\\s?(?:inch|in\\b|"|”|''|cm|mm|ft|pipe))`,
  `(?<![\\d/.,-])(?:${DAY}|0\\d)\\.(?:1[0-2]|0?\\d)\\.(?:\\d{4}|\\d{2})?(?!\\d)`,
];
const DATE = new RegExp(`${START}(?:${DATE_PATTERNS.join('|')})${END}`, 'giu');
/** Round-the-clock service is not a date. */
const NOT_A_DATE = /^24\/7$/;

// --- phone numbers -------------------------------------------------------------------------------

// A run of digits with the separators phone numbers use; the digit count is checked afterwards.
const PHONE = /(?<![\p{L}\p{N}$€£#/.,-])(?:\+|00)?\(?\d[\d\s()./-]{5,22}\d(?![\p{L}\p{N}]|[.,]\d)/gu;
const PHONE_CUE =
  /(?:phone|cell|mobile|call|text|tel|reach|number|numero|número|teléfono|telefono|móvil|movil|téléphone|telephone|portable|appel|handy|telefon|nummer|anrufen|erreichbar)[^\p{L}]{0,12}$/iu;

// --- addresses -----------------------------------------------------------------------------------

const EN_STREET =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|crescent|close|row';
const EN_NOT_NAME = new Set(
  (
    'the a an my our your his her their on in at of to for and or but it is was times time days day hours years minutes weeks ' +
    'months am pm i we you they this that these those per more other another best easy quick good better only same different ' +
    'right wrong small claims new old'
  ).split(' '),
);
const EN_ADDRESS = new RegExp(
  `${START}(\\d{1,6}[a-z]?)\\s+((?:[\\p{L}][\\p{L}'.-]*\\s+){1,3}?)(${EN_STREET})\\.?${END}` +
    `(?:,?\\s+(?:apt|apartment|unit|suite|ste|#)\\.?\\s?[\\p{L}\\p{N}-]+)?`,
  'giu',
);
const ES_ARTICLES = ci('de|del|la|las|los|el|y');
const ES_ADDRESS = new RegExp(
  `${START}(?:${ci('calle|c/|avenida|avda\\.?|av\\.|plaza|pza\\.?|paseo|camino|carretera|ronda|travesía|travesia|glorieta|callejón|callejon')})\\s+` +
    `(?:(?:${ES_ARTICLES})\\s+)*[\\p{L}][\\p{L}'.-]*(?:\\s+(?:(?:${ES_ARTICLES})\\s+)*\\p{Lu}[\\p{L}'.-]*){0,3}` +
    `,?\\s+(?:[nN][º°oO]\\.?\\s?)?\\d{1,5}[a-zA-Z]?${END}(?:,?\\s*\\d{1,2}[º°ª]\\s?[a-zA-Z]?${END})?`,
  'gu',
);
const FR_ARTICLES = `(?:${ci('de|du|des|la|le|les')})\\s+|[lLdD]['’]`;
const FR_ADDRESS = new RegExp(
  `${START}\\d{1,5}(?:\\s?(?:bis|ter))?,?\\s+(?:${ci('rue|avenue|av\\.|boulevard|bd|place|chemin|allée|allee|impasse|quai|route|cours|square|passage|voie')})\\s+` +
    `(?:${FR_ARTICLES})*[\\p{L}][\\p{L}'’-]*(?:\\s+(?:${FR_ARTICLES})*\\p{Lu}[\\p{L}'’-]*){0,3}`,
  'gu',
);
const DE_STREET = ci('straße|strasse|str\\.|weg|gasse|platz|allee|chaussee');
const DE_ADDRESS = new RegExp(
  // "Hauptstraße 7", "Karl-Marx-Allee 12a", "Berliner Straße 3"
  `${START}(?:\\p{L}[\\p{L}-]+${DE_STREET}|\\p{Lu}[\\p{L}-]*er\\s(?:Straße|Strasse|Weg|Gasse|Platz|Allee))\\s+\\d{1,4}\\s?[a-zA-Z]?${END}`,
  'gu',
);

// --- names ---------------------------------------------------------------------------------------

const NAME_WORD = "\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}]+)?";
const ANY_WORD = "[\\p{L}][\\p{L}'’-]*";
/** Forms that always introduce a name, whatever its case: "my name is pat". */
const NAME_INTRO = ci(
  "my name is|my name's|my name’s|name's|me llamo|mi nombre es|je m'appelle|je m’appelle|mon nom est|mon nom c'est|ich heiße|ich heisse|mein name ist",
);
/** Forms that introduce a name only when a capitalised word follows: "I'm Pat", not "I'm upset". */
const NAME_SOFT_INTRO = "i'm|i’m|i am|this is|soy|je suis|moi c'est|hier ist|hier spricht";
const NAME_HARD = new RegExp(`${START}(?:${NAME_INTRO})\\s+(${ANY_WORD}(?:\\s+${NAME_WORD}){0,2})`, 'gu');
const NAME_SOFT = new RegExp(`${START}(?:${ci(NAME_SOFT_INTRO)})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})${END}`, 'gu');
/** Where a soft introduction may stand: at the start of a sentence or after a greeting. */
const NAME_SOFT_PLACE = new RegExp(
  `(?:^|[.!?,;:]\\s*|(?:^|\\s)(?:hi|hello|hey|hola|buenas|bonjour|salut|hallo|guten tag)[,!]?\\s+)(?:${NAME_SOFT_INTRO})$`,
  'iu',
);
/** Capitalised words that follow "I'm" or "this is" without being names. */
const NOT_NAMES = new Set(
  (
    'not so very really just still also sorry upset happy angry mad sad fine good ok okay here there back home done ready ' +
    'looking trying calling writing wondering asking interested confused frustrated disappointed unhappy worried ' +
    'afraid scared sure glad new the a an in at on from with about your my our this that it ridiculous unacceptable ' +
    'urgent important terrible awful great amazing crazy insane annoying frustrating beyond absolutely totally ' +
    'american canadian british mexican spanish french german english customer client tenant owner homeowner landlord ' +
    'monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday ' +
    'cliente de en muy un una el la le les une des un bien mal aqui ici hier nicht sehr ein eine der die das kunde kundin ' +
    'mieter mieterin vermieter zu the es'
  ).split(' '),
);
/** Words that end a name: "my name is pat and my number is …". */
const NAME_STOP = new Set('and but or from at in on my i im with calling here please y e et und de phone number email'.split(' '));

// --- reading -------------------------------------------------------------------------------------

function overlaps(found: readonly Found[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && end > f.start);
}

function add(found: Found[], kind: DetailKind, value: string, start: number, end: number): void {
  if (overlaps(found, start, end)) return;
  found.push({ kind, value: value.trim(), start, end });
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

function readEmails(text: string, found: Found[]): void {
  for (const m of text.matchAll(EMAIL)) add(found, 'email', m[0], m.index, m.index + m[0].length);
}

function readOrders(text: string, found: Found[]): void {
  for (const re of [ORDER, ORDER_JOINED, HASH_ID]) {
    for (const m of text.matchAll(re)) {
      const id = m[1] ?? '';
      if (id.length < 3 || /^\d{1,2}$/.test(id)) continue;
      add(found, 'order', id, m.index, m.index + m[0].length);
    }
  }
}

function readAmounts(text: string, found: Found[]): void {
  for (const m of text.matchAll(AMOUNT)) add(found, 'amount', m[0], m.index, m.index + m[0].length);
}

function readDates(text: string, found: Found[]): void {
  for (const m of text.matchAll(DATE)) {
    let value = m[0];
    let start = m.index;
    // "on the 14th" → "the 14th"; "el lunes" → "lunes", but "el 14" keeps its article.
    const lead = /^(?:el|este) (?=\p{L})/iu.exec(value);
    if (lead && !/^(?:el|este) (?:próximo|proximo)/iu.test(value)) {
      value = value.slice(lead[0].length);
      start += lead[0].length;
    }
    if (NOT_A_DATE.test(value)) continue;
    add(found, 'date', value, start, m.index + m[0].length);
  }
}

/** Drops a short number glued on after a phone number: "555-010-0199 2" → "555-010-0199". */
function trimPhone(match: string): string {
  const groups = match.replace(/[\s(./-]+$/, '').split(/(?<=\d)\s+(?=\d)/);
  while (groups.length > 1) {
    const last = groups[groups.length - 1] ?? '';
    const previous = groups[groups.length - 2] ?? '';
    if (digits(last).length > 2 || digits(previous).length < 4) break;
    groups.pop();
  }
  return groups.join(' ');
}

function readPhones(text: string, found: Found[]): void {
  for (const m of text.matchAll(PHONE)) {
    const raw = trimPhone(m[0]);
    const count = digits(raw).length;
    if (count < 7 || count > 15) continue;
    const start = m.index;
    const end = start + raw.length;
    const separated = /[\s()./-]/.test(raw) || raw.startsWith('+');
    const cued = PHONE_CUE.test(text.slice(Math.max(0, start - 30), start));
    // A bare run of digits is a phone number only when it is long or introduced as one.
    if (!separated && count < 10 && !cued) continue;
    // Several short numbers in a row ("2 3 4 5 6 7 8") are not a phone number.
    if (raw.split(/[\s()./-]+/).filter(Boolean).length > 6) continue;
    add(found, 'phone', raw, start, end);
  }
}

function readAddresses(text: string, found: Found[]): void {
  for (const m of text.matchAll(EN_ADDRESS)) {
    const nameWords = (m[2] ?? '').trim().split(/\s+/);
    if (nameWords.some((w) => EN_NOT_NAME.has(w.toLowerCase()))) continue;
    add(found, 'address', m[0], m.index, m.index + m[0].length);
  }
  for (const re of [ES_ADDRESS, FR_ADDRESS, DE_ADDRESS]) {
    for (const m of text.matchAll(re)) add(found, 'address', m[0].replace(/[,\s]+$/, ''), m.index, m.index + m[0].length);
  }
}

function cleanName(raw: string): string | null {
  const words: string[] = [];
  for (const word of raw.trim().split(/\s+/)) {
    const w = word.replace(/[.,!?;:]+$/, '');
    if (!w || NAME_STOP.has(w.toLowerCase())) break;
    if (words.length === 0 && NOT_NAMES.has(w.toLowerCase())) return null;
    if (NOT_NAMES.has(w.toLowerCase())) break;
    words.push(w);
    if (w !== word) break;
  }
  return words.length > 0 ? words.join(' ') : null;
}

function readNames(text: string, found: Found[]): void {
  for (const m of text.matchAll(NAME_HARD)) {
    const name = cleanName(m[1] ?? '');
    if (name) add(found, 'name', name, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(NAME_SOFT)) {
    // "I'm Pat" at the start of a sentence or after a greeting; not "and this is Ridiculous".
    if (!NAME_SOFT_PLACE.test(text.slice(0, m.index + m[0].length - (m[1]?.length ?? 0)).trimEnd())) continue;
    const name = cleanName(m[1] ?? '');
    if (name) add(found, 'name', name, m.index, m.index + m[0].length);
  }
}

/** One message's details, in the order they appear. */
export function extractFromText(text: string): { kind: DetailKind; value: string }[] {
  const found: Found[] = [];
  readEmails(text, found);
  readOrders(text, found);
  readAmounts(text, found);
  readDates(text, found);
  readPhones(text, found);
  readAddresses(text, found);
  readNames(text, found);
  return found.sort((a, b) => a.start - b.start).map(({ kind, value }) => ({ kind, value }));
}

/** The form two mentions of one detail share: "$200" and "200 dollars", "(555) 010-0199" and "5550100199". */
export function normaliseDetail(kind: DetailKind, value: string): string {
  const folded = value.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
  switch (kind) {
    case 'phone':
      return digits(value).replace(/^00/, '');
    case 'order':
      return folded.replace(/[^a-z0-9]/g, '');
    case 'amount':
      return normaliseAmount(folded);
    default:
      return folded;
  }
}

function normaliseAmount(folded: string): string {
  const currency = /\$|dollar|buck|usd/.test(folded)
    ? 'USD'
    : /€|eur/.test(folded)
      ? 'EUR'
      : /£|pound|gbp|quid|libra|livre/.test(folded)
        ? 'GBP'
        : '?';
  let number = (folded.match(/\d[\d\s.,\u00a0\u202f]*/)?.[0] ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(/[.,]$/, '');
  const lastSep = Math.max(number.lastIndexOf(','), number.lastIndexOf('.'));
  if (lastSep >= 0 && number.length - lastSep - 1 !== 3) {
    // The last separator has one or two digits after it: a decimal point.
    number = `${number.slice(0, lastSep).replace(/[.,]/g, '')}.${number.slice(lastSep + 1)}`;
  } else {
    number = number.replace(/[.,]/g, '');
  }
  const k = /\dk\b|\d\s?k$/.test(folded) ? 1000 : 1;
  return `${currency} ${Number(number) * k}`;
}

/**
 * Details from the visitor's messages, in conversation order. A value mentioned twice (in any
 * form that normalises alike) is kept once, with the message that mentioned it first.
 */
export function extractDetails(messages: readonly ExtractableMessage[]): Detail[] {
  const seen = new Set<string>();
  const out: Detail[] = [];
  for (const message of messages) {
    if (message.role !== 'visitor') continue;
    for (const { kind, value } of extractFromText(message.text)) {
      const key = `${kind}:${normaliseDetail(kind, value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind, value, messageId: message.id });
    }
  }
  return out;
}
