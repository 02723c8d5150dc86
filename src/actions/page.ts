import { browser } from 'wxt/browser';
import type { BridgeEvent } from '../events/model';
import { type ActionOf, eventScope, renderString } from './render';
import { findTab } from './tabs';

export interface FrameResult {
  url: string;
  found: string[];
  missing: string[];
  error?: string;
}

/**
 * Runs in each frame of the target tab (isolated world, injected by scripting.executeScript, so it must
 * be self-contained). Values are set through the native `value` setter of the element's prototype, so
 * React/Vue/Angular-controlled inputs see a real change, then input + change are dispatched. Nothing is
 * ever written as HTML.
 */
export function fillInPage(
  fields: Record<string, string>,
  clickSelector: string | null,
  scope: string | null,
): FrameResult {
  const result: FrameResult = { url: location.href, found: [], missing: [] };
  if (scope) {
    const re = new RegExp(
      `^${scope
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    if (!re.test(location.href)) return result;
  }
  try {
    for (const [selector, value] of Object.entries(fields)) {
      const el = document.querySelector(selector);
      if (
        !(
          el instanceof HTMLInputElement ||
          el instanceof HTMLTextAreaElement ||
          el instanceof HTMLSelectElement
        )
      ) {
        result.missing.push(selector);
        continue;
      }
      const proto = Object.getPrototypeOf(el) as object;
      const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
      if (setter) setter.call(el, value);
      else el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      result.found.push(selector);
    }
    if (clickSelector) {
      const el = document.querySelector(clickSelector);
      if (el instanceof HTMLElement) {
        el.click();
        result.found.push(clickSelector);
      } else result.missing.push(clickSelector);
    }
  } catch (e) {
    result.error = String(e);
  }
  return result;
}

/** Why a page action or command was not run: the emitting document is no longer in its tab. */
export const NAVIGATED_AWAY =
  'the page that sent this event has navigated away (or was closed); nothing was done';

/** True for the browser's errors about a targeted document that no longer exists. */
export function isDocumentGone(e: unknown): boolean {
  return /no document with id|document .* (not found|gone)|receiving end does not exist|no tab with id|frame with id \d+ (is not found|was removed)/i.test(
    String((e as Error)?.message ?? e),
  );
}

type Target = { tabId: number; documentIds?: string[]; frameIds?: number[]; allFrames?: boolean };

/**
 * Which documents a page action runs in (issue 14 item 11). In the event's own tab it is pinned to the
 * emitting document (runtime.MessageSender.documentId): if that page has navigated, nothing runs. With
 * `frames: 'all'` every frame of the tab is listed first and pinned by document id, after checking the
 * emitting document is among them. Without a document id (Firefox, older events) the emitting frame id.
 */
async function targetOf(
  action: ActionOf<'fill'> | ActionOf<'click'>,
  event: BridgeEvent,
  tabId: number,
): Promise<Target | string> {
  const { tab, frames, frameScope } = action.page;
  const all = (frames ?? (frameScope ? 'all' : 'source')) === 'all';
  const own = tab === 'source' ? event.documentId : undefined;
  if (!all) {
    if (own) return { tabId, documentIds: [own] };
    return { tabId, frameIds: [tab === 'source' ? event.frameId : 0] };
  }
  if (tab !== 'source' || !event.documentId) return { tabId, allFrames: true };
  const listed = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: () => true,
  });
  const ids = listed.map((r) => r.documentId).filter((d): d is string => typeof d === 'string');
  if (!ids.includes(event.documentId)) return NAVIGATED_AWAY;
  return { tabId, documentIds: ids };
}

export async function runPageAction(
  action: ActionOf<'fill'> | ActionOf<'click'>,
  event: BridgeEvent,
): Promise<{ status: 'ok' | 'failed'; detail?: string; error?: string }> {
  const target = action.page;
  const tabId = target.tab === 'source' ? event.tabId : (await findTab(target.tabPattern ?? ''))?.id;
  if (tabId === undefined || tabId < 0) {
    return {
      status: 'failed',
      error:
        target.tab === 'source'
          ? 'the event has no page tab (direct mode)'
          : `no open tab matches ${target.tabPattern}`,
    };
  }
  const scope = eventScope(event);
  const fields: Record<string, string> = {};
  if (action.kind === 'fill') {
    for (const [selector, tpl] of Object.entries(action.fields))
      fields[selector] = renderString(tpl, scope, 'text').value;
  }
  const click = action.kind === 'click' ? action.selector : null;
  let injected: Array<{ result?: unknown }>;
  try {
    const where = await targetOf(action, event, tabId);
    if (typeof where === 'string') return { status: 'failed', error: where };
    injected = await browser.scripting.executeScript({
      target: where as Parameters<typeof browser.scripting.executeScript>[0]['target'],
      func: fillInPage,
      args: [fields, click, target.frameScope ?? null],
    });
  } catch (e) {
    if (target.tab === 'source' && event.documentId && isDocumentGone(e))
      return { status: 'failed', error: NAVIGATED_AWAY };
    throw e;
  }
  const frames = injected
    .map((r) => r.result as FrameResult | undefined)
    .filter((r): r is FrameResult => !!r);
  const wanted = [...Object.keys(fields), ...(click ? [click] : [])];
  const found = new Set(frames.flatMap((f) => f.found));
  const missing = wanted.filter((s) => !found.has(s));
  if (missing.length > 0) {
    const errors = frames.map((f) => f.error).filter(Boolean);
    return {
      status: 'failed',
      error: `selector not found: ${missing.join(', ')} (searched ${frames.length} frame${frames.length === 1 ? '' : 's'} of tab ${tabId})${errors.length ? `; ${errors.join('; ')}` : ''}`,
    };
  }
  return {
    status: 'ok',
    detail: `${action.kind === 'fill' ? 'filled' : 'clicked'} ${wanted.join(', ')} in tab ${tabId}`,
  };
}
