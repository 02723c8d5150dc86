// What the agent can start from the CRM page (context menu): each platform declares its own entries in
// src/platforms/<id>/agent.ts, as data plus a pure params builder, so the menu code names no platform.
// Zero dependencies beyond types: the popup and options read the display labels from here too.
import type { EventContact } from '../events/model';
import type { PlatformId } from '../events/types';

/** What was right-clicked: selected text, or a phone number / e-mail address (selected or a tel:/mailto: link). */
export type AgentTarget = 'selection' | 'phone' | 'email';

/** An event of this platform seen earlier in the same tab (newest first), to fill ids the selection lacks. */
export interface SeenEvent {
  contact?: EventContact;
  conversation?: { id: string };
  /** The full validated platform payload (BridgeEvent.data). */
  data: unknown;
}

export interface AgentInput {
  /** The selected text or the address of the link, trimmed (never a template: plain data). */
  text: string;
  target: AgentTarget;
  seen: readonly SeenEvent[];
}

/** Params for the command, or a sentence saying what the agent should select instead. */
export type AgentParams = { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

export interface AgentStart {
  /** Unique within the platform; the menu item id is `<platform>:<id>`. */
  id: string;
  /** The menu item's words, e.g. "Start a Rox.Chat chat". */
  title: string;
  /** A command of the platform's registry (src/platforms/<id>/commands.ts). */
  command: string;
  /** What it applies to. */
  targets: readonly AgentTarget[];
  /** Builds the command's params; validated by the command's own schema afterwards. */
  params(input: AgentInput): AgentParams;
}

export interface PlatformMeta {
  id: PlatformId;
  /** Display name: "Rox.Chat", never the id. */
  label: string;
  starts: readonly AgentStart[];
}

/** True when the contact is the one the agent selected: by name, ids, phone digits or e-mail. */
export function contactMatches(contact: EventContact | undefined, text: string): boolean {
  if (!contact) return false;
  const want = text.trim().toLowerCase();
  if (!want) return false;
  const digits = (s: string) => s.replace(/\D/g, '');
  for (const [key, value] of Object.entries(contact)) {
    if (typeof value !== 'string' || !value) continue;
    if (value.trim().toLowerCase() === want) return true;
    if (key === 'phone' && digits(want).length >= 6 && digits(value) === digits(want)) return true;
  }
  return false;
}

/** Reads `path` (dot-separated) of a payload, as a non-empty string, else undefined. */
export function pick(data: unknown, path: string): string | undefined {
  let v: unknown = data;
  for (const k of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
}
