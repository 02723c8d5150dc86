// The retry horizon setting (`delivery.maxAgeHours`, issue 16): what the options page accepts.
import { DeliverySchema, type Settings } from '../../../config/settings';

/**
 * The hours typed, as the settings with them, or undefined when they are not a whole number from 1
 * to 168 (the schema's bounds): the page then says so in a sentence, never with zod's text.
 */
export function withRetryHours(settings: Settings, typed: string): Settings | undefined {
  const text = typed.trim();
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const parsed = DeliverySchema.safeParse({ ...settings.delivery, maxAgeHours: Number(text) });
  return parsed.success ? { ...settings, delivery: parsed.data } : undefined;
}
