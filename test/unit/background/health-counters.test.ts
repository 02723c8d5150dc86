// The health report's counters (issue 19): durable (written on every change), counted only while the
// policy enables the report, and handed over per period without losing an attempt reported meanwhile.
import { describe, expect, it } from 'vitest';
import { HealthCounterStore } from '../../../src/background/health-counters';
import type { HealthCounters } from '../../../src/background/health-report';
import type { AttemptReport } from '../../../src/outbox/types';

const report = (status: AttemptReport['status'], url = 'https://crm.acme.com/api/notes?x=1'): AttemptReport =>
  ({ item: { ruleId: 'm-note', request: { url } }, status }) as AttemptReport;

function memory() {
  const box: { value?: HealthCounters; writes: number } = { writes: 0 };
  const store = {
    get: async () => (box.value ? structuredClone(box.value) : undefined),
    put: async (c: HealthCounters | undefined) => {
      box.value = c ? structuredClone(c) : undefined;
      box.writes++;
    },
  };
  return { box, store };
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const KEY = 'm-note\nhttps://crm.acme.com';

describe('HealthCounterStore', () => {
  it('counts nothing while the report is off', async () => {
    const { box, store } = memory();
    const c = new HealthCounterStore(store);
    c.attempt(report('ok'));
    await settle();
    expect(box.value).toBeUndefined();
    expect(box.writes).toBe(0);
  });

  it('writes every attempt, and a new worker goes on from what was stored', async () => {
    const { box, store } = memory();
    const first = new HealthCounterStore(store);
    await first.enable(1000);
    first.attempt(report('ok'));
    first.attempt(report('retrying'));
    await settle();
    expect(box.value).toEqual({ since: 1000, attempts: { [KEY]: { delivered: 1, retried: 1, failed: 0 } } });
    const second = new HealthCounterStore(store);
    await second.enable(5000);
    second.attempt(report('dead'));
    const taken = await second.take(9000, async (c) => c);
    expect(taken).toEqual({ since: 1000, attempts: { [KEY]: { delivered: 1, retried: 1, failed: 1 } } });
    expect(box.value).toEqual({ since: 9000, attempts: {} });
  });

  it('an attempt reported while a report is being queued counts in the next period', async () => {
    const { box, store } = memory();
    const c = new HealthCounterStore(store);
    await c.enable(0);
    let release = () => {};
    const taking = c.take(
      100,
      (counters) => new Promise<HealthCounters>((r) => (release = () => r(counters))),
    );
    await settle();
    c.attempt(report('ok'));
    release();
    expect((await taking).attempts).toEqual({});
    await settle();
    expect(box.value).toEqual({ since: 100, attempts: { [KEY]: { delivered: 1, retried: 0, failed: 0 } } });
  });

  it('a failed send keeps the counters for the next try; disabling deletes them', async () => {
    const { box, store } = memory();
    const c = new HealthCounterStore(store);
    await c.enable(0);
    c.attempt(report('ok'));
    await expect(c.take(100, async () => Promise.reject(new Error('queue full')))).rejects.toThrow(
      'queue full',
    );
    expect(box.value?.since).toBe(0);
    expect(box.value?.attempts[KEY]?.delivered).toBe(1);
    await c.disable();
    expect(box.value).toBeUndefined();
    c.attempt(report('ok'));
    await settle();
    expect(box.value).toBeUndefined();
  });

  it('a new worker started without the report deletes what an earlier one counted', async () => {
    const { box, store } = memory();
    const earlier = new HealthCounterStore(store);
    await earlier.enable(0);
    earlier.attempt(report('ok'));
    await settle();
    expect(box.value?.attempts[KEY]).toBeDefined();
    await new HealthCounterStore(store).disable();
    expect(box.value).toBeUndefined();
  });
});
