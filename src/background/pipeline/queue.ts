/** Jobs run one at a time, in the order given; a failed job is logged and the next one runs. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(private readonly label: string) {}
  enqueue(job: () => Promise<void>): void {
    this.tail = this.tail
      .then(job)
      .catch((e: unknown) => console.error(`[crm-bridge] ${this.label} failed`, e));
  }
  /** Settles once everything queued so far has run (tests). */
  idle(): Promise<unknown> {
    return this.tail;
  }
}
