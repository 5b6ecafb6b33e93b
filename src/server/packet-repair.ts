/**
 * A hand-off packet with a field the schema refuses still carries everything else a person needs,
 * and refusing the hand-off would leave the visitor waiting for nobody. So the packet is repaired
 * rather than refused: a number out of range is clamped, text or a list that is too long is cut,
 * an optional field that is wrong is left out, a list item that is wrong is dropped, and anything
 * else goes back to its empty value. Every repair is reported, so it can be logged.
 */
import { HandoffPacket } from '../protocol/schemas.ts';

const BLANK: HandoffPacket = {
  asked: { first: '', latest: '', needs: [] },
  understood: { need: '', messages: [] },
  tried: [],
  collected: [],
  why: { action: 'handoff', reasons: [] },
  mood: [],
  pagesSeen: [],
  localTime: '',
  timeOnSiteMs: 0,
};

type Path = readonly PropertyKey[];

const isObject = (v: unknown): v is Record<PropertyKey, unknown> => typeof v === 'object' && v !== null;

function at(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) v = isObject(v) ? v[key] : undefined;
  return v;
}

function set(root: unknown, path: Path, value: unknown): void {
  const parent = at(root, path.slice(0, -1));
  if (isObject(parent)) parent[path.at(-1)!] = value;
}

const show = (path: Path): string => path.map(String).join('.') || 'packet';

export interface RepairedPacket {
  /** The packet as stored; absent when there was none, or nothing of it could be kept. */
  packet?: HandoffPacket;
  /** What was changed, one line per repair ("why.reasons.2.score: … (clamped to 1)"). */
  repairs: string[];
}

export function repairPacket(raw: unknown): RepairedPacket {
  if (raw === undefined) return { repairs: [] };
  if (!isObject(raw) || Array.isArray(raw)) return { repairs: ['packet: is not an object (left out)'] };
  const repairs: string[] = [];
  const value: unknown = structuredClone(raw);
  /** Paths whose field was left out once already: if it is still wrong, it was required. */
  const leftOut = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const parsed = HandoffPacket.safeParse(value);
    if (parsed.success) return { packet: parsed.data, repairs };
    const drops = new Map<unknown[], Set<number>>();
    for (const issue of parsed.error.issues) {
      const path = issue.path;
      const current = at(value, path);
      const said = `${show(path)}: ${issue.message}`;
      if (
        (issue.code === 'too_big' || issue.code === 'too_small') &&
        typeof current === 'number' &&
        typeof (issue as { maximum?: unknown; minimum?: unknown }).maximum !== 'bigint'
      ) {
        const bound = Number(
          issue.code === 'too_big' ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum,
        );
        set(value, path, bound);
        repairs.push(`${said} (clamped to ${bound})`);
        continue;
      }
      if (issue.code === 'too_big' && (typeof current === 'string' || Array.isArray(current))) {
        const max = Number((issue as { maximum: number | bigint }).maximum);
        set(value, path, current.slice(0, max));
        repairs.push(`${said} (cut to ${max})`);
        continue;
      }
      const key = show(path);
      const inBlank = at(BLANK, path) !== undefined;
      if (!inBlank && path.length > 0 && !leftOut.has(key) && current !== undefined) {
        // Perhaps an optional field: leave it out and see whether the rest is whole.
        const parent = at(value, path.slice(0, -1));
        if (isObject(parent) && !Array.isArray(parent)) {
          delete parent[path.at(-1)!];
          leftOut.add(key);
          repairs.push(`${said} (left out)`);
          continue;
        }
      }
      // The nearest list item around the field is dropped; with none, the part is reset.
      const item = path.findLastIndex((k, i) => typeof k === 'number' && Array.isArray(at(value, path.slice(0, i))));
      if (item >= 0) {
        const list = at(value, path.slice(0, item)) as unknown[];
        if (!drops.has(list)) drops.set(list, new Set());
        drops.get(list)!.add(path[item] as number);
        repairs.push(`${said} (item ${show(path.slice(0, item + 1))} dropped)`);
        continue;
      }
      const top = path.length ? path.slice(0, 1) : [];
      if (top.length === 0) return { repairs: [...repairs, `${said} (packet left out)`] };
      set(value, top, structuredClone(at(BLANK, top)));
      repairs.push(`${said} (${show(top)} reset)`);
    }
    for (const [list, indices] of drops) {
      for (const i of [...indices].sort((a, b) => b - a)) list.splice(i, 1);
    }
  }
  return { repairs: [...repairs, 'packet: could not be repaired (left out)'] };
}
