// Issue 14 item 5: OneChat direct mode sends the agent's pubsub_token (a named secret) in its first
// frame, so it connects only over TLS (plain ws: to loopback only) and only with the user's host
// permission for the URL; otherwise it says why, and no socket is ever opened.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DirectMode } from '../../../src/background/direct-mode';
import { OnechatDirectSchema, type Settings, SettingsSchema } from '../../../src/config/settings';
import type { SocketLike } from '../../../src/platforms/onechat/direct';
import { setSecret } from '../../../src/secrets/store';

describe('OnechatDirectSchema url', () => {
  it.each([
    ['https://chat.example.com', true],
    ['wss://chat.example.com/cable', true],
    ['http://127.0.0.2:4002', true],
    ['ws://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['http://chat.example.com', false],
    ['ws://chat.example.com', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['ftp://chat.example.com', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    const r = OnechatDirectSchema.safeParse({ url, pubsubTokenSecret: 'tok' });
    expect(r.success).toBe(ok);
    if (!ok && url.startsWith('http://chat'))
      expect(r.error?.issues[0]?.message).toMatch(/unencrypted: use https:\/\//);
  });
});

const opened: string[] = [];
class Socket implements SocketLike {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  constructor(url: string) {
    opened.push(url);
  }
  send() {}
  close() {}
}

type State = { url: string; state: string; detail?: string } | undefined;

function setup(granted: Set<string>) {
  const states: State[] = [];
  const asked: string[] = [];
  const mode = new DirectMode(
    { frame: () => undefined, state: (s) => states.push(s) },
    async () => SettingsSchema.parse({}),
    async (origin) => {
      asked.push(origin);
      return granted.has(origin);
    },
    Socket,
  );
  return { mode, states, asked };
}

const settingsWith = (url: string): Settings => ({
  ...SettingsSchema.parse({}),
  // Built around the schema on purpose: the worker checks again before connecting.
  onechatDirect: { enabled: true, url, pubsubTokenSecret: 'tok', presence: false },
});

beforeEach(async () => {
  fakeBrowser.reset();
  opened.length = 0;
  await setSecret('tok', 'PUBSUB-SECRET');
});

describe('direct mode connects only to a secure URL it has host permission for', () => {
  it('without host permission: no socket, and the status says which origin to grant', async () => {
    const { mode, states, asked } = setup(new Set());
    await mode.apply(settingsWith('https://chat.example.com'));
    expect(asked).toEqual(['https://chat.example.com']);
    expect(opened).toEqual([]);
    expect(states.at(-1)).toEqual({
      url: 'wss://chat.example.com/cable',
      state: 'disconnected',
      detail: 'grant access to https://chat.example.com',
    });
  });

  it('with host permission: connects to wss://…/cable; a later grant is picked up by apply', async () => {
    const granted = new Set<string>();
    const { mode } = setup(granted);
    await mode.apply(settingsWith('wss://chat.example.com:8443/'));
    expect(opened).toEqual([]);
    granted.add('https://chat.example.com:8443');
    await mode.apply(settingsWith('wss://chat.example.com:8443/'));
    expect(opened).toEqual(['wss://chat.example.com:8443/cable']);
  });

  it('loopback may use plain ws (the demo and e2e servers)', async () => {
    const { mode } = setup(new Set(['http://127.0.0.2:4002']));
    await mode.apply(settingsWith('http://127.0.0.2:4002'));
    expect(opened).toEqual(['ws://127.0.0.2:4002/cable']);
  });

  it.each([
    'http://chat.example.com',
    'ws://chat.example.com',
  ])('a plain-text URL to another host (%s) never connects, even with permission', async (url) => {
    const { mode, states } = setup(new Set(['http://chat.example.com']));
    await mode.apply(settingsWith(url));
    expect(opened).toEqual([]);
    expect(states.at(-1)?.detail).toMatch(/invalid OneChat URL: .*unencrypted/);
  });
});
