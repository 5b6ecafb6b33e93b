/** German: the assistant's lines and the words it recognises. */
import type { LangPack } from './types.ts';

const TALK = '"Talk to a person"';

export const de: LangPack = {
  code: 'de',
  name: 'Deutsch',
  lines: {
    smallTalk: {
      greeting: 'Hallo! Fragen Sie mich zu {site}: Öffnungszeiten, Preise, Termine und mehr.',
      thanks: 'Gern geschehen! Kann ich sonst noch helfen?',
      ack: 'Freut mich. Noch etwas?',
      bye: 'Danke für Ihren Besuch. Auf Wiedersehen!',
      wellbeing: 'Danke, gut! Wie kann ich Ihnen helfen?',
      identity: `Ich bin der automatische Assistent von {site}: Ich antworte mit dem, was {site} veröffentlicht. Eine Person ist einen Tipp entfernt: ${TALK}.`,
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
    price: '{item}: {price}',
    onlyIn: 'Das ist nur auf {language} veröffentlicht:',
    safetyDefault:
      'Wenn jemand in Gefahr ist, bringen Sie sich jetzt in Sicherheit und rufen Sie {number} an. Wenn Sie Gas oder Rauch riechen, verlassen Sie das Gebäude, ohne etwas ein- oder auszuschalten, und rufen Sie von draußen an.',
    safetyOwn: 'Was {site} rät (veröffentlicht auf {language}):',
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
  words: {
    stop:
      'der die das den dem des ein eine einen einem einer und oder aber von zu zum zur mit bei fur auf aus im in ist sind ' +
      'war sein ich du sie er es wir ihr ihnen mein meine mich mir dein ihre ihren unser unsere hallo danke bitte mochte ' +
      'will kann konnen konnte haben habe hat gibt gib wie wann was welche welcher welches nicht auch noch schon man ' +
      'machen macht ihr euch ihr bis an am um uber denn mal so etwa ungefahr eigentlich gerne gern wurde wurden hab ' +
      'brauche brauchen muss mussen lassen viel habt hast hab nen euch eure euer bin jetzt ja nein dann',
    smallTalk: {
      thanks: 'danke dank dankeschon vielen',
      bye: 'tschuss tschau wiedersehen ciao bis dann bald',
      greeting: 'hallo moin servus morgen tag abend gruss gruezi guten',
      ack: 'gut prima toll verstanden klar alles passt wunderbar sehr super okay',
    },
    smallTalkPhrases: {
      wellbeing: ['wie gehts', 'wie geht', 'wie geht es ihnen', 'wie geht es dir', 'wie geht s', 'alles gut', 'alles klar bei dir'],
      identity: [
        'bist du ein bot',
        'sind sie ein bot',
        'bist du ein roboter',
        'sind sie ein roboter',
        'bist du ein mensch',
        'sind sie ein mensch',
        'wer bist du',
        'wer sind sie',
        'ist das ein bot',
        'ist das ein roboter',
        'rede ich mit einem bot',
        'spreche ich mit einem bot',
        'spreche ich mit einem menschen',
        'bist du echt',
        'ist das eine ki',
        'bist du eine ki',
      ],
    },
    filler: 'fur die hilfe ihnen dir und ja schon vielmals heute nett',
    concepts: {
      price: 'preis preise preisliste kostet kosten gebuhr gebuhren teuer gunstig kostenpunkt',
      hours: 'offnungszeiten oeffnungszeiten geoffnet offen geschlossen offnet schliesst aufmachen',
      book: 'termin termine buchen buchung vereinbaren reservieren reservierung',
      refund: 'erstattung ruckerstattung erstatten zuruckerstatten geld zuruck',
      pay: 'zahlen zahlung bezahlen bezahlung zahle',
      warranty: 'garantie gewahrleistung garantieren',
      cancel: 'stornieren stornierung absagen absage',
      emergency: 'notfall notfalle notdienst dringend',
      estimate: 'kostenvoranschlag angebot schatzung',
      email: 'mail',
      phone: 'telefon telefonnummer nummer handy',
      address: 'adresse standort wo',
      install: 'installieren installation einbauen einbau austauschen austausch ersetzen wechseln tauschen montage montieren',
      repair: 'reparieren reparatur reparaturen reparatu',
      parking: 'parken parkplatz parkplatze',
      insurance: 'versicherung versichert krankenkasse kasse',
      service: 'service',
      duration: 'lange dauer dauert dauern',
      rent: 'mieten miete mietet leihen ausleihen verleih verleihen leiht',
    },
    suffixes: ['ungen', 'ung', 'en', 'er', 'e', 's'],
  },
  patterns: {
    rejection: [
      'das hilft (?:mir )?(?:nicht|nichts|kein bisschen|wenig)|hilft mir nicht|nicht hilfreich|keine hilfe',
      'das ist nicht (?:meine frage|was ich (?:gefragt|wollte|meine|meinte|wissen wollte)|die antwort|richtig)|nicht was ich gefragt',
      '(?:das )?(?:haben sie|hast du) (?:doch )?(?:schon|bereits) gesagt|sie wiederholen sich|du wiederholst dich',
      '(?:sie verstehen|du verstehst) (?:mich )?nicht|(?:beantwortet|beantworten|beantwortest) (?:meine frage )?nicht|falsche antwort',
      'hat (?:damit )?nichts (?:damit )?zu tun',
    ],
    shortRejection: ['nutzlos|sinnlos|unsinn|falsch|bringt nichts|quatsch'],
    person: [
      'mit (?:einem |einer |jemandem|dem |der )?(?:mensch|menschen|mitarbeiter|mitarbeiterin|person|berater|beraterin|jemandem|chef|inhaber) (?:sprechen|reden)',
    ],
  },
};
