// The worker's message handlers (src/background/handlers/*): one per message, routed only after
// classifySender; the inspector port goes through classifySender too; the feed fans out.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Feed } from '../../../src/background/feed';
import { contentHandlers } from '../../../src/background/handlers/content';
import { pageHandlers } from '../../../src/background/handlers/pages';
import { route } from '../../../src/background/handlers/router';
import { Inspector } from '../../../src/background/inspector';
import { SerialQueue } from '../../../src/background/pipeline/queue';
import { Rejections } from '../../../src/background/pipeline/rejections';
import { PolicyManager } from '../../../src/background/policy';
import { RejectionCap } from '../../../src/background/rejection-cap';
import { SettingsState } from '../../../src/background/state';
import { TabState } from '../../../src/background/tab-state';
import { loadSettings } from '../../../src/config/store';
import { INSPECTOR_PORT } from '../../../src/protocol';
import { MemFeed, MemJournal, settingsWith, WS, who } from './pipeline/fakes';

/** A tab with nothing configured: what tab status reports for a page CRM Bridge does not serve. */
const unconfiguredTab = async (tabId: number) => ({
  tabId,
  configured: false,
  permitted: false,
  paused: false,
  workspaces: [],
  sockets: [],
});

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}`;
const page = { id: ID, url: `${ORIGIN}/popup.html` } as Browser.runtime.MessageSender;
const content = {
  id: ID,
  url: who.url,
  frameId: 0,
  tab: { id: who.tabId, title: 'CRM' },
} as unknown as Browser.runtime.MessageSender;

function pagesWith(journal = new MemJournal()) {
  const state = new SettingsState(async () => undefined);
  const resetBadge = vi.fn();
  const h = pageHandlers({
    state,
    journal: {
      get: (seq: number) => journal.get(seq),
      update: journal.update.bind(journal),
      recent: async () => journal.entries,
      clear: async () => void journal.entries.splice(0),
    } as never,
    outbox: {} as never,
    feed: new MemFeed(),
    resetBadge,
    secretsChanged: async () => undefined,
    tabStatus: unconfiguredTab,
  });
  return { h, state, resetBadge };
}

beforeEach(() => fakeBrowser.reset());

describe('content handlers', () => {
  it('rejected reports are journaled up to the per-tab cap, the rest summarised', async () => {
    const journal = new MemJournal();
    const queue = new SerialQueue('capture');
    const rejections = new Rejections(journal as never, new MemFeed(), queue, new RejectionCap(Date.now, 2));
    const h = contentHandlers({
      settings: () => settingsWith(),
      ingest: { capture: () => undefined },
      rejections,
      tabs: new TabState(),
      feed: new Feed(),
    });
    for (let i = 0; i < 5; i++) h.rejected({ type: 'rejected', origin: WS, reason: `r${i}`, count: 1 }, who);
    await queue.idle();
    expect(journal.entries.map((e) => e.kind === 'rejected' && e.reason)).toEqual(['r0', 'r1']);
  });

  it('workspaces and socket reports update the tab and publish it', () => {
    const feed = new MemFeed();
    const tabs = new TabState();
    const h = contentHandlers({
      settings: () => settingsWith(),
      ingest: { capture: () => undefined },
      rejections: { report: () => undefined },
      tabs,
      feed,
    });
    h.workspaces({ type: 'workspaces', frames: [{ platform: 'roxchat', origin: WS, url: `${WS}/w` }] }, who);
    h.socket({ type: 'socket', platform: 'onechat', url: 'wss://x/cable', state: 'connected' }, who);
    expect(feed.tabs).toEqual([who.tabId, who.tabId]);
    expect(tabs.get(who.tabId)).toMatchObject({
      workspaces: [{ origin: WS }],
      sockets: [{ state: 'connected' }],
    });
  });

  it('capture answers {ack} from the pipeline', async () => {
    const h = contentHandlers({
      settings: () => settingsWith(),
      ingest: { capture: (_m, _w, ok, failed) => (Math.random() < 2 ? ok() : failed()) },
      rejections: { report: () => undefined },
      tabs: new TabState(),
      feed: new Feed(),
    });
    const msg = {
      type: 'capture' as const,
      platform: 'roxchat' as const,
      via: 'postMessage' as const,
      origin: WS,
      payload: {},
    };
    expect(await h.capture(msg, who)).toEqual({ ack: true });
  });
});

describe('page handlers', () => {
  it('settings.save validates, strips nothing for user data, stores and reloads', async () => {
    const { h, state } = pagesWith();
    const bad = await h['settings.save']({ type: 'settings.save', settings: { journalLimit: 'x' } });
    expect(bad).toMatchObject({ ok: false });
    const ok = await h['settings.save']({ type: 'settings.save', settings: { paused: true } });
    expect(ok).toEqual({ ok: true });
    expect(state.userSettings.paused).toBe(true);
    expect((await loadSettings()).settings.paused).toBe(true);
  });

  it('capture.pause stores paused through the user settings', async () => {
    const { h, state } = pagesWith();
    expect(await h['capture.pause']({ type: 'capture.pause', paused: true })).toEqual({ ok: true });
    expect(state.settings.paused).toBe(true);
  });

  it('journal.clear clears and resets the badge; rules.dryRun refuses an unknown seq', async () => {
    const journal = new MemJournal();
    await journal.append({
      kind: 'rejected',
      at: 1,
      eventId: '',
      tabId: 1,
      origin: '',
      reason: 'x',
      count: 1,
    });
    const { h, resetBadge } = pagesWith(journal);
    expect(await h['journal.clear']({ type: 'journal.clear' })).toEqual({ ok: true });
    expect(resetBadge).toHaveBeenCalled();
    expect(await h['rules.dryRun']({ type: 'rules.dryRun', seq: 42 })).toEqual({
      error: 'no such event in the journal',
    });
  });
});

describe('router', () => {
  const routes = (pages: ReturnType<typeof pagesWith>['h']) => ({
    ready: Promise.resolve(),
    runtimeId: ID,
    extensionOrigin: ORIGIN,
    content: contentHandlers({
      settings: () => settingsWith(),
      ingest: { capture: () => undefined },
      rejections: { report: () => undefined },
      tabs: new TabState(),
      feed: new Feed(),
    }),
    pages,
  });

  it('a content script cannot send page requests; another extension is ignored', async () => {
    const r = routes(pagesWith().h);
    expect(await route(r, { type: 'settings.get' }, content)).toEqual({ error: 'invalid message' });
    expect(await route(r, { type: 'settings.get' }, { ...page, id: 'other' })).toBeUndefined();
  });

  it('an extension page gets typed answers; an invalid request is refused', async () => {
    const r = routes(pagesWith().h);
    expect(await route(r, { type: 'policy.status' }, page)).toEqual(new PolicyManager().status);
    expect(await route(r, { type: 'nope' }, page)).toMatchObject({
      ok: false,
      error: expect.stringContaining('invalid request'),
    });
    expect(await route(r, { type: 'bridge.hello' }, content)).toMatchObject({ paused: false });
  });
});

describe('inspector and feed', () => {
  function port(sender: Browser.runtime.MessageSender, name = INSPECTOR_PORT) {
    return {
      name,
      sender,
      disconnect: vi.fn(),
      postMessage: vi.fn(),
      onDisconnect: { addListener: vi.fn() },
    } as unknown as Browser.runtime.Port & {
      disconnect: ReturnType<typeof vi.fn>;
      postMessage: ReturnType<typeof vi.fn>;
    };
  }
  const inspector = (opened = vi.fn()) =>
    new Inspector({
      runtimeId: ID,
      extensionOrigin: ORIGIN,
      snapshot: async () => [],
      tabStatus: unconfiguredTab,
      opened,
      closed: vi.fn(),
    });

  it('accepts our own pages only, through classifySender', () => {
    const opened = vi.fn();
    const i = inspector(opened);
    const fromContent = port(content);
    i.accept(fromContent);
    expect(fromContent.disconnect).toHaveBeenCalled();
    const fromOther = port({ ...page, id: 'other' });
    i.accept(fromOther);
    expect(fromOther.disconnect).toHaveBeenCalled();
    const fromPopup = port(page);
    i.accept(fromPopup);
    expect(fromPopup.disconnect).not.toHaveBeenCalled();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('feed subscribers receive published entries in order of subscription', () => {
    const feed = new Feed();
    const seen: string[] = [];
    feed.subscribe({ entry: () => seen.push('badge') });
    const i = inspector();
    const p = port(page);
    i.accept(p);
    feed.subscribe(i);
    feed.subscribe({ entry: () => seen.push('last') });
    feed.publish({ kind: 'rejected', at: 1, eventId: '', tabId: 1, origin: '', reason: 'x', count: 1 });
    expect(seen).toEqual(['badge', 'last']);
    expect(p.postMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'entry' }));
  });
});
