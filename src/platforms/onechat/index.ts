import type { Platform } from '../types';
import { DEFAULT_SOCKET_SUFFIX } from './cable-wire';
import { onechatCommands } from './commands';
import { connectorSchemas } from './connector';
import { onechatFixtures } from './fixtures';
import { normalizeOnechat } from './normalize';
import { onechatSchemas } from './schema';

export const onechat: Platform = {
  id: 'onechat',
  label: 'OneChat',
  seed: '001_47029119058a39a1.txt',
  // Seed: "OneChat WebSockets connection can be made at <your installation url>/cable".
  tap: { kind: 'websocket', defaultUrlSuffix: DEFAULT_SOCKET_SUFFIX },
  // The seed's 13 events, then the rest of what the Chatwoot dashboard's connector handles (connector.ts).
  schemas: { ...onechatSchemas, ...connectorSchemas },
  normalize: normalizeOnechat,
  // The dashboard page accepts no command: these go through Chatwoot's REST API from the worker, via the
  // outbox (commands.ts). update_presence is a frame on the socket itself (direct mode: protocol.ts).
  commands: onechatCommands,
  fixtures: onechatFixtures,
};
