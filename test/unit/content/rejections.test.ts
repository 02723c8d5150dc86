// Rejection floods (issue 14 item 10): a page chooses the text rejections are keyed on, so it must not
// be able to fill the bounded journal with them. Fake clock: vi's timers drive both Date.now and setTimeout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_KEYS_PER_MINUTE, RejectionCounter } from '../../../src/content/rejections';
import type { ContentMessage } from '../../../src/protocol';

type Rejected = Extract<ContentMessage, { type: 'rejected' }>;

let sent: Rejected[];
let counter: RejectionCounter;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  sent = [];
  counter = new RejectionCounter((m) => sent.push(m));
});
afterEach(() => {
  vi.useRealTimers();
});

const total = (list: Rejected[]) => list.reduce((n, m) => n + m.count, 0);
const SUMMARY = /more rejections from this page were not itemised/;

describe('rejection floods', () => {
  it.each([
    ['distinct reasons', (i: number) => ['https://crm.test', `untrusted origin x${i}`] as const],
    ['distinct origins', (i: number) => [`https://evil${i}.test`, 'untrusted origin'] as const],
    ['one key, repeated', (_i: number) => ['https://evil.test', 'untrusted origin'] as const],
  ])('%s: at most 2 × the key bound + 1 reports a minute, every rejection counted', (_name, key) => {
    const N = 10_000;
    for (let i = 0; i < N; i++) {
      const [origin, reason] = key(i);
      counter.add('roxchat', origin, reason, { i });
      if (i % 100 === 99) vi.advanceTimersByTime(500); // 10,000 over 50 seconds
    }
    vi.advanceTimersByTime(60_000);
    expect(sent.length).toBeLessThanOrEqual(2 * MAX_KEYS_PER_MINUTE + 1);
    expect(total(sent)).toBe(N);
  });

  it('the summary says how many were not itemised, once, at the end of the minute', () => {
    for (let i = 0; i < 500; i++) counter.add('roxchat', `https://evil${i}.test`, 'untrusted origin', i);
    vi.advanceTimersByTime(250);
    expect(sent).toHaveLength(MAX_KEYS_PER_MINUTE);
    expect(sent.every((m) => m.count === 1 && !SUMMARY.test(m.reason))).toBe(true);
    vi.advanceTimersByTime(59_000);
    expect(sent).toHaveLength(MAX_KEYS_PER_MINUTE);
    vi.advanceTimersByTime(1_000);
    const summary = sent.at(-1);
    expect(summary).toMatchObject({
      type: 'rejected',
      platform: 'roxchat',
      origin: `https://evil${MAX_KEYS_PER_MINUTE}.test`,
      count: 500 - MAX_KEYS_PER_MINUTE,
    });
    expect(summary?.reason).toBe(
      `${500 - MAX_KEYS_PER_MINUTE} more rejections from this page were not itemised: more than ${MAX_KEYS_PER_MINUTE} different rejections in a minute (the page may be flooding the journal)`,
    );
    expect(sent.filter((m) => SUMMARY.test(m.reason))).toHaveLength(1);
  });

  it('a rejection is reported within 250 ms; its repeats that minute once, with their count, when it ends', () => {
    counter.add('ucontact', 'https://a.test', 'untrusted origin', { first: true });
    counter.add('ucontact', 'https://a.test', 'untrusted origin', { second: true });
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([
      {
        type: 'rejected',
        platform: 'ucontact',
        origin: 'https://a.test',
        reason: 'untrusted origin',
        count: 2,
        sample: { first: true },
      },
    ]);
    for (let i = 0; i < 7; i++) counter.add('ucontact', 'https://a.test', 'untrusted origin', i);
    vi.advanceTimersByTime(30_000);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(30_000);
    expect(sent.slice(1)).toEqual([
      {
        type: 'rejected',
        platform: 'ucontact',
        origin: 'https://a.test',
        reason: 'untrusted origin',
        count: 7,
      },
    ]);
    // Nothing more to say: no further reports, however long the page stays open.
    vi.advanceTimersByTime(10 * 60_000);
    expect(sent).toHaveLength(2);
  });

  it('after a flooded minute, a genuine rejection is itemised again', () => {
    for (let i = 0; i < 1000; i++) counter.add(undefined, `https://evil${i}.test`, 'flood');
    vi.advanceTimersByTime(60_000);
    const before = sent.length;
    counter.add('roxchat', 'https://127.0.0.3', 'not from a detected workspace iframe', { real: 1 });
    vi.advanceTimersByTime(250);
    expect(sent.slice(before)).toEqual([
      expect.objectContaining({
        reason: 'not from a detected workspace iframe',
        count: 1,
        sample: { real: 1 },
      }),
    ]);
  });

  it('the same reason from another page is its own counter: bounds are per page', () => {
    const other: Rejected[] = [];
    const second = new RejectionCounter((m) => other.push(m));
    for (let i = 0; i < 100; i++) counter.add(undefined, `https://evil${i}.test`, 'flood');
    second.add('roxchat', 'https://127.0.0.3', 'untrusted origin');
    vi.advanceTimersByTime(250);
    expect(other).toHaveLength(1);
    expect(sent).toHaveLength(MAX_KEYS_PER_MINUTE);
  });
});
