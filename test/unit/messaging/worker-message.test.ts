// The bridge checks the shape of what the worker sends it (isWorkerMessage) instead of casting it.
import { describe, expect, it } from 'vitest';
import { isWorkerMessage } from '../../../src/messaging/worker-message';

describe('isWorkerMessage', () => {
  it.each([
    ['a command', { type: 'command', platform: 'roxchat', command: { via: 'postMessage' } }, true],
    ['a config push', { type: 'config', config: { paused: false, platforms: [] } }, true],
    ['null', null, false],
    ['a string', 'command', false],
    ['an unknown type', { type: 'capture', platform: 'roxchat', command: {} }, false],
    ['a command without its command', { type: 'command', platform: 'roxchat' }, false],
    ['a command with a non-string platform', { type: 'command', platform: 7, command: {} }, false],
    ['a config without config', { type: 'config' }, false],
    ['a config of null', { type: 'config', config: null }, false],
  ])('%s → %s', (_label, msg, expected) => {
    expect(isWorkerMessage(msg)).toBe(expected);
  });
});
