import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { triageMessage } from '../../src/triage/engine.ts';
import { LABELS, type Label, type Scores } from '../../src/triage/labels.ts';
import modelInfo from '../../src/triage/model-info.json' with { type: 'json' };
import { decide, DEFAULT_POLICY, resolvePolicy, sitePolicySchema, type Finding } from '../../src/triage/policy.ts';

/** A score above the shipped model's threshold for `label` (and its hand-off point), whatever the retrained model chose. */
const above = (label: Label): number => (Math.max(modelInfo.thresholds[label], modelInfo.handoffThresholds[label]) + 1) / 2;
/** A score between the label threshold (offer) and the hand-off point. */
const between = (label: Label): number => (modelInfo.thresholds[label] + modelInfo.handoffThresholds[label]) / 2;

function scores(high: Partial<Record<Label, number>>): Scores {
  return Object.fromEntries(LABELS.map((l) => [l, high[l] ?? 0.01])) as Scores;
}

describe('default policy', () => {
  it('follows the brief', () => {
    for (const l of ['frustration', 'medical', 'legal', 'financial', 'safety', 'human_request'] as const) {
      assert.equal(DEFAULT_POLICY.labels[l].action, 'handoff', l);
    }
    for (const l of ['deal', 'exception', 'complaint', 'personal'] as const) assert.equal(DEFAULT_POLICY.labels[l].action, 'offer', l);
    assert.equal(DEFAULT_POLICY.signals.repetition, 'handoff');
    assert.equal(DEFAULT_POLICY.signals.explicit_human_request, 'handoff');
    assert.equal(DEFAULT_POLICY.signals.unresolved, 'handoff');
    assert.equal(DEFAULT_POLICY.signals.sentiment_drop, 'offer');
  });

  it('offers a person below the hand-off point and hands off above it; safety hands off at its label threshold', () => {
    for (const l of ['frustration', 'medical', 'legal', 'financial', 'human_request'] as const) {
      assert.ok((DEFAULT_POLICY.labels[l].handoffAt ?? 0) >= DEFAULT_POLICY.labels[l].threshold, l);
    }
    assert.equal(DEFAULT_POLICY.labels.safety.handoffAt, DEFAULT_POLICY.labels.safety.threshold);
    const l = (['frustration', 'financial', 'medical', 'legal', 'human_request'] as const).find(
      (x) => modelInfo.handoffThresholds[x] > modelInfo.thresholds[x],
    );
    assert.ok(l, 'at least one label has a gap between offering and handing off');
    const offered = triageMessage('hmm', scores({ [l]: between(l) }));
    assert.equal(offered.decision.action, 'offer');
    assert.deepEqual(offered.labels, [l], 'the label is still seen, and staff see it');
    assert.equal(offered.decision.reasons[0]?.threshold, modelInfo.thresholds[l]);
    const handedOff = triageMessage('hmm', scores({ [l]: above(l) }));
    assert.equal(handedOff.decision.action, 'handoff');
    assert.equal(handedOff.decision.reasons[0]?.threshold, DEFAULT_POLICY.labels[l].handoffAt);
  });

  it("takes each label's threshold from the model", () => {
    assert.deepEqual(modelInfo.labels, [...LABELS]);
    for (const l of LABELS) assert.equal(DEFAULT_POLICY.labels[l].threshold, modelInfo.thresholds[l]);
  });
});

describe('decide', () => {
  it('hands off above threshold, with the label, score and message as evidence', () => {
    const result = triageMessage('there is a gas smell in the hall', scores({ safety: 0.97 }), DEFAULT_POLICY, 'm7');
    assert.equal(result.decision.action, 'handoff');
    assert.deepEqual(result.labels, ['safety']);
    const [reason] = result.decision.reasons;
    assert.equal(reason?.kind, 'label');
    assert.equal(reason?.name, 'safety');
    assert.equal(reason?.score, 0.97);
    assert.equal(reason?.threshold, modelInfo.thresholds.safety);
    assert.equal(reason?.messageId, 'm7');
    assert.equal(reason?.evidence[0]?.text, 'there is a gas smell in the hall');
  });

  it('puts the most severe reasons first and acts on them', () => {
    const result = triageMessage(
      'can I get a discount? WHERE IS EVERYONE TODAY',
      scores({ deal: above('deal'), frustration: above('frustration') }),
    );
    assert.equal(result.decision.action, 'handoff');
    assert.deepEqual(
      result.decision.reasons.map((r) => [r.name, r.action]),
      [
        ['frustration', 'handoff'],
        ['deal', 'offer'],
        ['shouting', 'flag'],
      ],
    );
  });

  it('offers a person for a deal, and does nothing for a routine message', () => {
    assert.equal(triageMessage('bulk price for 500?', scores({ deal: above('deal') })).decision.action, 'offer');
    assert.deepEqual(triageMessage('what time do you open?', scores({})).decision, { action: 'none', reasons: [] });
  });

  it("applies a site's hand-off point, and keeps a sensible one when only the threshold is set", () => {
    const site = resolvePolicy({ labels: { financial: { threshold: 0.3, handoffAt: 0.6 }, deal: { action: 'handoff', threshold: 0.4 } } });
    assert.equal(triageMessage('x', scores({ financial: 0.5 }), site).decision.action, 'offer');
    assert.equal(triageMessage('x', scores({ financial: 0.7 }), site).decision.action, 'handoff');
    assert.ok((site.labels.deal.handoffAt ?? 0) >= 0.4, 'a label made to hand off gets a hand-off point at or above its threshold');
    assert.equal(sitePolicySchema().safeParse({ labels: { financial: { handoffAt: 1.2 } } }).success, false);
  });

  it("applies a site's thresholds and actions", () => {
    const site = resolvePolicy({ labels: { deal: { action: 'off' }, complaint: { threshold: 0.95 } }, signals: { shouting: 'offer' } });
    const result = triageMessage('THE BOX WAS DAMAGED, DISCOUNT?', scores({ deal: 0.9, complaint: 0.9 }), site);
    assert.deepEqual(
      result.decision.reasons.map((r) => r.name),
      ['shouting'],
    );
    assert.equal(result.decision.action, 'offer');
  });

  it('takes findings from any source', () => {
    const finding: Finding = { kind: 'signal', name: 'unresolved', messageId: 'x', score: 3, evidence: [] };
    assert.equal(decide([finding]).action, 'handoff');
    assert.equal(decide([finding], resolvePolicy({ signals: { unresolved: 'flag' } })).action, 'flag');
  });
});

describe('site policy schema', () => {
  it('fills in the defaults', () => {
    assert.deepEqual(sitePolicySchema().parse({}), DEFAULT_POLICY);
    const parsed = sitePolicySchema().parse({ labels: { deal: { threshold: 0.5 } }, unresolvedAfter: 3 });
    assert.equal(parsed.labels.deal.threshold, 0.5);
    assert.equal(parsed.labels.deal.action, 'offer');
    assert.equal(parsed.unresolvedAfter, 3);
  });

  it('rejects unknown labels, signals, actions and out-of-range thresholds', () => {
    for (const bad of [
      { labels: { anger: { action: 'handoff' } } },
      { signals: { typing_fast: 'flag' } },
      { signals: { shouting: 'escalate' } },
      { labels: { safety: { threshold: 1.5 } } },
      { unresolvedAfter: 0 },
      { extra: true },
    ]) {
      assert.equal(sitePolicySchema().safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
