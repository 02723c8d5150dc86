// The outbox's wake-up alarm: set only when no earlier wake is pending; never cleared per event.
import { describe, expect, it } from 'vitest';
import { WakeAlarm } from '../../../src/outbox/wake';

function alarm() {
  let now = 10_000;
  const created: number[] = [];
  const w = new WakeAlarm(
    (when) => created.push(when),
    () => now,
  );
  return { w, created, tick: (ms: number) => (now += ms) };
}

describe('WakeAlarm', () => {
  it.each([
    ['a first wake is set', [[0, 15_000]], [15_000]],
    [
      'a later wake while an earlier one is pending is not set again',
      [
        [0, 15_000],
        [10, 15_010],
      ],
      [15_000],
    ],
    [
      'an earlier wake replaces a later pending one',
      [
        [0, 60_000],
        [10, 15_010],
      ],
      [60_000, 15_010],
    ],
    [
      'once the pending one went off, the next is set',
      [
        [0, 15_000],
        [6_000, 21_000],
      ],
      [15_000, 21_000],
    ],
    [
      'nothing to wake for: no call (the pending alarm wakes an empty outbox once)',
      [
        [0, 15_000],
        [10, undefined],
      ],
      [15_000],
    ],
    ['a wake in the past or too soon is moved to 1 s ahead', [[0, 5_000]], [11_000]],
  ] as const)('%s', (_, steps, want) => {
    const a = alarm();
    for (const [after, at] of steps) {
      a.tick(after);
      a.w.schedule(at);
    }
    expect(a.created).toEqual(want);
  });
});
