import type { PlatformMeta } from '../agent-types';

/** OneChat: the dashboard accepts no command from the page, so the agent starts nothing from the menu. */
export const onechatMeta: PlatformMeta = { id: 'onechat', label: 'OneChat', starts: [] };
