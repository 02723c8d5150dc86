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
  const injected = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: fillInPage,
    args: [fields, click, target.frameScope ?? null],
  });
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
