/**
 * Runs member-training jobs on a small pool of worker threads. Each result depends only on its job,
 * never on scheduling, so training stays deterministic for any number of threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { trainMember, type MemberJob, type MemberResult } from './recipe.ts';

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

export async function runJobs(jobs: readonly MemberJob[], threads = defaultThreads()): Promise<MemberResult[]> {
  if (threads <= 1 || jobs.length <= 1) return jobs.map(trainMember);
  const results: MemberResult[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(threads, jobs.length) },
    () => new Worker(new URL('./job-worker-boot.mjs', import.meta.url)),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= jobs.length) return resolve();
              const index = next++;
              worker.once('message', (result: MemberResult) => {
                results[index] = result;
                give();
              });
              worker.postMessage(jobs[index]);
            };
            worker.once('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
