/** Small helpers for browser tests: assertions and waiting for what a user would eventually see. */
import { executeServerCommand } from '@web/test-runner-commands';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}\n  expected ${e}\n  actual   ${a}`);
}

export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

export interface BatonTestServer {
  url: string;
  proxyUrl: string;
  siteKey: string;
}

export const batonServer = (): Promise<BatonTestServer> => executeServerCommand('baton-server') as Promise<BatonTestServer>;
export const proxy = (mode: 'pass' | 'drop-downstream', cut = false): Promise<unknown> =>
  executeServerCommand('baton-proxy', { mode, cut });
export const restartServer = (): Promise<unknown> => executeServerCommand('baton-restart');
export const storedOnServer = (conversationId: string) =>
  executeServerCommand('baton-stored', { conversationId }) as Promise<{ seq: number; id: string; role: string; text: string }[]>;
export const staffReplies = (conversationId: string, reply: string, name?: string) =>
  executeServerCommand('baton-staff', { conversationId, reply, name }) as Promise<{ claimed: boolean }>;

export const uniqueDbName = (): string => `baton-test-${crypto.randomUUID()}`;

/** The triage worker and model as the test runner serves them from the repository. */
export const triageUrlsForTests = () => ({
  workerUrl: new URL('/src/triage/worker.ts', location.href),
  modelsUrl: new URL('/public/models/', location.href),
});
