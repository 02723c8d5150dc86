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
  'message.created',
  'message.updated',
  'contact.identified',
  'contact.created',
  'contact.updated',
  'disposition.submitted',
  'call.started',
  'call.ended',
  'notification.added',
  'notification.removed',
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
] as const;

export type CanonicalType = (typeof CANONICAL_TYPES)[number];

export const PLATFORM_IDS = ['roxchat', 'onechat', 'ucontact', 'jivochat', 'kommo'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export function isCanonicalType(value: string): value is CanonicalType {
  return (CANONICAL_TYPES as readonly string[]).includes(value);
}
