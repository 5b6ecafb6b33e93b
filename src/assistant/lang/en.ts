/** English: the assistant's lines and the words it recognises. */
import type { LangPack } from './types.ts';

const TALK = '"Talk to a person"';

export const en: LangPack = {
  code: 'en',
  name: 'English',
  lines: {
    smallTalk: {
      greeting: 'Hi! Ask me about {site}: hours, prices, booking and more.',
      thanks: "You're welcome! Anything else I can help with?",
      ack: 'Glad that helps. Anything else?',
      bye: 'Thanks for stopping by. Bye!',
      wellbeing: "I'm well, thanks for asking! What can I help you with?",
      identity: `I'm the automated assistant of {site}: I answer from what {site} publishes. A person is one tap away: ${TALK}.`,
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
    price: '{item}: {price}',
    onlyIn: 'This is only published in {language}:',
    safetyDefault:
      'If anyone is in danger, get to a safe place now and call {number}. If you smell gas or smoke, leave the building without switching anything on or off, and call from outside.',
    safetyOwn: 'What {site} says to do (published in {language}):',
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
  words: {
    stop:
      'a an the and or but if so to of in on at for from by with about as into than then is are was were be been ' +
      'being am do does did doing done i me my mine you your yours we us our it its this that these those there here ' +
      'what which who whom whose how when why can could would should will shall may might must just please pls ' +
      'plz hi hello hey ok okay thanks thank yes yeah yep no not dont doesnt didnt isnt arent wasnt cant wont im ive ' +
      'youre u ur r hw wat wht take taking go going make use whats hows whos thats theres heres have has had ' +
      'having get got also too very really any some one anything something guys sort like want wanted wanna need ' +
      'needs know tell let lets ask asking question wondering wonder their them they he she him her all many more most ' +
      'other such only own same up down out off over again still even ever well roughly approx approximately usually ' +
      'typically generally would anyone someone',
    smallTalk: {
      thanks: 'thanks thank thx ty tysm cheers appreciate appreciated',
      bye: 'bye goodbye byebye cya later',
      greeting: 'hi hello hey heya hiya howdy yo morning afternoon evening',
      ack: 'ok okay okey k kk great perfect cool got sure alright nice awesome good fine understood noted excellent wonderful lol haha',
    },
    smallTalkPhrases: {
      wellbeing: [
        'how are you',
        'how are you doing',
        'how r u',
        'how are u',
        'hows it going',
        'how it going',
        'how is it going',
        'how you doing',
        'you ok',
      ],
      identity: [
        'are you a bot',
        'are you a robot',
        'are you human',
        'are you a human',
        'are you real',
        'are you a real person',
        'are you a person',
        'is this a bot',
        'is this a robot',
        'is this a real person',
        'who are you',
        'who am i talking to',
        'who am i talking with',
        'am i talking to a bot',
        'am i talking to a robot',
        'are you ai',
        'are you an ai',
        'is this ai',
        'is this automated',
      ],
    },
    filler:
      'now today mate buddy man very kind of you a lot so much very it that you for the help helps helped your all oh ah well and guys folks there everyone team again see sounds yes yeah yep that s great',
    concepts: {
      price: 'price prices pricing priced cost costs costing charge charges charged fee fees rate rates much expensive cheap',
      hours: 'hours hour open opening opens close closing closes',
      book: 'book booking booked appointment appointments schedule scheduling reserve reservation',
      refund: 'refund refunds refunded reimburse reimbursement',
      pay: 'pay paying payment payments paid',
      warranty: 'warranty warranties guarantee guarantees guaranteed',
      cancel: 'cancel cancels cancelled canceled cancelling canceling cancellation cancelation',
      emergency: 'emergency emergencies urgent',
      estimate: 'estimate estimates quote quotes quotation',
      email: 'email emails mail',
      phone: 'phone telephone number',
      address: 'address located location where wheres',
      install: 'install installs installed installing installation installations replace replaced replacing replacement fit fitted fitting',
      repair: 'repair repairs repaired repairing fix fixes fixed fixing mend',
      parking: 'parking park',
      insurance: 'insurance insurances insured insurer',
      service: 'service services',
      duration: 'long duration turnaround',
      rent: 'rent rents rental rentals renting hire hiring',
    },
    suffixes: ['ations', 'ation', 'ings', 'ing', 'ies', 'es', 's', 'ed', 'en', 'er', 'e'],
  },
  patterns: {
    rejection: [
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
    ],
    shortRejection: ['useless|pointless|unhelpful|wrong|nope|not helpful|not really|irrelevant|no no|not that'],
    person: [
      '(?:talk|speak|chat) (?:to|with) (?:a |an |the |some |your )?(?:human|person|someone|somebody|agent|representative|rep|manager|owner|staff|real person|live person|live agent)',
      '(?:a |an )?(?:real |live |actual )?(?:human|person|agent|representative) please|get me (?:a |an )?(?:human|person|agent|manager)|transfer me',
    ],
  },
};
