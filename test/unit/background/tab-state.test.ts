// The worker's init starts OneChat direct mode (which reports its socket state on the pseudo-tab -1)
// before it reads the stored tab state. A state reported before that read must survive it, and a
// debounced save must never write the partial view over what other tabs stored (the e2e popup test
// once saw direct mode stuck at "connected" after a worker restart).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TabState } from '../../../src/background/tab-state';

const URL_DIRECT = 'ws://127.0.0.2:4002/cable';
const socket = (state: string, at = 1) => ({ platform: 'onechat', url: URL_DIRECT, state, frameId: -1, at });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  fakeBrowser.reset();
  // What the previous worker stored: direct mode and a dashboard tab (7).
  await fakeBrowser.storage.session.set({
    tabState: {
      w: [[7, [{ platform: 'onechat', origin: 'http://127.0.0.2:4002', url: 'http://x/', frameId: 0 }]]],
      s: [
        [-1, [socket('disconnected')]],
        [7, [{ ...socket('subscribed'), frameId: 0 }]],
      ],
    },
  });
});

describe('TabState: changes made before the stored state is read', () => {
  it.each([
    ['load right away', 0],
    ['after a debounced save fired (init slower than 200 ms)', 300],
  ])('%s: the newest direct-mode state wins and the other tabs are kept', async (_name, waitMs) => {
    const tabs = new TabState();
    tabs.setSocket(-1, -1, { platform: 'onechat', url: URL_DIRECT, state: 'connecting' });
    await sleep(waitMs);
    tabs.setSocket(-1, -1, { platform: 'onechat', url: URL_DIRECT, state: 'connected' });
    tabs.setSocket(-1, -1, { platform: 'onechat', url: URL_DIRECT, state: 'subscribed' });
    await tabs.load();
    expect(tabs.get(-1).sockets.map((s) => s.state)).toEqual(['subscribed']);
    expect(tabs.get(7).sockets.map((s) => s.state)).toEqual(['subscribed']);
    expect(tabs.get(7).workspaces).toHaveLength(1);

    // And what is saved next is the merged view.
    await sleep(300);
    const fresh = new TabState();
    await fresh.load();
    expect(fresh.get(-1).sockets.map((s) => s.state)).toEqual(['subscribed']);
    expect(fresh.get(7).sockets).toHaveLength(1);
  });

  it('a tab forgotten before the read stays forgotten', async () => {
    const tabs = new TabState();
    tabs.forget(7);
    await tabs.load();
    expect(tabs.get(7)).toEqual({ workspaces: [], sockets: [] });
    expect(tabs.get(-1).sockets).toHaveLength(1);
  });
});
