// Canonical event type names (DESIGN.md "Canonical event"). A rule may also match
// `platform:sourceEvent`, e.g. `roxchat:visitorSelected`.
export const CANONICAL_TYPES = [
  'conversation.started',
  'conversation.accepted',
  'conversation.assigned',
  'conversation.selected',
  'conversation.status_changed',
  'conversation.closed',
  'conversation.updated',
  /** A bot hands the conversation to a human agent (OneChat `conversation.bot_handoff`). */
  'conversation.handoff',
  'message.created',
  'message.updated',
  'contact.identified',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'disposition.submitted',
  'call.started',
  /** The call was picked up (by the agent for an inbound call, by the contact for an outbound one). */
  'call.answered',
  'call.ended',
  'notification.added',
  'notification.removed',
  'notification.updated',
  'presence.changed',
  'typing.started',
  'typing.stopped',
  'widget.ready',
  'widget.opened',
  'widget.closed',
  'widget.state_changed',
  'widget.resized',
  'widget.button_clicked',
  'ui.theme_changed',
  'ui.language_changed',
  'platform.unknown',
  /**
   * A control signal for the workspace's own client (log out, reload, refetch caches): journaled so the
   * inspector shows it, never routed to a rule (`isRoutable`).
   */
  'platform.control',
] as const;

export type CanonicalType = (typeof CANONICAL_TYPES)[number];

export const PLATFORM_IDS = ['roxchat', 'onechat', 'ucontact', 'jivochat', 'kommo'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export function isCanonicalType(value: string): value is CanonicalType {
  return (CANONICAL_TYPES as readonly string[]).includes(value);
}

/** Canonical types that are journaled but never matched by any rule (not even by `platform:sourceEvent`). */
export const NEVER_ROUTED: readonly CanonicalType[] = ['platform.control'];

/** Whether rules may act on an event of this type (control signals never reach CRM actions). */
export function isRoutable(type: string): boolean {
  return !(NEVER_ROUTED as readonly string[]).includes(type);
}
