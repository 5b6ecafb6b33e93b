/** The real model in a real module worker, through the main-thread client; and what happens when it cannot load. */
import { TriageClient, TriageModelErrorEvent, TriageModelReadyEvent } from '../../src/triage/client.ts';
import type { Label } from '../../src/triage/labels.ts';
import { assert, equal } from '../support/browser.ts';

// Served by the test runner as they are in the repository; the built widget gets its URLs from
// src/triage/assets.ts instead.
const WORKER = new URL('/src/triage/worker.ts', location.href);
const MODELS = new URL('/public/models/', location.href);
const FIXTURES = new URL('/test/triage/fixtures/models/', location.href);

const CLEAR: Record<Label, string[]> = {
  frustration: [
    "this is ridiculous, I've been waiting three weeks and nobody answers!!",
    'worst service ever, I am so fed up with you people',
  ],
  human_request: ['can I speak to a real person please', 'I want to talk to a human, not a bot'],
  medical: ['my son is having an allergic reaction, his lips are swelling', "I'm pregnant, is it safe to use the hair dye you use?"],
  legal: ["I'm going to contact my lawyer and sue your company", 'please delete all my personal data under GDPR'],
  financial: ['you charged my card twice for the same order', "there's a charge on my account I never made, I think it's fraud"],
  safety: ["there's a strong smell of gas in my kitchen right now", "the outlet is sparking and there's smoke coming out of the wall"],
  deal: ['can you give me a discount if I order 200 units?', 'your competitor quoted $150, can you match that price?'],
  complaint: ['the vase arrived broken and the box was crushed', 'the technician never showed up for my appointment yesterday'],
  exception: [
    'can you come tonight after hours? I know you close at 6',
    'I know the return window closed last week but can I still return it?',
  ],
  personal: [
    'my husband passed away last month and I need to cancel his membership',
    'I just lost my job, is there any way to pause my plan?',
  ],
};

function errorsOf(client: TriageClient): string[] {
  const errors: string[] = [];
  client.addEventListener(TriageModelErrorEvent.eventName, (e) => errors.push((e as TriageModelErrorEvent).message));
  return errors;
}

describe('triage in a worker', () => {
  const client = new TriageClient({ workerUrl: WORKER, modelsUrl: MODELS });
  const errors = errorsOf(client);
  let ready: TriageModelReadyEvent | undefined;
  client.addEventListener(TriageModelReadyEvent.eventName, (e) => (ready = e as TriageModelReadyEvent));
  after(() => client.dispose());

  it('answers with the rules at once, before the model has loaded', async () => {
    equal(client.modelState, 'idle');
    const result = await client.triage([{ role: 'visitor', text: 'I want to talk to a human' }]);
    equal(result.scores, null);
    equal(result.decision.action, 'handoff');
    equal(result.signals, ['explicit_human_request']);
  });

  it('loads the real model and finds each label in unambiguous messages', async () => {
    await client.triage([{ role: 'visitor', text: 'hello' }], { waitForModel: true });
    assert(ready, `no model-ready event; errors: ${JSON.stringify(errors)}`);
    equal(client.modelState, 'ready');
    const missed: string[] = [];
    for (const [label, texts] of Object.entries(CLEAR)) {
      for (const text of texts) {
        const result = await client.triage([{ role: 'visitor', text }]);
        assert(result.scores, 'answered without the model');
        if (!result.labels.includes(label as Label)) missed.push(`${label}: "${text}" got [${result.labels.join(', ')}]`);
      }
    }
    equal(missed, [], 'labels missed');
    const routine = await client.triage([{ role: 'visitor', text: 'what time do you open on saturday?' }]);
    equal(routine.decision.action, 'none');
    equal(errors, []);
  });

  it('gives up a request when its signal aborts', async () => {
    const abort = new AbortController();
    const pending = client.triage([{ role: 'visitor', text: 'is parking free?' }], { signal: abort.signal });
    abort.abort(new DOMException('changed my mind', 'AbortError'));
    const outcome = await pending.then(
      () => 'answered',
      (e: unknown) => (e as DOMException).name,
    );
    equal(outcome, 'AbortError');
  });
});

describe('triage without a model', () => {
  /** `missing`: whether the reported error should be about a file that is not there. */
  async function degraded(modelsUrl: URL, modelId: string, missing: boolean): Promise<void> {
    const client = new TriageClient({ workerUrl: WORKER, modelsUrl, modelId });
    const errors = errorsOf(client);
    try {
      const first = await client.triage([{ role: 'visitor', text: 'WHERE IS MY ORDER???' }], { waitForModel: true });
      equal(first.scores, null);
      equal(first.signals, ['shouting', 'repeated_punctuation']);
      const second = await client.triage([{ role: 'visitor', text: 'quiero hablar con una persona' }], { waitForModel: true });
      equal(second.decision.action, 'handoff');
      equal(client.modelState, 'failed');
      equal(errors.length, 1, `errors: ${JSON.stringify(errors)}`);
      equal(/404|could not locate|not found/i.test(errors[0]!), missing, errors[0]);
    } finally {
      client.dispose();
    }
  }

  it('degrades to the rules, reported once, when the model files are missing', () => degraded(MODELS, 'triage-missing', true));

  it('degrades to the rules, reported once, when the model file is corrupt', () => degraded(FIXTURES, 'triage-corrupt', false));

  it('degrades to the rules, reported once, when the worker script cannot load', async () => {
    const client = new TriageClient({ workerUrl: '/no/such/worker.js', modelsUrl: MODELS });
    const errors = errorsOf(client);
    const result = await client.triage([{ role: 'visitor', text: 'hola' }], { waitForModel: true });
    equal(result.scores, null);
    await client.triage([{ role: 'visitor', text: 'hola?' }], { waitForModel: true });
    equal(errors.length, 1);
    client.dispose();
  });
});
