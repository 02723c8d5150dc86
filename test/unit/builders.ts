// Builders the unit suites share (the e2e suites have test/e2e/fixtures.ts).
import type { BridgeEvent, CaptureContext } from '../../src/events/model';
import { reqDone, STORES, withStore } from '../../src/util/idb';
import { transcriptLine } from '../../src/workflows/transcript';

/** Where a fuzzed or table-driven capture came from: one workspace frame in one CRM tab. */
export const CAPTURE_CONTEXT: CaptureContext = {
  receivedAt: 1,
  origin: 'https://w.example',
  page: { url: 'https://crm.example/', title: '' },
  tabId: 1,
  frameId: 0,
};

/** A Rox.Chat inbound message carrying `text`, as the worker's rules and templates see it. */
export const messageEvent = (text: string, over: Partial<BridgeEvent> = {}): BridgeEvent => ({
  id: 'roxchat:x:k:1',
  platform: 'roxchat',
  type: 'message.created',
  sourceEvent: 'newMessageAdded',
  receivedAt: 1,
  origin: 'o',
  page: { url: 'u', title: '' },
  tabId: 1,
  frameId: 0,
  message: { text, direction: 'inbound' },
  data: {},
  ...over,
});

/**
 * Seeds a conversation's transcript with one message, as the worker's journal transaction would write
 * it, `occurrence` standing for the entry's seq (the same occurrence written twice is one line).
 */
export async function appendMessage(e: BridgeEvent, occurrence: string, now = Date.now()): Promise<void> {
  const line = transcriptLine(e, now);
  if (!line) return;
  await withStore(STORES.transcriptLines, 'readwrite', (s) => reqDone(s.put(line(occurrence))));
}
