/**
 * A conversation's messages by their server `seq`, as both clients keep them. The server numbers
 * each conversation's messages without gaps, so "everything up to n" is a single number to resync
 * from, and a message beyond it means something was missed (a dropped packet, a reconnect race).
 */

/** The highest `seq` from `from` on with every earlier one present: what to ask for after. */
export function contiguousSeq(has: (seq: number) => boolean, from = 0): number {
  let seq = from;
  while (has(seq + 1)) seq += 1;
  return seq;
}

/** Whether any of these `seq`s lies beyond the contiguous run, i.e. a gap must be fetched. */
export const beyondGap = (seqs: readonly number[], contiguous: number): boolean => seqs.some((seq) => seq > contiguous);

export class SequenceLog<T extends { seq: number }> {
  private readonly bySeq = new Map<number, T>();

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.put(item);
  }

  put(item: T): void {
    this.bySeq.set(item.seq, item);
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  /** The highest `seq` with every earlier one present. */
  get contiguous(): number {
    return contiguousSeq((seq) => this.bySeq.has(seq));
  }

  /** Stores `items` and says whether one of them arrived beyond a gap. */
  merge(items: readonly T[]): { gap: boolean } {
    for (const item of items) this.put(item);
    return {
      gap: beyondGap(
        items.map((i) => i.seq),
        this.contiguous,
      ),
    };
  }

  /** Everything held, in `seq` order. */
  list(): T[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}
