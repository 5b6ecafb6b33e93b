/** French: the assistant's lines and the words it recognises. */
import type { LangPack } from './types.ts';

const TALK = '"Talk to a person"';

export const fr: LangPack = {
  code: 'fr',
  name: 'français',
  lines: {
    smallTalk: {
      greeting: 'Bonjour ! Posez-moi vos questions sur {site} : horaires, prix, rendez-vous…',
      thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
      ack: 'Parfait. Autre chose ?',
      bye: 'Merci de votre visite. Au revoir !',
      wellbeing: 'Très bien, merci ! Que puis-je faire pour vous ?',
      identity: `Je suis l'assistant automatique de {site} : je réponds à partir de ce que {site} publie. Une personne est à portée de main : ${TALK}.`,
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
    price: '{item} : {price}',
    onlyIn: "Ceci n'est publié qu'en {language} :",
    safetyDefault:
      "Si quelqu'un est en danger, mettez-vous en sécurité maintenant et appelez le {number}. Si vous sentez une odeur de gaz ou de fumée, quittez le bâtiment sans rien allumer ni éteindre, et appelez depuis l'extérieur.",
    safetyOwn: 'Ce que {site} recommande (publié en {language}) :',
    factTitles: { hours: 'Horaires', serviceArea: "Zone d'intervention", phone: 'Téléphone', email: 'E-mail', address: 'Adresse', contact: 'Contact', prices: 'Prix' },
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
  words: {
    stop:
      'le la les un une des et ou mais de du au aux en avec pour par que qui quoi est sont etait etre je tu il elle on nous vous ' +
      'ils elles mon ma mes ton ta tes son sa ses notre votre vos leur leurs ce cet cette ces ne pas bonjour merci ' +
      'voudrais veux peux pouvez peut avez avoir faire fait faites comment quand ou svp plait quel quelle quels quelles ' +
      'est-ce ca cela chez sur dans y a il-y-a si aussi bien tres plus moins environ savoir dire sais suis ai as vais va mon',
    smallTalk: {
      thanks: 'merci remercie beaucoup',
      bye: 'revoir bientot salut bonne journee soiree',
      greeting: 'bonjour salut bonsoir coucou',
      ack: 'accord parfait super compris tres bien top genial nickel',
    },
    smallTalkPhrases: {
      wellbeing: ['ca va', 'comment ca va', 'comment allez vous', 'vous allez bien', 'tu vas bien', 'comment vas tu'],
      identity: [
        'tu es un robot', 'vous etes un robot', 'etes vous un robot', 'es tu un robot', 'tu es un bot', 'vous etes un bot',
        'etes vous humain', 'es tu humain', 'qui etes vous', 'qui es tu', 'je parle a un robot', 'je parle a un bot',
        'est ce un robot', 'est un robot', 'est un bot', 'vous etes une vraie personne', 'etes vous une vraie personne',
      ],
    },
    filler: 'le les a au vous pour tout et oui d bien aujourd hui gentil',
    concepts: {
      price: 'prix combien coute coutent couter tarif tarifs cout couts cher chere',
      hours: 'horaires horaire ouvert ouverte ouverts ouvrez ouvre ouverture ferme fermez fermes fermeture',
      book: 'rendez rdv reserver reservation',
      refund: 'rembourser remboursement remboursez rembourse',
      pay: 'payer paiement paiements reglement regler',
      warranty: 'garantie garanties garantissez garanti',
      cancel: 'annuler annulation annule',
      emergency: 'urgence urgences urgent',
      estimate: 'devis estimation',
      email: 'courriel mail',
      phone: 'telephone numero portable',
      address: 'adresse situes situe trouve',
      install: 'installer installation installez installe remplacer remplacement remplacez changer changement poser pose',
      repair: 'reparer reparation reparations reparez',
      parking: 'parking stationnement garer',
      insurance: 'assurance assurances assure mutuelle',
      service: 'service services',
      duration: 'duree dure durent delai delais temps',
      rent: 'louer louez loue',
    },
    suffixes: ['ations', 'ation', 'ement', 'eurs', 'eur'],
  },
  patterns: {
    rejection: [
      "(?:ca|cela|c'est) (?:ne m'aide|n'aide|m'aide) pas|ca ne m'aide pas|ca n'aide pas|pas (?:tres )?utile",
      "ce n'est pas (?:ma question|ce que (?:j'ai demande|je demande|je veux)|la reponse|ca)|pas ce que j'ai demande",
      "(?:vous|tu) (?:l'avez|l'as) deja dit|(?:vous avez|tu as) deja dit ca|vous vous repetez|tu te repetes",
      "(?:vous|tu) ne (?:repondez|reponds|comprenez|comprends) pas|ne repond pas a ma question|mauvaise reponse|rien a voir",
    ],
    shortRejection: ['inutile|nul|pas du tout|faux|rien a voir'],
    person: [
      "parler (?:a|avec) (?:un |une |quelqu'un|le |la )?(?:humain|personne|conseiller|conseillere|agent|responsable|quelqu'un)",
    ],
  },
};
