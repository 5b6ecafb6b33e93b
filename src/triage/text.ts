/** Text helpers shared by the rules and the conversation signals: folding, tokens, similarity. */

/**
 * Lower-cased text without diacritics, so one pattern covers "möchte", "mochte" and "MÖCHTE".
 * `origin[i]` is the index in the original text of folded character `i` (plus one entry for the
 * end), so a match in the folded text can be reported as a span of what the visitor wrote.
 */
export interface Folded {
  text: string;
  origin: number[];
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is the point
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARK = /\p{M}/gu;

export function fold(text: string): Folded {
  if (!NON_ASCII.test(text)) {
    const origin = Array.from({ length: text.length + 1 }, (_, i) => i);
    return { text: text.toLowerCase(), origin };
  }
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const piece = ch.normalize('NFD').replace(COMBINING_MARK, '').toLowerCase();
    for (let k = 0; k < piece.length; k++) origin.push(i);
    out += piece;
    i += ch.length;
  }
  origin.push(text.length);
  return { text: out, origin };
}

/** Maps a [start, end) range of the folded text back to the original text. */
export function originalSpan(folded: Folded, start: number, end: number): [number, number] {
  return [folded.origin[start] ?? 0, folded.origin[end] ?? folded.origin[folded.origin.length - 1] ?? 0];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words of folded text. */
export function words(foldedText: string): string[] {
  return foldedText.match(WORD) ?? [];
}

// Function words of en/es/fr/de that carry no need; without them "what's the price of a haircut"
// and "haircut price?" share most of what remains.
const STOPWORDS = new Set(
  (
    'a an the and or but if so to of in on at for from by with about as is are was were be been am do does did ' +
    'i me my you your we our it its this that these those there here what whats which who how when where why ' +
    "can could would should will just please pls hi hello hey ok okay thanks thank yes no not i'm it's there's " +
    'el la los las un una unos unas y o de del en con por para que es son mi tu su yo me te se lo le hola gracias ' +
    'le la les un une des et ou de du en avec pour que qui est sont je tu il elle mon ma mes vous nous bonjour merci ' +
    'der die das ein eine einen und oder von zu mit fur ist sind ich du sie er es mein meine wir ihr hallo danke bitte ' +
    'dont doesnt didnt isnt hasnt havent wont cant im ive youre have has had get got also too still again really just asked ask said told already any some one ' +
    'great perfect cool sure alright nice awesome bye vale bien genial parfait super gut okay prima toll ' +
    'need want like know tell help looking find wondering quiero necesito saber besoin veux voudrais savoir brauche mochte wissen ' +
    'many cuanto cuantos cuanta cuantas combien viel viele wieviel ya pero mais aber doch pues bueno alors donc also mal ' +
    'pregunte pregunto preguntado demande gefragt'
  ).split(' '),
);

// Words that name the same need, so a reworded question still meets the first one.
const SYNONYMS: Record<string, string> = Object.fromEntries(
  [
    [
      'price',
      'price prices cost costs much fee fees rate rates precio precios cuesta cuestan cobran prix coute coutent tarif preis preise kostet kosten',
    ],
    // Opening and closing stay apart: "when do you open?" then "and when do you close?" are two questions.
    ['hours', 'hours horario horarios horaires offnungszeiten'],
    ['open', 'open opens opening abren abris abierto ouvert ouvrez ouvre geoffnet offen offnet'],
    ['close', 'close closes closing cierran cierra cerrado ferme fermez fermeture schliesst schliessen geschlossen'],
    [
      'deliver',
      'deliver delivery ship shipping arrive arrives arrived arriving envio envian entregan llegar llega livraison livrez livrer arriver liefern lieferung versand ankommen',
    ],
    ['book', 'book booking appointment reserve reservation schedule cita reservar reserva rendez reserver termin buchen'],
    ['refund', 'refund reimburse reembolso devolucion rembourser remboursement erstattung ruckerstattung'],
  ].flatMap(([canonical, list]) => (list ?? '').split(' ').map((w) => [w, canonical ?? w])),
);

/** A crude stem: enough to make "prices"/"price", "booking"/"booked"/"book" meet. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ing', 'ed', 'es', 's', 'en', 'er', 'e']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Stemmed words that carry meaning. */
export function contentTerms(foldedText: string): string[] {
  return words(foldedText)
    .map((w) => w.split(/['’]/u)[0] ?? w)
    .filter((w) => !STOPWORDS.has(w) && !/^\d$/.test(w))
    .map((w) => SYNONYMS[w] ?? stem(w));
}

/** Character trigram counts over the content terms, each padded so word edges count. */
export function trigramVector(terms: readonly string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const term of terms) {
    const padded = ` ${term} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      v.set(g, (v.get(g) ?? 0) + 1);
    }
  }
  return v;
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Dice coefficient of the two term sets. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const t of sa) if (sb.has(t)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}
