// Issue 14 item 11: fill, click and agent-command act on the document that emitted the event (its
// runtime.MessageSender.documentId), not on whatever page is in that tab now. Fake browser APIs: a tab
// whose top document can be replaced ("navigated") between the event and the action.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NAVIGATED_AWAY, runPageAction } from '../../../src/actions/page';
import { type RunContext, runAction } from '../../../src/actions/run';
import type { BridgeEvent } from '../../../src/events/model';
import { type Action, ActionSchema } from '../../../src/rules/schema';

const TAB = 5;
/** The documents now in tab 5, by frame id. */
let docs: Map<number, string>;
let calls: Array<{ target: Record<string, unknown>; fill: boolean }>;

function gone(id: string): Error {
  return new Error(`No document with id ${id} in tab with id ${TAB}.`);
}

beforeEach(() => {
  fakeBrowser.reset();
  docs = new Map([
    [0, 'doc-top'],
    [3, 'doc-frame'],
  ]);
  calls = [];
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (inj: {
    target: { tabId: number; documentIds?: string[]; frameIds?: number[]; allFrames?: boolean };
    args?: [Record<string, string>, string | null, string | null];
  }) => {
    const t = inj.target;
    const current = [...docs.entries()];
    // As Chromium: a pinned document that is no longer there fails the whole call, nothing runs.
    for (const id of t.documentIds ?? []) if (!current.some(([, d]) => d === id)) throw gone(id);
    calls.push({ target: { ...t }, fill: inj.args !== undefined });
    const hit = current.filter(
      ([f, d]) => t.allFrames || t.documentIds?.includes(d) || t.frameIds?.includes(f),
    );
    return hit.map(([frameId, documentId]) => ({
      frameId,
      documentId,
      result: inj.args
        ? {
            url: `https://crm.example/${documentId}`,
            found: [...Object.keys(inj.args[0]), ...(inj.args[1] ? [inj.args[1]] : [])],
            missing: [],
          }
        : true,
    }));
  }) as never);
});

function ev(over: Partial<BridgeEvent> = {}): BridgeEvent {
  return {
    id: 'ucontact:assignedInteraction:k:g1',
    platform: 'ucontact',
    type: 'conversation.assigned',
    sourceEvent: 'assignedInteraction',
    receivedAt: 1,
    origin: 'https://ucontact.example',
    page: { url: 'https://crm.example/', title: 'CRM' },
    tabId: TAB,
    frameId: 0,
    documentId: 'doc-top',
    data: {},
    ...over,
  } as BridgeEvent;
}

const fill = (page: Record<string, unknown> = {}) =>
  ActionSchema.parse({ kind: 'fill', page, fields: { '#phone': '1' } }) as Extract<Action, { kind: 'fill' }>;
const click = (page: Record<string, unknown> = {}) =>
  ActionSchema.parse({ kind: 'click', page, selector: '#save' }) as Extract<Action, { kind: 'click' }>;

const fills = () => calls.filter((c) => c.fill).map((c) => c.target);

describe('fill / click target the emitting document', () => {
  it.each([
    ['fill', fill()],
    ['click', click()],
  ])('%s by default runs only in the emitting document', async (_, action) => {
    expect(await runPageAction(action, ev())).toMatchObject({ status: 'ok' });
    expect(fills()).toEqual([{ tabId: TAB, documentIds: ['doc-top'] }]);
  });

  it.each([
    ['fill, emitting frame', fill()],
    ['click, emitting frame', click()],
    ['fill, all frames', fill({ frames: 'all' })],
    ['fill, frames by URL', fill({ frameScope: 'https://crm.example/*' })],
  ])('%s: after the tab navigated, nothing runs and the reason is plain', async (_, action) => {
    docs = new Map([[0, 'doc-next-page']]);
    expect(await runPageAction(action, ev())).toEqual({ status: 'failed', error: NAVIGATED_AWAY });
    expect(fills()).toEqual([]);
    expect(NAVIGATED_AWAY).toMatch(/navigated away/);
  });

  it('a subframe event: its own document, not the top page', async () => {
    await runPageAction(fill(), ev({ frameId: 3, documentId: 'doc-frame' }));
    expect(fills()).toEqual([{ tabId: TAB, documentIds: ['doc-frame'] }]);
  });

  it.each([
    ['frames: all', { frames: 'all' }],
    ['a frameScope without frames (rules written before `frames`)', { frameScope: 'https://crm.example/*' }],
  ])('%s: every frame of the tab, each pinned by document id', async (_, page) => {
    expect(await runPageAction(fill(page), ev())).toMatchObject({ status: 'ok' });
    expect(fills()).toEqual([{ tabId: TAB, documentIds: ['doc-top', 'doc-frame'] }]);
  });

  it('frames: source with a frameScope stays in the emitting document', async () => {
    await runPageAction(fill({ frames: 'source', frameScope: 'https://crm.example/*' }), ev());
    expect(fills()).toEqual([{ tabId: TAB, documentIds: ['doc-top'] }]);
  });

  it('no documentId (Firefox, events journaled before): the emitting frame id', async () => {
    await runPageAction(fill(), ev({ documentId: undefined, frameId: 3 }));
    expect(fills()).toEqual([{ tabId: TAB, frameIds: [3] }]);
  });

  it.each([
    ['default: its top frame', {}, { tabId: TAB, frameIds: [0] }],
    ['frames: all', { frames: 'all' }, { tabId: TAB, allFrames: true }],
  ])('a tab found by pattern (also from direct mode) — %s', async (_, page, target) => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: TAB, url: 'https://crm.example/x' },
    ] as never);
    const direct = ev({ tabId: -1, frameId: -1, documentId: undefined });
    const r = await runPageAction(
      fill({ tab: 'pattern', tabPattern: 'https://crm.example/*', ...page }),
      direct,
    );
    expect(r).toMatchObject({ status: 'ok' });
    expect(fills()).toEqual([target]);
  });

  it('direct mode has no source tab', async () => {
    expect(await runPageAction(fill(), ev({ tabId: -1, frameId: -1, documentId: undefined }))).toEqual({
      status: 'failed',
      error: 'the event has no page tab (direct mode)',
    });
  });
});

describe('agent-command targets the emitting document', () => {
  const action = ActionSchema.parse({
    kind: 'agent-command',
    command: 'post',
    params: { message: { event: 'setAgentStatus' } },
  });
  const ctx = (event: BridgeEvent) => ({ event }) as unknown as RunContext;

  it('is sent to the emitting document', async () => {
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockResolvedValue({ delivered: true, replies: [] } as never);
    expect(await runAction(action, ctx(ev()))).toMatchObject({ status: 'ok' });
    expect(send).toHaveBeenCalledWith(TAB, expect.objectContaining({ type: 'command' }), {
      documentId: 'doc-top',
    });
  });

  it('fails with the plain reason when that document has gone', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(gone('doc-top'));
    const r = await runAction(action, ctx(ev()));
    expect(r.status).toBe('failed');
    expect(r.error).toContain(NAVIGATED_AWAY);
  });

  it('without a documentId, to the emitting frame', async () => {
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockResolvedValue({ delivered: true, replies: [] } as never);
    await runAction(action, ctx(ev({ documentId: undefined, frameId: 2 })));
    expect(send).toHaveBeenCalledWith(TAB, expect.anything(), { frameId: 2 });
  });
});
