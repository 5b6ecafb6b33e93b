/**
 * What the assistant recognises without searching (small talk, a rejected answer, a request for a
 * person) and what it says, in English, Spanish, French and German. Patterns run on folded text
 * (see text.ts), so "ça" is written "ca" and "heiße" "heisse".
 */

export const LANGS = ['en', 'es', 'fr', 'de'] as const;
export type Lang = (typeof LANGS)[number];

export const SmallTalk = {
  greeting: 'greeting',
  thanks: 'thanks',
  ack: 'ack',
  bye: 'bye',
} as const;
export type SmallTalk = (typeof SmallTalk)[keyof typeof SmallTalk];

/** Words of each small-talk kind. A message is small talk when every word is one of these or filler. */
const SMALL_TALK_WORDS: Record<SmallTalk, string> = {
  thanks:
    'thanks thank thx ty tysm cheers appreciate appreciated gracias agradezco merci remercie danke dank dankeschon vielen muchas ' +
    'beaucoup mil',
  bye: 'bye goodbye byebye cya later adios chao ciao hasta luego pronto revoir tschuss tschau wiedersehen ciao',
  greeting:
    'hi hello hey heya hiya howdy yo morning afternoon evening hola buenos buenas dias tardes noches bonjour salut ' +
    'bonsoir coucou hallo moin servus morgen tag abend gruss gruezi',
  ack:
    'ok okay okey k kk great perfect cool got sure alright nice awesome good fine understood noted excellent wonderful ' +
    'vale bien genial perfecto entendido claro bueno entiendo accord parfait super compris tres gut prima toll ' +
    'verstanden klar alles passt wunderbar sehr',
};

// Filler that may surround small talk without making it a question: "thanks a lot!", "ok, got it".
const FILLER = new Set(
  (
    'a lot so much very it that you for the help helps helped your all oh ah well and guys folks there everyone team again see sounds ' +
    'de por todo la ' +
    'el le les a au vous pour tout et fur die hilfe ihnen dir und ja yes yeah yep si oui that s great'
  ).split(' '),
);

const SMALL_TALK_INDEX: ReadonlyMap<string, SmallTalk> = new Map(
  (Object.keys(SMALL_TALK_WORDS) as SmallTalk[]).flatMap((kind) => SMALL_TALK_WORDS[kind].split(' ').map((w) => [w, kind] as const)),
);

// The kind a mixed message takes: "ok thanks" is thanks, "hi again" a greeting.
const SMALL_TALK_PRIORITY: readonly SmallTalk[] = ['thanks', 'bye', 'greeting', 'ack'];

