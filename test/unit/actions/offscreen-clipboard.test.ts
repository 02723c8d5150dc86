// Issue 14 item 12: the offscreen clipboard document writes only what the service worker asks for. A
// content script's sender.id is the extension's id too: it, the popup and other extensions are refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startOffscreenClipboard } from '../../../src/actions/offscreen-clipboard';

const ORIGIN = `chrome-extension://${fakeBrowser.runtime.id}`;
let buffer: { value: string; select(): void };
let copied: string[];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation(((p: string) => `${ORIGIN}${p}`) as never);
  copied = [];
  buffer = { value: '', select: () => undefined };
  vi.stubGlobal('document', {
    getElementById: () => buffer,
    execCommand: () => {
      copied.push(buffer.value);
      return true;
    },
  });
  startOffscreenClipboard();
});

const noReply = () => undefined;
const ask = async (sender: object) =>
  (await fakeBrowser.runtime.onMessage.trigger(
    { type: 'offscreen.copy', text: 'secret-ish text' },
    sender as never,
    noReply,
  )) as unknown as Array<{ ok: boolean; error?: string }>;

describe('offscreen clipboard accepts only the service worker', () => {
  it('the worker (as Chromium reports it: its script URL, no tab, frame or document) is obeyed', async () => {
    expect(await ask({ id: fakeBrowser.runtime.id, url: `${ORIGIN}/background.js` })).toEqual([{ ok: true }]);
    expect(copied).toEqual(['secret-ish text']);
  });

  it.each([
    [
      'a content script (our id, a web page URL, a tab)',
      {
        id: fakeBrowser.runtime.id,
        url: 'https://crm.example/',
        tab: { id: 3 },
        frameId: 0,
        documentId: 'D',
      },
    ],
    ['an extension page (popup)', { id: fakeBrowser.runtime.id, url: `${ORIGIN}/popup.html`, frameId: 0 }],
    [
      'a document claiming the worker URL',
      { id: fakeBrowser.runtime.id, url: `${ORIGIN}/background.js`, frameId: 0, documentId: 'D' },
    ],
    ['another extension', { id: 'other-extension', url: `${ORIGIN}/background.js` }],
  ])('%s is refused with a reason, and nothing is copied', async (_, sender) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const [answer] = await ask(sender);
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only the extension's service worker/),
    });
    expect(copied).toEqual([]);
    expect(warn).toHaveBeenCalled();
  });

  it('other messages are not answered (they are the worker’s)', async () => {
    const answers = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'capture' },
      { id: 'x' } as never,
      noReply,
    );
    expect(answers).toEqual([undefined]);
  });
});
