/**
 * Phrase lists for the rules, in English, Spanish, French and German. Every pattern runs on folded
 * text (lower case, no diacritics: see text.ts), so "möchte" is written "mochte" here.
 */

const L = '\\p{L}\\p{N}';

/** A whole-word pattern: the boundaries are Unicode-aware, unlike `\b`. */
function words(source: string): RegExp {
  return new RegExp(`(?<![${L}])(?:${source})(?![${L}])`, 'gu');
}

// --- asking for a person -------------------------------------------------------------------------

const EN_PERSON =
  '(?:(?:a|an|the|some|your|one of your|a real|an actual|a live|real|actual|live) )?(?:human(?: being)?|person|people|someone(?: real)?|somebody(?: real)?|anyone|anybody|agent|rep|representative|operator|manager|supervisor|owner|boss|staff(?: member)?|employee|team member|customer (?:service|support))';
const EN_PERSON_STRICT =
  '(?:(?:a|an|the|your|a real|an actual|a live|real|actual|live) )?(?:human(?: being)?|person|agent|representative|operator|manager|supervisor|owner|someone real|somebody real)';
const ES_PERSON =
  '(?:(?:un|una|el|la|algun|alguna) )?(?:persona(?: real| de verdad)?|humano|ser humano|agente|asesor|asesora|representante|operador|operadora|encargado|encargada|gerente|dueno|duena|jefe|responsable|empleado|empleada|alguien(?: real| de verdad)?|supervisor|supervisora|atencion al cliente)';
const FR_PERSON =
  "(?:(?:un|une|le|la|l'|du|au) ?)?(?:humain|etre humain|vraie personne|personne reelle|vrai humain|conseiller|conseillere|agent|operateur|operatrice|responsable|gerant|gerante|patron|patronne|proprietaire|quelqu'un(?: de reel| de vrai)?|service client|superieur|manager|employe)";
const DE_PERSON =
  '(?:(?:einen|einem|einer|eine|ein|dem|den|der|ihrem|ihren|echten|einem echten|einen echten) )?(?:mensch|menschen|person|mitarbeiter|mitarbeiterin|berater|beraterin|ansprechpartner|ansprechpartnerin|vorgesetzten|chef|chefin|inhaber|inhaberin|geschaftsfuhrer|geschaftsfuhrerin|kundenservice|kundendienst|jemand|jemanden|jemandem|servicemitarbeiter)';

const FILLER = `(?:[${L}']+ ){0,2}?`;

/** Putting a call off ("later", "tomorrow", "when I'm home"): not a request for a person now. */
const LATER = '(?:later|tomorrow|tonight|this evening|when|after|in an? |in \\d|some ?time|another time)';

/** Each match is a request for a person unless a negation precedes it in the same clause. */
export const HUMAN_REQUEST: readonly RegExp[] = [
  words(`(?:talk|speak|chat|get through|be put through|be connected|be transferred|get in touch) ${FILLER}(?:to|with) ${EN_PERSON}`),
  words(`(?:connect|transfer|put|pass|forward|send|escalate) (?:me|this|it) (?:through |over |on )?(?:to|with) ${EN_PERSON}`),
  // "need a person to come and look at the roof" is about a job, not about the chat.
  words(`(?:want|need|get|give me|have|like|request|requesting|prefer) ${EN_PERSON_STRICT}(?! (?:to|who|that|for) (?!talk|speak|chat))`),
  words(`(?:is|are) there (?:a |an )?(?:human|real person|someone real|anyone real|actual person|real people)`),
  words(`(?:human|agent|representative|operator|real person|live agent|live person) (?:please|pls|plz|now)`),
  // "call me back" and "call me asap" ask for a person now; "call me Bailey" gives a name, "what do
  // you call me" asks one, and "call me back later when I'm home" puts the call off, so the model
  // judges those rather than the rule handing off at once.
  words(
    `(?<!(?:what|how|why|who) (?:do|did|will|would|should|can|could) (?:you|u) )(?:call|ring|phone) me(?: back)?(?! (?:back )?${LATER})(?=$|\\s*[.,!?]|\\s+(?:back|asap|now|please|pls|plz|right away|immediately|urgently|today|on \\+?\\d|at \\+?\\d|\\+?\\d))`,
  ),
  words(`(?:have|get|can|could) (?:someone|somebody|a person|the owner|a manager|you|u) (?:to )?(?:call|ring|phone|text) me`),
  words(
    `(?:hablar|hablo|comunicarme|contactar|pasame|paseme|pasen|ponme|pongame|transfiereme|conectame|comunicame) ${FILLER}(?:con|a)? ?${ES_PERSON}`,
  ),
  words(`(?:quiero|quisiera|necesito|prefiero|dame|deme|me gustaria) (?:hablar con )?${ES_PERSON}`),
  words(
    `que me (?:llame|llamen|contacte|contacten)|(?:llamame|llamenme)(?=$|\\s*[.,!?]|\\s+(?:por favor|porfa|xfa|ya|ahora|cuanto antes|hoy|al \\+?\\d|\\+?\\d))|me (?:pueden|podrian|puede) llamar|(?:puede|pueden|podrian) llamarme`,
  ),
  words(`(?:parler|discuter|echanger) ${FILLER}(?:a|avec|au) ?${FR_PERSON}`),
  words(`(?:passez|passe|mettez|mets|transferez|transfere|connectez)[- ]moi (?:en relation avec |avec |a |au )?${FR_PERSON}`),
  words(`(?:je veux|je voudrais|j'aimerais|je souhaite|il me faut|besoin d'|besoin de) (?:parler (?:a|avec|au) ?)?${FR_PERSON}`),
  words(
    `(?:rappelez|rappelle)[- ]moi(?! (?:le|la|les|l'|de|du|des|quand|comment|ce|votre|vos|ton|ta|tes|mon|ma|mes|si|pourquoi|combien|plus tard|demain|ce soir|apres|dans))|qu'on me rappelle|me recontacter|recontactez[- ]moi`,
  ),
  words(`mit ${DE_PERSON} ${FILLER}(?:sprechen|reden|telefonieren|chatten|verbinden)`),
  words(`(?:sprechen|reden) (?:mit|zu) ${DE_PERSON}`),
  words(`verbinden sie mich (?:bitte )?(?:mit|zu) ${DE_PERSON}`),
  words(`(?:ich will|ich mochte|ich brauche|ich hatte gern|ich hatte gerne|ich wurde gern|ich wurde gerne) ${DE_PERSON}`),
  words(`(?:rufen sie mich|ruf mich|ruft mich) (?!${FILLER}(?:spater|morgen|heute abend|nachher|wenn|nach))${FILLER}(?:zuruck|an)|ruckruf`),
];

