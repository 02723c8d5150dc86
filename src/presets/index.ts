// Presets: one click in the options page creates an editable rule. Documented in docs/presets.md.
import type { RuleInput } from '../rules/schema';
import { chatwootPresets } from './chatwoot';
import { hubspotFlow, pipedriveFlow } from './flows-a';
import { bitrix24Flow, kommoFlow, ownApiFlow } from './flows-b';
import { zohoFlow } from './flows-zoho';
import { leadPresets, webhookPresets } from './leads';
import { notePresets } from './notes';
import { screenPopPresets } from './screen-pop';
import type { Preset } from './types';

export type { Preset } from './types';

/** Find-or-create workflows (issue 17), one per vendor. */
export const FLOW_PRESETS: readonly Preset[] = [
  hubspotFlow,
  pipedriveFlow,
  zohoFlow,
  bitrix24Flow,
  kommoFlow,
  ownApiFlow,
];

export const PRESETS: readonly Preset[] = [
  ...FLOW_PRESETS,
  ...screenPopPresets,
  ...notePresets,
  ...leadPresets,
  ...webhookPresets,
  ...chatwootPresets,
];

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset as a new user rule (a deep copy: editing it never touches the preset). */
export function ruleFromPreset(preset: Preset, id: string): RuleInput {
  return { ...structuredClone(preset.rule), id, enabled: true, managed: false };
}
