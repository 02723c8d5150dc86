import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeText } from '../../../src/background/badge';
import { NOTICE_GAP_MS, OutageNotices } from '../../../src/background/outage-notices';

function harness() {
  let now = 0;
  const shown: Array<[string, string]> = [];
  const notices = new OutageNotices({ show: (t, m) => shown.push([t, m]), now: () => now });
  return { notices, shown, advance: (ms: number) => (now += ms) };
}

const A = 'https://crm.example';

describe('outage notices', () => {
  it('tells the agent when a CRM goes into outage and when it recovers, in plain sentences', () => {
    const h = harness();
    h.notices.changed([{ kind: 'outage', origin: A }]);
    h.notices.changed([{ kind: 'recovered', origin: A }]);
    expect(h.shown).toEqual([
      [
        'A CRM is not answering',
        `CRM Bridge cannot reach ${A}. Its actions are kept and will be sent when it answers again.`,
      ],
      ['The CRM is answering again', `${A} is answering again. The actions kept for it are being sent now.`],
    ]);
  });

  it('rate-limited: a flapping CRM gives one notice of each kind per window', () => {
    const h = harness();
    for (let i = 0; i < 10; i++) {
      h.notices.changed([{ kind: 'outage', origin: A }]);
      h.notices.changed([{ kind: 'recovered', origin: A }]);
      h.advance(1000);
    }
    expect(h.shown).toHaveLength(2);
    h.advance(NOTICE_GAP_MS);
    h.notices.changed([{ kind: 'outage', origin: A }]);
    expect(h.shown).toHaveLength(3);
  });

  it('offline is one notice, not one per CRM', () => {
    const h = harness();
    h.notices.changed([
      { kind: 'outage', origin: A },
      { kind: 'offline' },
      { kind: 'outage', origin: 'https://b.example' },
    ]);
    expect(h.shown.map(([t]) => t)).toEqual(['You seem to be offline']);
  });
});

describe('badge while delivering', () => {
  it.each([
    [{ unseen: 3, lastSeq: 0, failing: [], retrying: [4, 5] }, '2', BADGE_COLORS.retrying],
    [{ unseen: 3, lastSeq: 0, failing: [1], retrying: [4, 5] }, '!', BADGE_COLORS.failing],
    [{ unseen: 3, lastSeq: 0, failing: [], retrying: [] }, '3', BADGE_COLORS.count],
    [{ unseen: 3, lastSeq: 0, failing: [] }, '3', BADGE_COLORS.count],
  ])('%j → %s', (state, text, color) => {
    expect(badgeText(state)).toEqual({ text, color });
  });
});
