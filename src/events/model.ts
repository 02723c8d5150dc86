import { z } from 'zod';
import { CANONICAL_TYPES, PLATFORM_IDS } from './types';

/** The one event shape every platform is normalised into (DESIGN.md "Canonical event"). */
export const BridgeEventSchema = z.object({
  /** Fingerprint: platform + source event + natural key; dedupe binds it to its source (kit.ts `dedupeKey`). */
  id: z.string().min(1),
  platform: z.enum(PLATFORM_IDS),
  type: z.enum(CANONICAL_TYPES),
  sourceEvent: z.string().min(1),
  receivedAt: z.number(),
  origin: z.string(),
  page: z.object({ url: z.string(), title: z.string() }),
  tabId: z.number().int(),
  frameId: z.number().int(),
  /**
   * The document that emitted the event (runtime.MessageSender.documentId, Chrome 106+): fill, click and
   * agent-command act on it and fail if it is gone (issue 14 item 11). Absent in direct mode and Firefox.
   */
  documentId: z.string().max(100).optional(),
  conversation: z
    .object({ id: z.string(), channel: z.string().optional(), status: z.string().optional() })
    .optional(),
  contact: z
    .object({
      platformId: z.string().optional(),
      externalId: z.string().optional(),
      crmId: z.string().optional(),
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  message: z
    .object({
      id: z.string().optional(),
      text: z.string(),
      direction: z.enum(['inbound', 'outbound', 'internal']),
    })
    .optional(),
  agent: z
    .object({ id: z.string().optional(), name: z.string().optional(), email: z.string().optional() })
    .optional(),
  /** Voice calls (call.*): the platform's call id, who called whom, and how it ended. */
  call: z
    .object({
      id: z.string().optional(),
      direction: z.enum(['inbound', 'outbound']).optional(),
      status: z.string().optional(),
      durationSeconds: z.number().optional(),
    })
    .optional(),
  /** The full validated platform payload. */
  data: z.unknown(),
});

export type BridgeEvent = z.infer<typeof BridgeEventSchema>;
export type EventContact = NonNullable<BridgeEvent['contact']>;

/** Where an event was captured: filled by the worker from the runtime sender, never by the page. */
export interface CaptureContext {
  receivedAt: number;
  origin: string;
  page: { url: string; title: string };
  tabId: number;
  frameId: number;
  /** The emitting document (from the browser's sender record). */
  documentId?: string;
}
