// One typed protocol for every context. Content scripts import only the types (no zod reaches them);
// the worker validates each message with the schemas below where it crosses the trust boundary.
import { z } from 'zod';
import { PLATFORM_IDS } from '../events/types';
import type { CommandOutcome, EnvelopeSpec, WorkspaceCommand } from '../platforms/types';

const Platform = z.enum(PLATFORM_IDS);
const Str = (max: number) => z.string().max(max);

export { CAPTURE_PORT, type CaptureAck } from './capture-port';

/** Bridge → worker. `payload` stays unknown here: the platform's schema validates it in normalise. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bridge.hello') }),
  z.object({
    type: z.literal('capture'),
    platform: Platform,
    via: z.enum(['postMessage', 'websocket', 'page-api']),
    /** Origin of the workspace frame (event.origin) or of the page for page hooks. */
    origin: Str(300),
    payload: z.unknown(),
    /** Capture id from the bridge; the worker answers {ack} once journaled, and a resend is recognised. */
    cid: Str(100).optional(),
    /** Set on re-sends only: the worker then checks what the first delivery left in the journal. */
    resend: z.boolean().optional(),
    /**
     * When the bridge took the capture (its Date.now(), kept across re-sends): the event's `receivedAt`, so a
     * capture re-sent after a worker stop keeps its time and its place in the conversation's transcript.
     */
    at: z.number().int().nonnegative().optional(),
    /**
     * Where the bridge is as it takes the capture: its frame's URL and, in a top frame, the document's
     * title. A port's sender is recorded when it connects, and a page changes its URL without a new
     * document (history.pushState): the worker takes this URL only with the origin the browser gave the
     * port's sender (src/background/handlers/capture-port.ts), so it never moves a capture to another site.
     */
    page: z.object({ url: Str(4000), title: Str(500).optional() }).optional(),
  }),
  z.object({
    type: z.literal('rejected'),
    platform: Platform.optional(),
    origin: Str(300),
    reason: Str(500),
    /** How many identical rejections this report stands for (the bridge batches them). */
    count: z.number().int().min(1).max(1_000_000),
    sample: z.unknown().optional(),
  }),
  z.object({
    type: z.literal('workspaces'),
    frames: z.array(z.object({ platform: Platform, origin: Str(300), url: Str(2000) })).max(100),
  }),
  z.object({
    type: z.literal('socket'),
    platform: Platform,
    url: Str(2000),
    state: z.enum(['connecting', 'connected', 'subscribed', 'disconnected', 'rejected']),
    detail: Str(500).optional(),
  }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/** What the worker tells a bridge about its frame (reply to bridge.hello). */
export interface BridgeConfig {
  paused: boolean;
  platforms: Array<{
    id: (typeof PLATFORM_IDS)[number];
    tap: 'postMessage' | 'websocket' | 'page-api';
    envelope?: EnvelopeSpec;
    origins: string[];
    framePathHint?: string;
    socketUrlSuffix?: string;
  }>;
}

/** Worker → bridge. */
export type WorkerToContent =
  | { type: 'command'; platform: (typeof PLATFORM_IDS)[number]; command: WorkspaceCommand }
  | { type: 'config'; config: BridgeConfig };

export type CommandReply = CommandOutcome;

/** Worker → offscreen document (the clipboard writer, src/actions/offscreen-clipboard.ts). */
export interface OffscreenCopy {
  type: 'offscreen.copy';
  text: string;
}
export interface OffscreenResponses {
  'offscreen.copy': { ok: boolean; error?: string };
}

/** What a bridge answers each worker message (the worker → bridge half of the protocol map). */
export interface WorkerResponses {
  command: CommandReply;
  /** A config push is not answered. */
  config: undefined;
}
export type WorkerAnswer<M extends WorkerToContent> = WorkerResponses[M['type']];

/** Extension pages (popup, options) → worker. Validated in the worker too (defence in depth). */
export const PageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.save'), settings: z.unknown() }),
  z.object({
    type: z.literal('journal.recent'),
    limit: z.number().int().min(1).max(10_000),
    beforeSeq: z.number().optional(),
  }),
  z.object({ type: z.literal('journal.clear') }),
  z.object({ type: z.literal('journal.export') }),
  z.object({ type: z.literal('outbox.list') }),
  z.object({ type: z.literal('outbox.retry'), id: Str(200) }),
  z.object({ type: z.literal('outbox.discard'), id: Str(200) }),
  z.object({ type: z.literal('tab.status'), tabId: z.number().int() }),
  z.object({ type: z.literal('secrets.list') }),
  z.object({ type: z.literal('secrets.set'), name: Str(64), value: Str(10_000) }),
  z.object({ type: z.literal('secrets.delete'), name: Str(64) }),
  /** Saves an OAuth 2 secret (issue 17); the worker validates the credential (src/secrets/oauth-types.ts). */
  z.object({ type: z.literal('secrets.setOAuth'), name: Str(64), config: z.record(z.string(), z.unknown()) }),
  /** Renames a user secret without the page ever seeing its value (options page). */
  z.object({ type: z.literal('secrets.rename'), from: Str(64), to: Str(64) }),
  z.object({ type: z.literal('capture.pause'), paused: z.boolean() }),
  z.object({ type: z.literal('policy.status') }),
  /** The last run of the policy's tests (issue 20, "Tests in policy"): the options page's policy view. */
  z.object({ type: z.literal('policy.tests') }),
  /** Replays the current rules against a journaled event without executing anything (popup). */
  z.object({ type: z.literal('rules.dryRun'), seq: z.number().int() }),
  // Deliveries view (options page, issue 16): the outbox, managed by the agent.
  /** One page of it (src/outbox/page.ts), filtered in the worker: the polled message stays bounded. */
  z.object({
    type: z.literal('deliveries.list'),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    origin: Str(2000).optional(),
    ruleId: Str(200).optional(),
    status: z.enum(['queued', 'sending', 'retrying', 'failed', '']).optional(),
  }),
  z.object({
    type: z.literal('deliveries.retry'),
    ids: z.array(Str(200)).min(1).max(10_000).optional(),
    all: z.literal(true).optional(),
  }),
  z.object({ type: z.literal('deliveries.discard'), ids: z.array(Str(200)).min(1).max(10_000) }),
  /** An edited body: text and the original body's secret references, as separate segments. */
  z.object({
    type: z.literal('deliveries.resend'),
    id: Str(200),
    body: z
      .array(z.union([Str(1_000_000), z.strictObject({ secret: Str(64), json: z.literal(true).optional() })]))
      .max(500),
  }),
  /** Replay (issue 20): journaled events through the current rules, dry, as a diff (src/replay/). */
  z.object({
    type: z.literal('replay.run'),
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('seqs'), seqs: z.array(z.number().int()).min(1).max(500) }),
      z.object({ kind: z.literal('range'), from: z.number(), to: z.number() }),
      z.object({ kind: z.literal('last'), count: z.number().int().min(1).max(500) }),
      z.object({ kind: z.literal('failed') }),
    ]),
  }),
  /** "Send the changes" of a replay: the worker diffs these events again and sends what changed. */
  z.object({ type: z.literal('replay.send'), seqs: z.array(z.number().int()).min(1).max(500) }),
  /** Workflows (issue 17): questions parked for the agent, and the remembered record links. */
  z.object({ type: z.literal('asks.list') }),
  z.object({
    type: z.literal('asks.answer'),
    id: Str(300),
    answer: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('pick'),
        choice: z.union([z.number().int().min(0).max(100), z.literal('create')]),
      }),
      z.object({ kind: z.literal('wrapup'), values: z.record(Str(40), z.string().max(5000)) }),
    ]),
  }),
  z.object({ type: z.literal('links.list'), query: z.string().max(200).optional() }),
  z.object({ type: z.literal('links.delete'), key: Str(700) }),
  /**
   * Popup "Log this conversation now": the worker runs the rules for that conversation's close on
   * the journaled event `seq` (its own record: nothing else is taken from the page).
   */
  z.object({ type: z.literal('conversation.logNow'), seq: z.number().int().min(0) }),
  /** Popup "Save as test" (issue 20): the worker builds the test from its own journal entry `seq`. */
  z.object({ type: z.literal('tests.save'), seq: z.number().int().min(0) }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;

export interface TabStatus {
  tabId: number;
  url?: string;
  configured: boolean;
  permitted: boolean;
  paused: boolean;
  workspaces: Array<{ platform: string; origin: string; url: string; frameId: number }>;
  sockets: Array<{
    platform: string;
    url: string;
    state: string;
    detail?: string;
    at: number;
    frameId: number;
  }>;
}

// ---------------------------------------------------------------- responses

/**
 * A refused page request. Any request can also answer this when it is invalid or its handler throws
 * (a storage failure): pages show `error` when present.
 */
export type Failure = { ok: false; error: string };
/** A response or a `Failure`, shaped so a page can read `error` (and the response's fields) on either. */
export type Fallible<T> =
  | (T & { error?: undefined })
  | (Failure & { [P in Exclude<keyof T, keyof Failure>]?: undefined });

/** Bridge message type → what the worker answers. */
export interface ContentResponses {
  'bridge.hello': BridgeConfig;
  capture: { ack: boolean };
  rejected: undefined;
  workspaces: undefined;
  socket: undefined;
}
