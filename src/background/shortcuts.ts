// Keyboard shortcuts (the commands API, declared in wxt.config.ts): `_execute_action` opens the popup
// (the inspector) by itself; `toggle-pause` pauses or resumes capture like the popup's button does.
import { saveSettings } from '../config/store';
import type { SettingsState } from './state';

export const TOGGLE_PAUSE = 'toggle-pause';

/** Pauses or resumes capture; refused (false) while the organisation's policy locks it. */
export async function togglePause(
  state: Pick<SettingsState, 'userSettings' | 'reload' | 'policy'>,
): Promise<boolean> {
  if (state.policy.policy.lockedSettings?.paused !== undefined) return false;
  await saveSettings({ ...state.userSettings, paused: !state.userSettings.paused });
  await state.reload({ policy: false });
  return true;
}
