import type { PlatformMeta } from '../agent-types';

/** Kommo: its commands act on the chat button, not on a contact, so the agent starts nothing from the menu. */
export const kommoMeta: PlatformMeta = { id: 'kommo', label: 'Kommo', starts: [] };
