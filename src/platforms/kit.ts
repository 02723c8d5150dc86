import type { z } from 'zod';
import type { BridgeEvent, CaptureContext } from '../events/model';
import type { CanonicalType, PlatformId } from '../events/types';
import { contentHash } from '../util/hash';
import type { Rejection } from './types';

/** zod issues as short `path: message` lines for the inspector. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export function reject(reason: string, extra: Partial<Rejection> = {}): Rejection {
  return { ok: false, reason, ...extra };
}

export function invalid(sourceEvent: string, error: z.ZodError): Rejection {
  const issues = formatIssues(error);
  return {
    ok: false,
    reason: `invalid ${sourceEvent} payload: ${issues[0] ?? 'schema mismatch'}`,
    issues,
    sourceEvent,
  };
}

/**
 * Event id = fingerprint for cross-tab dedupe. A natural key (message id, chat id…) makes a strong id
 * (`k:`): any second sighting within the dedupe window is a duplicate. Without one, the payload's
 * content hash makes a weak id (`h:`): a duplicate only when seen from another tab or frame, because the
 * same frame can legitimately repeat an identical payload (an agent re-selecting the same chat).
 */
export function fingerprint(
  platform: PlatformId,
  sourceEvent: string,
  naturalKey: string | undefined,
  data: unknown,
) {
  return naturalKey !== undefined && naturalKey !== ''
    ? `${platform}:${sourceEvent}:k:${naturalKey}`
    : `${platform}:${sourceEvent}:h:${contentHash(data)}`;
}

/**
 * Where an event came from, as far as the worker can vouch for it (issue 14 item 3): the platform, the
 * trusted origin it arrived from (checked against the site's list by `platformAllowedAt`) and the site
 * (the origin of the page the bridge ran in, from the browser's sender record, never from the page).
 * Two tabs of one CRM site embedding one workspace share a source, so they still dedupe; an event forged
 * on another site or from another origin does not, so it can neither pre-empt nor suppress the real one.
 */
export function sourceOf(event: Pick<BridgeEvent, 'platform' | 'origin' | 'page'>): string {
  let site: string;
  try {
    site = new URL(event.page.url).origin;
  } catch {
    site = event.page.url;
  }
  return `${event.platform}|${event.origin}|${site}`;
}

/** The dedupe key: the fingerprint bound to its source (DESIGN.md "Trust and security"). */
export function dedupeKey(event: Pick<BridgeEvent, 'id' | 'platform' | 'origin' | 'page'>): string {
  return `${sourceOf(event)}|${event.id}`;
}

export type EventParts = Omit<
  BridgeEvent,
  | 'id'
  | 'platform'
  | 'sourceEvent'
  | 'receivedAt'
  | 'origin'
  | 'page'
  | 'tabId'
  | 'frameId'
  | 'documentId'
  | 'type'
  | 'data'
> & { type: CanonicalType; naturalKey?: string };

export function buildEvent(
  platform: PlatformId,
  sourceEvent: string,
  ctx: CaptureContext,
  data: unknown,
  parts: EventParts,
): BridgeEvent {
  const { naturalKey, ...rest } = parts;
  return {
    ...rest,
    id: fingerprint(platform, sourceEvent, naturalKey, data),
    platform,
    sourceEvent,
    receivedAt: ctx.receivedAt,
    origin: ctx.origin,
    page: ctx.page,
    tabId: ctx.tabId,
    frameId: ctx.frameId,
    // The emitting document (issue 14 item 11): page actions and commands target it, not the tab's current page.
    ...(ctx.documentId ? { documentId: ctx.documentId } : {}),
    data,
  };
}

/** Drops undefined/null values so optional canonical fields stay absent rather than null. */
export function compact<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: NonNullable<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as { [K in keyof T]?: NonNullable<T[K]> };
}

/** Returns undefined for an object with no keys, so `contact: {}` never appears. */
export function nonEmpty<T extends object>(obj: T): T | undefined {
  return Object.keys(obj).length > 0 ? obj : undefined;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
