/** The real model files, loaded in Node the way the command line loads them: local files only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { LABELS } from '../../src/triage/labels.ts';
import { loadTriageModel, MODEL_ID, type TriageModel } from '../../src/triage/model.ts';
import { MODELS_DIR } from '../../src/triage/node/run.ts';

const EDGE_CASES = {
  empty: '',
  long: 'my order is late and nobody answers. '.repeat(300).slice(0, 10_000),
  emoji: '😡😡😡🤬',
  arabic: 'أريد التحدث مع شخص حقيقي الآن',
  hebrew: 'ההזמנה שלי הגיעה שבורה',
};

describe('the triage model in Node', () => {
  let model: TriageModel;
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];

  before(async () => {
    globalThis.fetch = (input: string | URL | Request) => {
      fetched.push(String(input));
      return Promise.reject(new Error('no network in this test'));
    };
    model = await loadTriageModel({ localModelPath: MODELS_DIR });
  });
  after(() => {
    globalThis.fetch = realFetch;
  });

  it('loads from local files with remote models disabled, fetching nothing', () => {
    assert.equal(env.allowRemoteModels, false);
    assert.equal(model.modelId, MODEL_ID);
    assert.deepEqual(fetched, []);
  });

  it('scores every label in [0, 1], in input order', async () => {
    const [gas, price] = await model.score(["there's a strong smell of gas in my kitchen", 'how much is a haircut?']);
    assert.ok(gas && price);
    for (const l of LABELS) assert.ok(gas[l] >= 0 && gas[l] <= 1 && price[l] >= 0 && price[l] <= 1, l);
    assert.ok(gas.safety > price.safety);
  });

  it('gives the same scores as the pipeline with top_k: null', async () => {
    const texts = ['I want to talk to a human', 'my card was charged twice'];
    const classify = await pipeline('text-classification', MODEL_ID, { dtype: 'q4' });
    const reference = (await classify(texts, { top_k: null })) as unknown as { label: string; score: number }[][];
    const ours = await model.score(texts);
    reference.forEach((row, i) => {
      for (const { label, score } of row) assert.ok(Math.abs((ours[i] as Record<string, number>)[label]! - score) < 1e-5, label);
    });
  });

  describe('tokenisation edge cases, through the real tokenizer', () => {
    it('starts with [CLS], ends short text with [SEP], and cuts long text at the model length', async () => {
      const tokenizer = await AutoTokenizer.from_pretrained(MODEL_ID);
      // As the model is fed: truncated to the tokenizer's model_max_length.
      const encode = (text: string): number[] => (tokenizer(text, { truncation: true }).input_ids.tolist() as bigint[][])[0]!.map(Number);
      for (const [name, text] of Object.entries(EDGE_CASES)) {
        const ids = encode(text);
        assert.ok(ids.length >= 2 && ids.length <= 128, `${name}: ${ids.length} tokens`);
        assert.equal(tokenizer.decode([ids[0]!]), '[CLS]', name);
        // Transformers.js cuts after adding [SEP], as the trainer does (train/wordpiece.ts).
        if (ids.length < 128) assert.equal(tokenizer.decode([ids.at(-1)!]), '[SEP]', name);
      }
      assert.equal(encode(EDGE_CASES.empty).length, 2);
      assert.equal(encode(EDGE_CASES.long).length, 128);
    });

    it('scores each of them, alone and batched with others', async () => {
      const texts = Object.values(EDGE_CASES);
      const batched = await model.score(texts);
      for (const [i, text] of texts.entries()) {
        const [alone] = await model.score([text]);
        for (const l of LABELS) {
          const score = batched[i]?.[l] ?? NaN;
          assert.ok(Number.isFinite(score) && score >= 0 && score <= 1, `${l} of ${JSON.stringify(text.slice(0, 20))}`);
          // Padding in a batch must not change a message's scores.
          assert.ok(Math.abs(score - (alone?.[l] ?? NaN)) < 1e-4, `${l} batched vs alone`);
        }
      }
    });
  });
});
