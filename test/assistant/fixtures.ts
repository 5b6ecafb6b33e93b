/** A realistic plumbing company's knowledge, as a site would write it in the sites configuration. */
import type { KnowledgeInput } from '../../src/assistant/knowledge.ts';

export const SITE_NAME = 'Brightwater Plumbing';

export const plumbing = {
  facts: {
    hours: 'Mon–Fri 7am–7pm, Sat 8am–2pm, closed Sunday. Emergency line 24/7.',
    serviceArea: 'Springfield, Shelbyville, Capital City and Ogdenville, within 25 miles of downtown Springfield.',
    phone: '(555) 010-0199',
    email: 'hello@brightwater.example',
    address: '742 Evergreen Terrace, Springfield',
    prices: [
      { item: 'Drain cleaning (single fixture)', price: 'from $149', note: 'Sink, tub or shower; includes up to 100 ft of cable' },
      { item: 'Water heater flush', price: '$129' },
      { item: 'Service call', price: '$89', note: 'Waived if you go ahead with the repair' },
      { item: 'Water heater install (40–50 gal tank)', price: 'from $1,450', note: 'Includes haul-away of the old tank' },
    ],
  },
  faq: [
    {
      id: 'refund-policy',
      question: 'What is your refund policy?',
      answer:
        "If a repair we made fails within 90 days, we come back and fix it free. If we can't fix it, we refund the labour for that repair. Parts are refunded according to the manufacturer's terms.",
      keywords: ['money back', 'refund'],
    },
    {
      id: 'payment-methods',
      question: 'What payment methods do you accept?',
      answer: 'We accept Visa, Mastercard, American Express, Discover, cash and checks. Payment is due when the job is complete.',
      keywords: ['credit card', 'visa', 'mastercard', 'amex', 'cash', 'check', 'cheque', 'apple pay'],
    },
    {
      id: 'warranty',
      question: 'Do you guarantee your work?',
      answer: 'Yes. Labour is guaranteed for 1 year, and new water heaters carry the manufacturer warranty (6–12 years) on top.',
      keywords: ['warranty', 'guarantee', 'workmanship'],
    },
    {
      id: 'emergency-service',
      question: 'Do you offer 24/7 emergency service?',
      answer:
        'Yes. For burst pipes, flooding or sewage backups call our emergency line at (555) 010-0199 any time, day or night. After-hours visits have a $75 surcharge.',
      keywords: ['after hours', 'night', 'weekend', 'burst pipe', 'flooding', 'urgent'],
    },
    {
      id: 'free-estimates',
      question: 'Do you give free estimates?',
      answer: 'Yes, estimates for replacements and remodels are free. Diagnosing a problem on site is a standard $89 service call.',
      keywords: ['quote', 'estimate', 'free quote'],
    },
    {
      id: 'licensed-insured',
      question: 'Are you licensed and insured?',
      answer:
        'Yes. Brightwater Plumbing is a licensed master plumber (license #PL-20417) and fully insured, including liability and workers’ compensation.',
      keywords: ['license', 'licence', 'insurance', 'bonded', 'certified'],
    },
    {
      id: 'tankless-heaters',
      question: 'Do you install tankless water heaters?',
      answer:
        'Yes. We install and service gas and electric tankless water heaters from Rinnai, Navien and Rheem. We start with a free in-home estimate.',
      keywords: ['tankless', 'on-demand water heater', 'rinnai', 'navien'],
    },
    {
      id: 'gas-leak',
      question: 'What should I do if I smell gas?',
      answer:
        'Leave the building now, without switching lights or appliances on or off, and call the gas company’s emergency number or 911 from outside. Do not try to find the leak yourself. Once the gas company has made it safe, we can repair the gas line.',
      keywords: ['gas leak', 'smell gas', 'gas smell', 'rotten eggs'],
    },
    {
      id: 'booking',
      question: 'How do I book or reschedule an appointment?',
      answer:
        'Book online with the "Book a visit" button, or call (555) 010-0199. To reschedule, reply to your confirmation text or call us at least 24 hours before your slot.',
      keywords: ['book', 'schedule', 'reschedule', 'appointment', 'move my appointment', 'change my appointment'],
    },
    {
      id: 'cancellation-fee',
      question: 'Is there a cancellation fee?',
      answer: 'Cancelling is free up to 24 hours before your appointment. Later cancellations or a missed visit cost $50.',
      keywords: ['cancel', 'cancellation', 'no show'],
    },
    {
      id: 'service-area',
      question: 'Which areas do you serve?',
      answer: 'We serve Springfield, Shelbyville, Capital City and Ogdenville, within 25 miles of downtown Springfield.',
      keywords: ['service area', 'towns', 'come to', 'do you cover', 'near me'],
    },
    {
      id: 'financing',
      question: 'Do you offer financing?',
      answer:
        'Yes. Water heater and repipe jobs over $1,000 can be financed over 12 to 60 months through our lending partner, subject to approval.',
      keywords: ['financing', 'payment plan', 'monthly payments', 'instalments', 'installments', 'loan'],
    },
  ],
} satisfies KnowledgeInput;
