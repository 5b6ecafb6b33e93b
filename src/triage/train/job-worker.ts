/** Worker-thread entry: trains one ensemble member per message (see jobs.ts). */
import { parentPort } from 'node:worker_threads';
import { trainMember, type MemberJob } from './recipe.ts';

parentPort!.on('message', (job: MemberJob) => {
  const result = trainMember(job);
  const { params } = result;
  const transfer = [params.tokens, params.bigrams, params.trigrams, params.w1, params.b1, params.w2, params.b2].map(
    (a) => a.buffer as ArrayBuffer,
  );
  parentPort!.postMessage(result, transfer);
});