/** A message that is nothing but the ask, as visitors type to a bot ("agent", "humano"). */
export const HUMAN_REQUEST_ALONE =
  /^\s*(?:human|agent|representative|operator|real person|live agent|person|customer service|humano|agente|persona|asesor|persona real|humain|conseiller|vraie personne|mensch|mitarbeiter|echter mensch)(?: please| pls| plz| por favor| svp| bitte)?[\s.!?]*$/u;

/** Negations that cancel a request later in the same clause ("no need to talk to a person"). */
export const NEGATION = words(
  "no|not|don't|dont|do not|never|without|needn't|doesn't|didn't|won't|nobody|no one|sin|nunca|tampoco|ne|n'|pas|sans|jamais|inutile|nicht|kein|keine|keinen|ohne|nie",
);

/** What ends a clause, so a negation before it does not reach past it. */
export const CLAUSE_BREAK = /[.,;:!?¿¡\n]|(?<![\p{L}])(?:but|pero|mais|aber|though)(?![\p{L}])/gu;

// --- profanity -----------------------------------------------------------------------------------

// Whole words only, and no words that double as innocent ones in another of our languages
// ("con" is "with" in Spanish, "mist" is fog in English), so these stay precise.
export const PROFANITY = words(
  [
    'fuck|fucking|fucked|fucker|fuckin|fck|fcking|f[*#@]+ck|f[*#@]+king|motherfucker|shit|shitty|bullshit|sh[*#@]t|crap|crappy|damn|dammit|damnit|goddamn|goddamnit|wtf|ffs|asshole|arsehole|bastard|bastards|bitch|bollocks|piss off|pissed off|screw you',
    'mierda|joder|jodido|jodida|puta|puto|putos|putas|pendejo|pendejos|cabron|cabrones|carajo|gilipollas|hostia|hostias|chingada|chingado|verga|me cago en',
    "merde|putain|bordel|connard|connards|connasse|salaud|salauds|encule|foutre|fait chier|ta gueule|foutez|je m'en fous",
    'scheisse|scheiße|scheiss\\p{L}*|scheiß\\p{L}*|verdammt|verdammte|verdammter|verdammtes|arschloch|arschlocher|kacke|verfickt|verfickte|drecks\\p{L}+',
  ].join('|'),
);

// --- frustration without the model --------------------------------------------------------------

/** Words of exasperation; with shouting, "???" and profanity they give a mood score before the model loads. */
export const NEGATIVE = words(
  [
    'ridiculous|unacceptable|useless|terrible|horrible|awful|worst|pathetic|disgusting|outrageous|waste of (?:my )?time|not helpful|unhelpful|frustrat\\p{L}*|angry|furious|annoyed|fed up|sick of|tired of|had enough|bad review|rip ?off|scam|never again|what a joke|how hard is it|still waiting|no one answers|nobody answers|you people|are you kidding',
    'ridiculo|ridicula|inaceptable|inutil|inutiles|horrible|pesimo|pesima|harto|harta|estafa|verguenza|una burla|enojado|enojada|molesto|molesta|nunca mas|todavia espero|sigo esperando',
    "ridicule|inacceptable|inutile|nul|nulle|horrible|lamentable|honteux|honte|marre|en colere|furieux|furieuse|agace|arnaque|jamais plus|j'attends toujours|toujours rien|c'est une blague",
    'lacherlich|inakzeptabel|nutzlos|unverschamt|frechheit|schrecklich|furchtbar|katastrophe|sauer|wutend|genervt|reicht mir|betrug|abzocke|nie wieder|warte immer noch|immer noch nichts|unmoglich',
  ].join('|'),
);

