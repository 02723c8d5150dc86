import { browser } from 'wxt/browser';
import type { PageRequest, PageRequestOf, PageResponseOf } from '../protocol';

/** Sends a page request to the worker; its response type comes from the protocol map. */
export function request<K extends PageRequest['type']>(
  req: PageRequestOf<K> & { type: K },
): Promise<PageResponseOf<K>> {
  return browser.runtime.sendMessage(req) as Promise<PageResponseOf<K>>;
}
