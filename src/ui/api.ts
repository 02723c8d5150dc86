import { browser } from 'wxt/browser';
import type { PageRequest } from '../messaging/protocol';

/** Sends a typed request from an extension page to the worker. */
export function request<T = unknown>(req: PageRequest): Promise<T> {
  return browser.runtime.sendMessage(req) as Promise<T>;
}
