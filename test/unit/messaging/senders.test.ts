import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../src/messaging/senders';

const ID = 'gddjbfnjjobbifpfoanlhbdmjejjioka';
const ORIGIN = `chrome-extension://${ID}`;

describe('classifySender: one function decides whom to trust', () => {
  it.each([
    [{ id: ID, url: `${ORIGIN}/popup.html` }, 'extension-page'],
    [
      { id: ID, url: `${ORIGIN}/options.html`, tab: { id: 3, url: `${ORIGIN}/options.html` } },
      'extension-page',
    ],
    [{ id: ID, url: 'https://crm.example/', tab: { id: 3, title: 'CRM' }, frameId: 0 }, 'content-script'],
    [{ id: ID, url: 'https://crm.example/frame', tab: { id: 3 }, frameId: 7 }, 'content-script'],
    [{ id: 'otherextensionid', url: `${ORIGIN}/popup.html` }, 'untrusted'],
    [{ id: ID, url: 'file:///etc/passwd', tab: { id: 3 } }, 'untrusted'],
    [{ id: ID, url: 'https://crm.example/' }, 'untrusted'],
    [{ id: undefined, url: 'https://evil.example/' }, 'untrusted'],
    // What Chromium sets for a message from the service worker (seen in Chromium): its script URL only.
    [{ id: ID, url: `${ORIGIN}/background.js` }, 'worker'],
    [{ id: ID, url: `${ORIGIN}/background.js`, frameId: 0, documentId: 'D' }, 'extension-page'],
    [{ id: ID, url: `${ORIGIN}/background.js`, tab: { id: 3 }, frameId: 0 }, 'extension-page'],
    [{ id: 'otherextensionid', url: `${ORIGIN}/background.js` }, 'untrusted'],
  ] as const)('%j → %s', (sender, kind) => {
    expect(classifySender(sender as never, ID, ORIGIN).kind).toBe(kind);
  });

  it('a content script gets its tab and frame from the browser record', () => {
    expect(
      classifySender(
        { id: ID, url: 'https://crm.example/', tab: { id: 9, title: 'T' } as never, frameId: 2 },
        ID,
        ORIGIN,
      ),
    ).toEqual({
      kind: 'content-script',
      tabId: 9,
      frameId: 2,
      url: 'https://crm.example/',
      tabTitle: 'T',
    });
  });
});