// --- conversation cues ---------------------------------------------------------------------------

/** The visitor says they are repeating themselves. */
export const REPEAT_CLAIM = words(
  [
    "i (?:already|just) (?:said|told you|asked|explained|wrote)|as i (?:said|already said|told you|mentioned)|like i (?:said|told you)|i'm asking again|im asking again|asking (?:you )?again|for the (?:second|third|fourth|last|\\d+(?:nd|rd|th)) time|i repeat",
    'ya (?:te|le|les|lo) (?:dije|he dicho|pregunte|escribi)|como (?:ya )?(?:te |le )?dije|te lo repito|repito|por (?:segunda|tercera|cuarta|ultima) vez|vuelvo a preguntar',
    "je (?:l'ai|vous l'ai|te l'ai) (?:deja )?(?:dit|ecrit|demande)|comme (?:je l'ai |je vous l'ai )?(?:dit|deja dit)|je repete|je redemande|pour la (?:deuxieme|troisieme|derniere) fois",
    'hab(?:e)? (?:ich )?(?:doch |ihnen |dir )?(?:schon|bereits) (?:gesagt|geschrieben|gefragt)|wie (?:schon |bereits )?gesagt|ich wiederhole|zum (?:zweiten|dritten|letzten) mal|ich frage nochmal|ich frage noch einmal',
  ].join('|'),
);

/** The visitor rejects the assistant's answer. */
export const REJECTION = words(
  [
    "(?:that|this|it|you)(?:'s| is| was)? (?:not|n't) (?:what i (?:asked|meant|need|want)|my question|helpful|help\\p{L}*|answering|right|it)|that'?s not (?:what i (?:asked|meant)|my question|it|right|helpful)|(?:that|this|it) (?:doesn'?t|didn'?t|does not|did not) (?:help|answer)|you(?:'re| are)? not (?:answering|listening|helping)|you (?:didn'?t|did not|don'?t|do not) (?:answer|understand|get it)|not helpful|useless answer|wrong answer|that'?s wrong|read my (?:question|message)",
    'no me (?:ayuda|ayudas|ayudo|sirve|sirvio)|eso no es lo que (?:pregunte|pedi)|no es (?:eso|mi pregunta)|no (?:me )?(?:entiendes|entiende|respondes|responde|contestas|contesta)|respuesta incorrecta',
    "(?:ca|cela) ne m'aide pas|ce n'est pas (?:ma question|ce que (?:j'ai demande|je demande))|vous ne (?:repondez|comprenez) pas|tu ne (?:reponds|comprends) pas|ne repond pas a ma question|mauvaise reponse",
    'das hilft (?:mir )?(?:nicht|nichts|kein bisschen)|das ist nicht (?:meine frage|was ich (?:gefragt|wollte))|sie verstehen (?:mich )?nicht|du verstehst (?:mich )?nicht|(?:beantwortet|beantworten) (?:meine frage )?nicht|falsche antwort',
  ].join('|'),
);

/**
 * A turn that moves on to a related question rather than asking the last one again ("and what
 * time do you close?", "what about sundays", "y los domingos?", "et le samedi ?", "und sonntags?").
 */
export const FOLLOW_UP =
  /^[\s¿¡"'(]*(?:(?:ok|okay|oh|ah|right|vale|bueno|d'accord|bon|alles klar|gut)[\s,.!]+)?(?:and|also|plus|what about|how about|what if|y|tambien|y si|que tal|et|aussi|et si|quid de|und|auch|was ist mit|wie sieht es mit)(?![\p{L}\p{N}])/u;

/**
 * Words of acknowledgement, thanks, greeting and small talk in the four languages: a turn made of
 * nothing else asks for nothing, so the assistant not "answering" it is not a failure.
 */
export const SMALL_TALK_WORDS = new Set(
  (
    'ok okay k kk thanks thank you so much very lot a ty thx tysm cheers great perfect cool nice awesome got it sounds good alright sure ' +
    "yes yeah yep yup no nope nah hi hello hey bye goodbye morning night evening afternoon good lol haha hahaha love that's thats is was " +
    'helpful amazing brilliant fine how are doing today what up sup np problem welcome understood gotcha wow oh ah hm hmm ' +
    'gracias muchas mil vale perfecto genial hola adios buenas buenos dias tardes noches de nada por favor muy bien ' +
    "merci beaucoup parfait super d'accord daccord bonjour salut bonne journee soiree bonsoir top ca marche cool oui non " +
    'danke vielen dank schon sehr alles klar prima tschuss tschau hallo guten tag morgen abend ja nein gut toll ciao servus'
  ).split(' '),
);
