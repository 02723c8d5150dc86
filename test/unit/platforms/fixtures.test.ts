import { describe, expect, it } from 'vitest';
import { BridgeEventSchema, type CaptureContext } from '../../../src/events/model';
import { PLATFORMS } from '../../../src/platforms';

const ctx: CaptureContext = {
  receivedAt: 1_700_000_000_000,
  origin: 'https://workspace.example',
  page: { url: 'https://crm.example/', title: 'CRM' },
  tabId: 1,
  frameId: 0,
};

const cases = PLATFORMS.flatMap((p) =>
  p.fixtures.map((f) => ({ platform: p, fixture: f, label: `${p.id}/${f.name}` })),
);

describe('every committed seed fixture validates and normalises as expected', () => {
  it.each(cases)('$label', ({ platform, fixture }) => {
    const result = platform.normalize(fixture.raw, ctx);
    if (fixture.expectTypes.length === 0) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/\S/);
      return;
    }
    if (!result.ok) throw new Error(`${result.reason}\n${(result.issues ?? []).join('\n')}`);
    expect(result.events.map((e) => e.type)).toEqual(fixture.expectTypes);
    for (const event of result.events) {
      expect(BridgeEventSchema.safeParse(event).success).toBe(true);
      expect(event.platform).toBe(platform.id);
      expect(event.tabId).toBe(ctx.tabId);
    }
  });
});
