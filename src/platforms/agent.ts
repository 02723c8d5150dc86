// The light half of the platform registry: display names and what the agent can start, one module per
// platform (src/platforms/<id>/agent.ts), no zod, so the popup and the context menu can load it cheaply.
import type { PlatformId } from '../events/types';
import type { AgentStart, PlatformMeta } from './agent-types';
import { jivochatMeta } from './jivochat/agent';
import { kommoMeta } from './kommo/agent';
import { onechatMeta } from './onechat/agent';
import { roxchatMeta } from './roxchat/agent';
import { ucontactMeta } from './ucontact/agent';

export const PLATFORM_META: readonly PlatformMeta[] = [
  roxchatMeta,
  onechatMeta,
  ucontactMeta,
  jivochatMeta,
  kommoMeta,
];

/** "Rox.Chat" for `roxchat`; an unknown id is shown as is. */
export function platformLabel(id: string | undefined): string {
  return PLATFORM_META.find((p) => p.id === id)?.label ?? id ?? '';
}

/** What the agent can start on `platform` (none for an unknown id). */
export function agentStarts(platform: PlatformId): readonly AgentStart[] {
  return PLATFORM_META.find((p) => p.id === platform)?.starts ?? [];
}