/** The small-talk kind of a message made only of small talk, or null. `tokens` are folded words. */
export function smallTalkKind(tokens: readonly string[]): SmallTalk | null {
  if (tokens.length === 0 || tokens.length > 8) return null;
  const kinds = new Set<SmallTalk>();
  for (const token of tokens) {
    const kind = SMALL_TALK_INDEX.get(token);
    if (kind) kinds.add(kind);
    else if (!FILLER.has(token)) return null;
  }
  return SMALL_TALK_PRIORITY.find((k) => kinds.has(k)) ?? null;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

function phrases(list: readonly string[]): RegExp {
  return new RegExp(`${B}(?:${list.join('|')})${E}`, 'u');
}

/** A rejection of the previous answer wherever it appears in the message. */
const REJECTION = phrases([
  // en
  "(?:that|this|it)(?:'?s| is| was)? (?:not|n't) (?:what i (?:asked|meant|need|wanted|want|am asking|was asking)|my question|helpful|(?:very |at all )?help(?:ful|ing)?|answering|right|it|relevant|the answer)",
  "that'?s not (?:what i (?:asked|meant|want)|my question|it|right|helpful|relevant)",
  'not what i (?:asked|meant|am asking|was asking|wanted|need)|not what im asking',
  "(?:that|this|it|which) (?:doesn'?t|didn'?t|does not|did not|won'?t) (?:help|answer|work for me)",
  "(?:doesn'?t|does not|didn'?t|did not) (?:help|answer (?:my|the) question)",
  "(?:that|this|it) (?:doesn'?t|does not|didn'?t) (?:really )?help",
  "no help|not (?:very |at all |really )?helpful|unhelpful|useless (?:answer|reply|response|bot)|wrong answer|that'?s wrong",
  "you (?:already|just) (?:said|told me|sent|wrote) (?:that|this|it)|you said that already|you(?:'re| are) repeating yourself|same (?:answer|thing) again",
  "you(?:'re| are)? not (?:answering|listening|helping|understanding)|you (?:didn'?t|did not|don'?t|do not) (?:answer|understand|get it|read)",
  'read my (?:question|message)|answer my question|that (?:has nothing|is nothing) to do with',
  // es
  'no me (?:ayuda|ayudas|ayudo|ayudaste|sirve|sirvio|sirven|responde|respondes|respondiste|contesta|contestas)',
  'eso no (?:ayuda|sirve|es lo que (?:pregunte|pedi|quiero|quise decir))|no es lo que (?:pregunte|pedi|quiero)',
  'no es (?:eso|mi pregunta|la respuesta)|no (?:me )?(?:entiendes|entiende|entendiste)|respuesta (?:incorrecta|inutil)',
  'ya (?:me )?lo (?:dijiste|has dicho|dijo)|ya (?:me )?dijiste eso|eso ya lo (?:dijiste|se)|no tiene nada que ver',
  'no (?:has|ha) respondido',
  // fr
  "(?:ca|cela|c'est) (?:ne m'aide|n'aide|m'aide) pas|ca ne m'aide pas|ca n'aide pas|pas (?:tres )?utile",
  "ce n'est pas (?:ma question|ce que (?:j'ai demande|je demande|je veux)|la reponse|ca)|pas ce que j'ai demande",
  "(?:vous|tu) (?:l'avez|l'as) deja dit|(?:vous avez|tu as) deja dit ca|vous vous repetez|tu te repetes",
  '(?:vous|tu) ne (?:repondez|reponds|comprenez|comprends) pas|ne repond pas a ma question|mauvaise reponse|rien a voir',
  // de
  'das hilft (?:mir )?(?:nicht|nichts|kein bisschen|wenig)|hilft mir nicht|nicht hilfreich|keine hilfe',
  'das ist nicht (?:meine frage|was ich (?:gefragt|wollte|meine|meinte|wissen wollte)|die antwort|richtig)|nicht was ich gefragt',
  '(?:das )?(?:haben sie|hast du) (?:doch )?(?:schon|bereits) gesagt|sie wiederholen sich|du wiederholst dich',
  '(?:sie verstehen|du verstehst) (?:mich )?nicht|(?:beantwortet|beantworten|beantwortest) (?:meine frage )?nicht|falsche antwort',
  'hat (?:damit )?nichts (?:damit )?zu tun',
]);

/** Single words that reject an answer only when they are (nearly) the whole message: "useless." */
const SHORT_REJECTION = phrases([
  'useless|pointless|unhelpful|wrong|nope|not helpful|not really|irrelevant|no no|not that',
  'inutil|no sirve|para nada|incorrecto|nada que ver',
  'inutile|nul|pas du tout|faux|rien a voir',
  'nutzlos|sinnlos|unsinn|falsch|bringt nichts|quatsch',
]);

/** Does the visitor reject the assistant's previous answer? `folded` is the folded message. */
export function isRejection(folded: string, wordCount: number): boolean {
  if (REJECTION.test(folded)) return true;
  return wordCount <= 5 && SHORT_REJECTION.test(folded);
}

/** The visitor asks for a person rather than asking a question. */
const PERSON_REQUEST = phrases([
  '(?:talk|speak|chat) (?:to|with) (?:a |an |the |some |your )?(?:human|person|someone|somebody|agent|representative|rep|manager|owner|staff|real person|live person|live agent)',
  '(?:a |an )?(?:real |live |actual )?(?:human|person|agent|representative) please|get me (?:a |an )?(?:human|person|agent|manager)|transfer me',
  'hablar con (?:una |un |el |la |alguien|alguna )?(?:persona|humano|agente|encargado|gerente|alguien)',
  "parler (?:a|avec) (?:un |une |quelqu'un|le |la )?(?:humain|personne|conseiller|conseillere|agent|responsable|quelqu'un)",
  'mit (?:einem |einer |jemandem|dem |der )?(?:mensch|menschen|mitarbeiter|mitarbeiterin|person|berater|beraterin|jemandem|chef|inhaber) (?:sprechen|reden)',
]);

export function isPersonRequest(folded: string): boolean {
  return PERSON_REQUEST.test(folded);
}

/** Everything the assistant says that is not taken from the site's knowledge. */
export interface Lines {
  smallTalk: Record<SmallTalk, string>;
  miss: string;
  rejected: string;
  repeated: string;
  person: string;
  empty: string;
  hours: string;
  serviceArea: string;
  phone: string;
  email: string;
  address: string;
  priceList: string;
  price: string;
  factTitles: { hours: string; serviceArea: string; phone: string; email: string; address: string; contact: string; prices: string };
  needs: {
    hours: string;
    serviceArea: string;
    phone: string;
    email: string;
    address: string;
    contact: string;
    prices: string;
    price: string;
  };
  rejectedNeed: string;
  personNeed: string;
}

const TALK = '"Talk to a person"';

/** `{site}`, `{value}`, `{item}`, `{price}` and `{need}` are filled in by the assistant. */
export const LINES: Record<Lang, Lines> = {
  en: {
    smallTalk: {
      greeting: 'Hi! Ask me about {site}: hours, prices, booking and more.',
      thanks: "You're welcome! Anything else I can help with?",
      ack: 'Glad that helps. Anything else?',
      bye: 'Thanks for stopping by. Bye!',
    },
    miss: `I don't know that one, and I'd rather not guess. A person from {site} can answer: tap ${TALK}.`,
    rejected: `Sorry that didn't help. I'd rather not guess, so a person from {site} can take it from here: tap ${TALK}.`,
    repeated: `That's all I know about it, and I'd rather not guess beyond it. A person from {site} can help: tap ${TALK}.`,
    person: `Of course. Tap ${TALK} and someone from {site} will pick this up, with everything you've written.`,
    empty: "Sorry, I didn't catch that. What would you like to know?",
    hours: 'Our hours: {value}',
    serviceArea: 'Our service area: {value}',
    phone: 'You can call us at {value}.',
    email: 'You can email us at {value}.',
    address: "We're at {value}",
    priceList: 'Our prices:',
    price: '{item}: {price}.',
    factTitles: {
      hours: 'Hours',
      serviceArea: 'Service area',
      phone: 'Phone',
      email: 'Email',
      address: 'Address',
      contact: 'Contact',
      prices: 'Prices',
    },
    needs: {
      hours: 'opening hours',
      serviceArea: 'whether we serve their area',
      phone: 'phone number',
      email: 'email address',
      address: 'address',
      contact: 'how to contact us',
      prices: 'prices',
      price: 'price of {item}',
    },
    rejectedNeed: '{need} (answer rejected)',
    personNeed: 'wants to talk to a person',
  },
  es: {
    smallTalk: {
      greeting: '¡Hola! Pregúnteme sobre {site}: horario, precios, citas y más.',
      thanks: '¡De nada! ¿Algo más en lo que pueda ayudar?',
      ack: 'Me alegro. ¿Algo más?',
      bye: 'Gracias por su visita. ¡Hasta luego!',
    },
    miss: `No lo sé y prefiero no adivinar. Una persona de {site} puede responder: pulse ${TALK}.`,
    rejected: `Siento que no haya ayudado. Prefiero no adivinar: una persona de {site} puede seguir desde aquí: pulse ${TALK}.`,
    repeated: `Es todo lo que sé sobre eso y prefiero no adivinar más. Una persona de {site} puede ayudar: pulse ${TALK}.`,
    person: `Claro. Pulse ${TALK} y alguien de {site} seguirá la conversación, con todo lo que ha escrito.`,
    empty: 'Perdone, no lo he entendido. ¿Qué quiere saber?',
    hours: 'Nuestro horario: {value}',
    serviceArea: 'Nuestra zona de servicio: {value}',
    phone: 'Puede llamarnos al {value}.',
    email: 'Puede escribirnos a {value}.',
    address: 'Estamos en {value}',
    priceList: 'Nuestros precios:',
    price: '{item}: {price}.',
    factTitles: {
      hours: 'Horario',
      serviceArea: 'Zona de servicio',
      phone: 'Teléfono',
      email: 'Correo',
      address: 'Dirección',
      contact: 'Contacto',
      prices: 'Precios',
    },
    needs: {
      hours: 'horario',
      serviceArea: 'si damos servicio en su zona',
      phone: 'teléfono',
      email: 'correo electrónico',
      address: 'dirección',
      contact: 'cómo contactarnos',
      prices: 'precios',
      price: 'precio de {item}',
    },
    rejectedNeed: '{need} (respuesta rechazada)',
    personNeed: 'quiere hablar con una persona',
  },
  fr: {
    smallTalk: {
      greeting: 'Bonjour ! Posez-moi vos questions sur {site} : horaires, prix, rendez-vous…',
      thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
      ack: 'Parfait. Autre chose ?',
      bye: 'Merci de votre visite. Au revoir !',
    },
    miss: `Je ne sais pas, et je préfère ne pas deviner. Une personne de {site} peut répondre : touchez ${TALK}.`,
    rejected: `Désolé, cela ne vous a pas aidé. Je préfère ne pas deviner : une personne de {site} peut prendre le relais : touchez ${TALK}.`,
    repeated: `C'est tout ce que je sais à ce sujet, et je préfère ne pas deviner. Une personne de {site} peut aider : touchez ${TALK}.`,
    person: `Bien sûr. Touchez ${TALK} et quelqu'un de {site} prendra le relais, avec tout ce que vous avez écrit.`,
    empty: "Pardon, je n'ai pas compris. Que souhaitez-vous savoir ?",
    hours: 'Nos horaires : {value}',
    serviceArea: "Notre zone d'intervention : {value}",
    phone: 'Vous pouvez nous appeler au {value}.',
    email: 'Vous pouvez nous écrire à {value}.',
    address: 'Nous sommes au {value}',
    priceList: 'Nos prix :',
    price: '{item} : {price}.',
    factTitles: {
      hours: 'Horaires',
      serviceArea: "Zone d'intervention",
      phone: 'Téléphone',
      email: 'E-mail',
      address: 'Adresse',
      contact: 'Contact',
      prices: 'Prix',
    },
    needs: {
      hours: "horaires d'ouverture",
      serviceArea: 'si nous intervenons dans sa zone',
      phone: 'numéro de téléphone',
      email: 'adresse e-mail',
      address: 'adresse',
      contact: 'comment nous joindre',
      prices: 'prix',
      price: 'prix de {item}',
    },
    rejectedNeed: '{need} (réponse rejetée)',
    personNeed: 'veut parler à une personne',
  },
  de: {
    smallTalk: {
      greeting: 'Hallo! Fragen Sie mich zu {site}: Öffnungszeiten, Preise, Termine und mehr.',
      thanks: 'Gern geschehen! Kann ich sonst noch helfen?',
      ack: 'Freut mich. Noch etwas?',
      bye: 'Danke für Ihren Besuch. Auf Wiedersehen!',
    },
    miss: `Das weiß ich nicht, und ich rate lieber nicht. Eine Person von {site} kann antworten: Tippen Sie auf ${TALK}.`,
    rejected: `Schade, dass das nicht geholfen hat. Ich rate lieber nicht: Eine Person von {site} übernimmt gern: Tippen Sie auf ${TALK}.`,
    repeated: `Mehr weiß ich dazu nicht, und ich rate lieber nicht. Eine Person von {site} hilft gern: Tippen Sie auf ${TALK}.`,
    person: `Gern. Tippen Sie auf ${TALK}, dann übernimmt jemand von {site}, mit allem, was Sie geschrieben haben.`,
    empty: 'Entschuldigung, das habe ich nicht verstanden. Was möchten Sie wissen?',
    hours: 'Unsere Öffnungszeiten: {value}',
    serviceArea: 'Unser Einsatzgebiet: {value}',
    phone: 'Sie erreichen uns telefonisch unter {value}.',
    email: 'Sie erreichen uns per E-Mail unter {value}.',
    address: 'Sie finden uns hier: {value}',
    priceList: 'Unsere Preise:',
    price: '{item}: {price}.',
    factTitles: {
      hours: 'Öffnungszeiten',
      serviceArea: 'Einsatzgebiet',
      phone: 'Telefon',
      email: 'E-Mail',
      address: 'Adresse',
      contact: 'Kontakt',
      prices: 'Preise',
    },
    needs: {
      hours: 'Öffnungszeiten',
      serviceArea: 'ob wir in seiner Gegend arbeiten',
      phone: 'Telefonnummer',
      email: 'E-Mail-Adresse',
      address: 'Adresse',
      contact: 'wie man uns erreicht',
      prices: 'Preise',
      price: 'Preis für {item}',
    },
    rejectedNeed: '{need} (Antwort abgelehnt)',
    personNeed: 'möchte mit einer Person sprechen',
  },
};

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
