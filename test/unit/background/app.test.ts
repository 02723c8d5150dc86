// The composition root wires a capture end to end (fake browser, fake IndexedDB): a bridge capture is
// routed over its capture port, acknowledged once journaled, its rule's log action runs and the entry is published as done.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../src/background/app';
import { saveSettings } from '../../../src/config/store';
import type { JournalEntry } from '../../../src/journal/types';
import { CAPTURE_PORT } from '../../../src/protocol';
import { roxPayload, settingsWith, WS, who } from './pipeline/fakes';

describe('App (composition root)', () => {
  it('a capture goes bridge → ingest → journal → actions → feed', async () => {
    fakeBrowser.reset();
    // Not implemented by the fake browser: content script registration succeeds with nothing there.
    Object.assign(fakeBrowser.scripting, {
      getRegisteredContentScripts: async () => [],
      registerContentScripts: async () => undefined,
      unregisterContentScripts: async () => undefined,
    });
    await saveSettings(settingsWith());
    const app = new App();
    const seen: JournalEntry[] = [];
    app.feed.subscribe({ entry: (e) => seen.push(e) });
    await app.ready;
    const sender = {
      id: fakeBrowser.runtime.id,
      url: who.url,
      frameId: 0,
      tab: { id: who.tabId, title: 'CRM' },
    } as unknown as Browser.runtime.MessageSender;
    const msg = {
      type: 'capture',
      platform: 'roxchat',
      via: 'postMessage',
      origin: WS,
      payload: roxPayload(),
      cid: 'a1',
    };
    // Over the bridge's capture port, answered with the capture's ack once journaled.
    const acks: unknown[] = [];
    const listeners: Array<(m: unknown) => void> = [];
    const acked = new Promise<void>((resolve) => {
      app.onConnect({
        name: CAPTURE_PORT,
        sender,
        disconnect: () => undefined,
        postMessage: (m: unknown) => {
          acks.push(m);
          resolve();
        },
        onMessage: { addListener: (cb: (m: unknown) => void) => listeners.push(cb) },
        onDisconnect: { addListener: () => undefined },
      } as unknown as Browser.runtime.Port);
    });
    for (const l of listeners) l(msg);
    await acked;
    expect(acks).toEqual([{ type: 'capture.ack', cid: 'a1', ack: true }]);
    await app.actions.idle();
    await new Promise((r) => setTimeout(r, 0));
    await app.actions.idle();
    const [entry] = await app.journal.recent(10);
    expect(entry).toMatchObject({ kind: 'event', cid: 'a1', state: 'done', actions: [{ kind: 'log' }] });
    expect(seen.at(-1)).toMatchObject({ state: 'done' });
  });
});
