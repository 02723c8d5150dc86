// Issue 14 item 5: an import that turns on or redirects OneChat direct mode sends a named secret to a
// new host, so the options page says so and waits for confirmation before saving.
import { describe, expect, it } from 'vitest';
import { type SettingsInput, SettingsSchema } from '../../../src/config/settings';
import { directModeWarning, parseImport } from '../../../src/ui/options/transfer';

const direct = (url: string, secret = 'pubsub', enabled = true) => ({
  onechatDirect: { enabled, url, pubsubTokenSecret: secret },
});
const s = (x: SettingsInput) => SettingsSchema.parse(x);

describe('import: direct mode changes need confirmation', () => {
  it.each<[string, SettingsInput, SettingsInput, RegExp | undefined]>([
    [
      'turns it on',
      {},
      direct('https://evil.example'),
      /turns on OneChat direct mode: .*wss:\/\/evil\.example\/cable and send it your secret "pubsub"/,
    ],
    [
      'points it at another host',
      direct('https://chat.example.com'),
      direct('https://evil.example'),
      /changes OneChat direct mode: .*evil\.example.*until now: https:\/\/chat\.example\.com/,
    ],
    [
      'sends another secret',
      direct('https://chat.example.com'),
      direct('https://chat.example.com', 'crm_key'),
      /your secret "crm_key"/,
    ],
    [
      're-enables a disabled one',
      direct('https://chat.example.com', 'pubsub', false),
      direct('https://chat.example.com'),
      /turns on/,
    ],
    [
      'same server and secret',
      direct('https://chat.example.com'),
      direct('https://chat.example.com'),
      undefined,
    ],
    ['imported disabled', {}, direct('https://evil.example', 'pubsub', false), undefined],
    ['no direct mode in the import', direct('https://chat.example.com'), {}, undefined],
  ])('%s', (_label, current, imported, expected) => {
    const parsed = parseImport(JSON.stringify(imported));
    if (!parsed.ok) throw new Error(parsed.error);
    const w = directModeWarning(s(current), parsed.settings);
    if (expected) expect(w).toMatch(expected);
    else expect(w).toBeUndefined();
  });

  it('an import with a plain-text direct-mode URL to another host is refused outright', () => {
    const r = parseImport(JSON.stringify(direct('http://evil.example')));
    expect(r).toMatchObject({ ok: false, path: 'onechatDirect.url' });
    if (!r.ok) expect(r.error).toMatch(/unencrypted/);
  });
});
