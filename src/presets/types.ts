import type { RuleInput } from '../rules/schema';

/** A ready-made rule: one click creates an editable copy (a new id) in the user's rules. */
export interface Preset {
  id: string;
  name: string;
  group: 'Screen pop' | 'CRM note' | 'Lead' | 'Webhook';
  description: string;
  /** Named secrets the rule uses ({{ secrets.name }} in headers/bodies): create them on the Secrets tab. */
  secrets: string[];
  /** What to adapt after creating it (placeholders in URLs, ids). */
  edit: string[];
  /** The vendor's API documentation. */
  docs: Array<{ label: string; url: string }>;
  rule: Omit<RuleInput, 'id'>;
}

/** The note text the CRM-note presets write: one chat message, with who and where. */
export const NOTE_TEXT =
  '[{{ platform }} chat {{ conversation.id }}] {{ message.direction }}: {{ message.text }}';
