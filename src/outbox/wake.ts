/**
 * The outbox's wake-up alarm with as few alarms API calls as it needs (each is a round trip to the
 * browser process, and the drain asked for two per delivered event: a watchdog when a request starts,
 * a clear when the queue empties). An alarm already due no later than the time asked for is kept (it
 * wakes the outbox earlier, which only drains what is due); an alarm left when the queue empties is not
 * cleared (it wakes an empty outbox once, which does nothing). Chrome clamps alarms to ≥ 1 s ahead here.
 */
export class WakeAlarm {
  /** When the alarm this worker last set goes off (unknown after a restart: set again). */
  private at?: number;

  constructor(
    private readonly create: (when: number) => void,
    private readonly now: () => number,
  ) {}

  schedule(at: number | undefined): void {
    if (at === undefined) return;
    const now = this.now();
    const when = Math.max(at, now + 1000);
    if (this.at !== undefined && this.at > now && this.at <= when) return;
    this.at = when;
    this.create(when);
  }
}
