// The platform registry: adding a platform = one folder under src/platforms/ + one line here.
// test/unit/platforms/registry.test.ts fails if a platform lacks schemas, seed fixtures or a docs row.
import type { PlatformId } from '../events/types';
import { jivochat } from './jivochat';
import { kommo } from './kommo';
import { onechat } from './onechat';
import { roxchat } from './roxchat';
import type { Platform } from './types';
import { ucontact } from './ucontact';

export const PLATFORMS: readonly Platform[] = [roxchat, onechat, ucontact, jivochat, kommo];

export function getPlatform(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

export function platformIds(): PlatformId[] {
  return PLATFORMS.map((p) => p.id);
}
