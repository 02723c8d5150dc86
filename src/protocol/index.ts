// The one protocol map: every message crossing a context boundary with its response type (after
// read-frog's src/utils/message.ts). The messages themselves are defined where their layer allows:
// bridge ↔ worker in src/messaging/protocol.ts (content scripts import nothing above it), page
// responses here, above the config, journal, outbox and actions whose shapes they carry (the layering
// test, test/unit/layers.test.ts, checks type imports too). Every context imports from here.
import type { DryRule } from '../actions/dry-run';
import type { PolicyStatus } from '../config/policy';
import type { Settings } from '../config/settings';
import type { JournalEntry } from '../journal/types';
import type {
  CaptureAck,
  ContentMessage,
  ContentResponses,
  Failure,
  Fallible,
  OffscreenCopy,
  OffscreenResponses,
  PageRequest,
  TabStatus,
  WorkerResponses,
  WorkerToContent,
} from '../messaging/protocol';
import type { DeliveryPage } from '../outbox/page';
import type { OutboxItem } from '../outbox/types';
import type { EventDiff, ReplayTotals } from '../replay/diff';
import type { PolicyTestsRun } from '../replay/policy-run';
import type { AddTestRefusal } from '../replay/saved-test';
import type { SecretInfo } from '../secrets/store';
import type { AskRecord } from '../workflows/asks';
import type { LinkRecord } from '../workflows/types';

export * from '../messaging/protocol';

/** Inspector port (name INSPECTOR_PORT): worker → page pushes. */
export const INSPECTOR_PORT = 'inspector';
export type InspectorPush =
  | { type: 'snapshot'; entries: JournalEntry[] }
  | { type: 'entry'; entry: JournalEntry }
  | { type: 'tab'; status: TabStatus };

type Done = { ok: true };

/** Page request type → what the worker answers (besides a `Failure`). */
export interface PageResponses {
  'settings.get': { settings: Settings; effective: Settings; error?: string; policy: PolicyStatus };
  'settings.save': { ok: true; warning?: string } | Failure;
  'policy.status': PolicyStatus;
  /** The last run of the policy's tests (when, which version, each result with its diff); none without tests. */
  'policy.tests': { run?: PolicyTestsRun };
  'journal.recent': { entries: JournalEntry[] };
  'journal.clear': Done;
  'journal.export': Fallible<{ entries: JournalEntry[] }>;
  'outbox.list': { items: OutboxItem[] };
  'outbox.retry': Fallible<{ ok: boolean }>;
  'outbox.discard': Fallible<{ ok: boolean }>;
  'tab.status': TabStatus;
  'secrets.list': { secrets: SecretInfo[] };
  'secrets.set': Done;
  'secrets.setOAuth': Done | Failure;
  'secrets.delete': Done;
  'secrets.rename': Done | Failure;
  'capture.pause': Done | Failure;
  'rules.dryRun': { results: DryRule[]; error?: undefined } | { results?: undefined; error: string };
  /** A page of the queued, sending, retrying and failed deliveries (no secret value), newest first. */
  'deliveries.list': DeliveryPage & { now: number };
  /** `count`: how many went back to the queue (one on the wire is left to its attempt). */
  'deliveries.retry': Fallible<{ ok: true; count: number }>;
  'deliveries.discard': Fallible<{ ok: true; count: number }>;
  'deliveries.resend': Fallible<{ ok: true }>;
  'asks.list': { asks: AskRecord[] };
  /** ok false: the question was already answered or timed out. */
  'asks.answer': { ok: boolean };
  'links.list': { links: LinkRecord[] };
  'links.delete': Done;
  /** Replay (issue 20): per event, each action added, removed, changed or unchanged, and the totals. */
  'replay.run': { diffs: EventDiff[]; totals: ReplayTotals };
  /** `count`: the requests put in the outbox. */
  'replay.send': Fallible<{ ok: true; count: number }>;
  /** `seq`: the journal entry the on-demand run was written as; `rules`: how many rules run. */
  'conversation.logNow': LogNowResult;
  /** "Save as test" (issue 20): the test saved in the user's settings, or why not. */
  'tests.save': SaveTestResult;
}

/** A saved test's id and name, or why "Save as test" did not save (the popup says it in words). */
export type SaveTestResult =
  | { ok: true; id: string; name: string }
  | { ok: false; reason: SaveTestRefusal; name?: string; error?: undefined }
  | Failure;
export type SaveTestRefusal = 'gone' | 'unreadable' | AddTestRefusal;

/** Why "Log this conversation now" did nothing (the popup says it in words). */
export type LogNowRefusal = 'gone' | 'no-conversation' | 'not-configured' | 'paused' | 'no-rules';
export type LogNowResult =
  | { ok: true; seq: number; rules: number }
  | { ok: false; reason: LogNowRefusal; error?: undefined }
  | Failure;

/** The one map of every message crossing a context boundary to its response. */
export interface ProtocolMap {
  content: { [K in ContentMessage['type']]: [Extract<ContentMessage, { type: K }>, ContentResponses[K]] };
  /** Over the capture port (CAPTURE_PORT), not runtime.sendMessage: a capture, answered by its ack. */
  capturePort: { capture: [Extract<ContentMessage, { type: 'capture' }>, CaptureAck] };
  page: { [K in PageRequest['type']]: [Extract<PageRequest, { type: K }>, PageResponses[K]] };
  offscreen: { 'offscreen.copy': [OffscreenCopy, OffscreenResponses['offscreen.copy']] };
  worker: { [K in WorkerToContent['type']]: [Extract<WorkerToContent, { type: K }>, WorkerResponses[K]] };
}

export type PageRequestOf<K extends PageRequest['type']> = ProtocolMap['page'][K][0];
export type PageResponseOf<K extends PageRequest['type']> = ProtocolMap['page'][K][1];
