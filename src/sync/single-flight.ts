/**
 * One run of an async task at a time, without losing a request that comes in during a run: the
 * run in flight goes round once more instead. Outbox flushes and sequence resyncs both need this,
 * since a second caller's reason to run (a new item, a newer `seq`) may postdate what the first
 * run already read.
 */
export class SingleFlight {
  private busy = false;
  private again = false;

  /**
   * @param task one pass of the work.
   * @param repeat asked before another pass; false drops the request (e.g. the socket is gone,
   *   and the next connect runs the task anyway).
   */
  constructor(
    private readonly task: () => Promise<void>,
    private readonly repeat: () => boolean = () => true,
  ) {}

  get running(): boolean {
    return this.busy;
  }

  /** Runs the task, or asks the run in flight for one more pass (and returns at once). */
  async run(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        await this.task();
      } while (this.again && this.repeat());
    } finally {
      this.busy = false;
    }
  }

  /** From inside a pass: the work it did made more work (e.g. it queued a message); go round again. */
  runAgain(): void {
    this.again = true;
  }
}
