import type { RuleInput } from '../rules/schema';
import type { MessageKey } from '../util/i18n';

/** Locale keys of preset texts (plain messages under `presetsOc.`). */
type PresetTextKey = Extract<MessageKey, `presetsOc.${string}`>;

/** A ready-made rule: one click creates an editable copy (a new id) in the user's rules. */
export interface Preset {
  id: string;
  name: string;
  group: 'CRM workflow' | 'Screen pop' | 'CRM note' | 'Lead' | 'Webhook';
  description: string;
  /** The name and description in the UI's language (locales/*.yml); `name` stays the English one (docs). */
  i18n?: { name: PresetTextKey; description: PresetTextKey };
  /** Named secrets the rule uses ({{ secrets.name }} in headers/bodies): create them on the Secrets tab. */
  secrets: string[];
  /** What to adapt after creating it (placeholders in URLs, ids). */
  edit: string[];
  /** The vendor's API documentation. */
  docs: Array<{ label: string; url: string }>;
  rule: Omit<RuleInput, 'id'>;
  /**
   * Workflow presets: a documented response per step id (what the vendor answers), used by the
   * editor's live preview and dry run for the steps that follow, and checked against the fixture CRM.
   */
  samples?: Record<string, { status: number; body: unknown }>;
}

/** The note text the CRM-note presets write: one chat message, with who and where. */
export const NOTE_TEXT =
  '[{{ platform }} chat {{ conversation.id }}] {{ message.direction }}: {{ message.text }}';
