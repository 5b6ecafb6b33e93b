/** The knowledge schema: what a site writes under "knowledge" in the sites configuration. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Knowledge, KNOWLEDGE_LIMITS } from '../../src/assistant/knowledge.ts';
import { plumbing } from './fixtures.ts';

/** `path: message` for each issue, as the server prints them. */
function issues(raw: unknown): string[] {
  const result = Knowledge.safeParse(raw);
  assert.equal(result.success, false, 'expected the knowledge to be refused');
  return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
}

const entry = { id: 'refund-policy', question: 'What is your refund policy?', answer: 'Within 90 days.' };

describe('Knowledge schema', () => {
  test('the plumbing knowledge parses, trimmed, with nothing lost', () => {
    const k = Knowledge.parse(plumbing);
    assert.equal(k.faq.length, 12);
    assert.equal(k.facts.prices?.length, 4);
    assert.equal(k.facts.phone, '(555) 010-0199');
    assert.deepEqual(k.faq.find((e) => e.id === 'gas-leak')?.keywords?.includes('smell gas'), true);
  });

  test('facts and faq default to empty', () => {
    assert.deepEqual(Knowledge.parse({}), { facts: {}, faq: [] });
    assert.deepEqual(Knowledge.parse({ facts: { hours: '  Mon-Fri 9-5 ' } }).facts, { hours: 'Mon-Fri 9-5' });
  });

  test('a missing or empty field is named', () => {
    assert.deepEqual(issues({ faq: [{ id: 'a', question: 'Q?' }] }), ['faq.0.answer: answer is required']);
    assert.deepEqual(issues({ faq: [{ ...entry, question: '   ' }] }), ['faq.0.question: question must not be empty']);
    assert.deepEqual(issues({ faq: [{ ...entry, answer: 42 }] }), ['faq.0.answer: answer must be text']);
    assert.deepEqual(issues({ facts: { prices: [{ item: 'Flush' }] } }), ['facts.prices.0.price: price is required']);
  });

  test('ids must be slugs and unique', () => {
    assert.match(issues({ faq: [{ ...entry, id: 'Refund Policy' }] })[0] ?? '', /^faq\.0\.id: id must be a slug/);
    assert.deepEqual(issues({ faq: [entry, { ...entry }] }), ['faq.1.id: duplicate FAQ id "refund-policy"']);
  });

  test('a misspelt key is refused, not ignored', () => {
    assert.deepEqual(issues({ faq: [{ id: 'a', question: 'Q?', answer: 'A.', keyword: ['x'] }] }), ['faq.0: Unrecognized key: "keyword"']);
    assert.deepEqual(issues({ facts: { openingHours: '9-5' } }), ['facts: Unrecognized key: "openingHours"']);
  });

  test('email and phone are checked', () => {
    assert.deepEqual(issues({ facts: { email: 'hello at example' } }), ['facts.email: email must be an email address such as "hello@example.com"']);
    assert.match(issues({ facts: { phone: 'call us!' } })[0] ?? '', /^facts\.phone: phone must be a phone number/);
  });

  test('limits: answer length, number of entries, keywords', () => {
    const long = 'x'.repeat(KNOWLEDGE_LIMITS.answerChars + 1);
    assert.deepEqual(issues({ faq: [{ ...entry, answer: long }] }), ['faq.0.answer: answer must be at most 2000 characters']);
    assert.equal(Knowledge.safeParse({ faq: [{ ...entry, answer: long.slice(1) }] }).success, true);
    const many = Array.from({ length: KNOWLEDGE_LIMITS.faqEntries + 1 }, (_, i) => ({ ...entry, id: `q-${i}` }));
    assert.deepEqual(issues({ faq: many }), ['faq: faq must have at most 500 entries']);
    const keywords = Array.from({ length: KNOWLEDGE_LIMITS.keywords + 1 }, (_, i) => `k${i}`);
    assert.deepEqual(issues({ faq: [{ ...entry, keywords }] }), ['faq.0.keywords: keywords must list at most 30 words']);
  });
});
