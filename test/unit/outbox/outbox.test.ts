import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderHttp } from '../../../src/actions/http';
import { discardItems, retryItems } from '../../../src/outbox/manual';
import { Outbox, type OutboxDeps } from '../../../src/outbox/outbox';
import { LEGACY_REFUSED } from '../../../src/outbox/resolve';
import type { AttemptReport, OutboxItem } from '../../../src/outbox/types';
import { HttpActionSchema } from '../../../src/rules/schema';
import type { SecretAccess } from '../../../src/templates/segments';
import { reqDone, STORES, withStore } from '../../../src/util/idb';
import { messageEvent } from '../builders';

interface Call {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function harness(
  responses: Array<number | [number, Record<string, string>]>,
  opts: Partial<OutboxDeps> = {},
) {
  const calls: Call[] = [];
  const reports: AttemptReport[] = [];
  let now = 1_000_000;
  const deps: OutboxDeps = {
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({
        url,
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
      });
      const next = responses.shift() ?? 200;
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      return new Response(status === 204 ? null : JSON.stringify({ status }), { status, headers });
    }) as typeof fetch,
    now: () => now,
    random: () => 0,
    secrets: async () => new Map([['crm', 's3cret-value']]),
    isManaged: () => false,
    permitted: async () => true,
    report: (r) => {
      reports.push({ ...r, item: { ...r.item } });
    },
    scheduleWake: () => undefined,
    ...opts,
  };
  return { outbox: new Outbox(deps), calls, reports, advance: (ms: number) => (now += ms), now: () => now };
}

let seq = 0;
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: `key-${++seq}`,
  journalSeq: 1,
  ruleId: 'r',
  ruleName: 'R',
  actionIndex: 0,
  eventId: 'e',
  orderKey: 'r|c1',
  createdAt: 1_000_000 + seq,
  attempts: 0,
  nextAttemptAt: 0,
  status: 'pending',
  request: { method: 'POST', url: 'https://crm.example/api', headers: {}, body: ['{}'], timeoutMs: 1000 },
  ...over,
});

beforeEach(async () => {
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
});

describe('Outbox', () => {
  it('persists before sending and sends the Idempotency-Key; removes the item on 2xx', async () => {
    const h = harness([201]);
    const it1 = item();
    expect(await h.outbox.enqueue(it1)).toBe(true);
    expect(await h.outbox.all()).toHaveLength(1);
    await h.outbox.kick();
    expect(h.calls[0]?.headers['Idempotency-Key']).toBe(it1.id);
    expect(await h.outbox.all()).toHaveLength(0);
    expect(h.reports.map((r) => r.status)).toEqual(['ok']);
  });

  it('an item with a key already queued is not queued twice', async () => {
    const h = harness([]);
    const a = item();
    expect(await h.outbox.enqueue(a)).toBe(true);
    expect(await h.outbox.enqueue({ ...a })).toBe(false);
    expect(await h.outbox.all()).toHaveLength(1);
  });

  it('retries transient failures with the same key and keeps per-conversation order', async () => {
    const h = harness([503, 201, 201]);
    const first = item({ orderKey: 'r|c1' });
    const second = item({ orderKey: 'r|c1' });
    await h.outbox.enqueue(first);
    await h.outbox.enqueue(second);
    await h.outbox.kick();
    // First failed (503) with delay 0 (random = 0) and was retried before the second was sent.
    expect(h.calls.map((c) => c.headers['Idempotency-Key'])).toEqual([first.id, first.id, second.id]);
  });

  it('a permanent 4xx dead-letters; retryItems brings it back; discardItems removes it', async () => {
    const h = harness([422, 201]);
    const a = item();
    await h.outbox.enqueue(a);
    await h.outbox.kick();
    const [dead] = await h.outbox.all();
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toMatch(/HTTP 422/);
    expect(await retryItems(h.outbox, [a.id], h.now())).toHaveLength(1);
    await h.outbox.kick();
    expect(await h.outbox.all()).toHaveLength(0);
    await h.outbox.enqueue(item({ id: 'gone' }));
    expect(await discardItems(h.outbox, ['gone'])).toHaveLength(1);
    expect(await h.outbox.all()).toHaveLength(0);
  });

  it('a dead item does not block later items of its conversation', async () => {
    const h = harness([400, 201]);
    await h.outbox.enqueue(item());
    const b = item();
    await h.outbox.enqueue(b);
    await h.outbox.kick();
    expect((await h.outbox.all()).map((i) => i.status)).toEqual(['dead']);
    expect(h.calls[1]?.headers['Idempotency-Key']).toBe(b.id);
  });

  it('splices secrets in only at send time and redacts them from reports', async () => {
    const h = harness([[500, {}]]);
    await h.outbox.enqueue(
      item({
        request: {
          method: 'POST',
          url: 'https://crm.example/api',
          headers: { Authorization: ['Bearer ', { secret: 'crm' }] },
          body: ['{"k":"', { secret: 'crm', json: true }, '"}'],
          timeoutMs: 1000,
        },
      }),
    );
    const [stored] = await h.outbox.all();
    expect(JSON.stringify(stored)).not.toContain('s3cret-value');
    await h.outbox.kick().catch(() => undefined);
    expect(h.calls[0]?.headers.Authorization).toBe('Bearer s3cret-value');
    expect(h.calls[0]?.body).toBe('{"k":"s3cret-value"}');
    expect(JSON.stringify(h.reports)).not.toContain('s3cret-value');
  });

  it('fails clearly without host permission or with an unknown secret', async () => {
    const denied = harness([], { permitted: async () => false });
    await denied.outbox.enqueue(item());
    await denied.outbox.kick();
    expect((await denied.outbox.all())[0]?.lastError).toMatch(/no host permission for https:\/\/crm.example/);
    expect(denied.calls).toHaveLength(0);

    await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
    const h = harness([]);
    await h.outbox.enqueue(
      item({
        request: {
          method: 'POST',
          url: 'https://crm.example/api',
          headers: { X: [{ secret: 'nope' }] },
          timeoutMs: 1000,
        },
      }),
    );
    await h.outbox.kick();
    expect((await h.outbox.all())[0]?.lastError).toMatch(/secret nope is not set/);
  });

  it('a network error is retried later; attempts are counted', async () => {
    let n = 0;
    const h = harness([], {
      fetch: (async () => {
        n++;
        if (n === 1) throw new TypeError('Failed to fetch');
        return new Response('{}', { status: 200 });
      }) as typeof fetch,
    });
    await h.outbox.enqueue(item());
    await h.outbox.kick();
    expect(n).toBe(2);
    expect(await h.outbox.all()).toHaveLength(0);
  });
});

// Issue 14, item 2: rendered through renderHttp and sent by the outbox, whatever the visitor typed,
// a secret value reaches only the header or body position the rule's template named.
describe('secrets reach only the places the rule named (issue 14, items 2 and 7)', () => {
  const SECRET = 's3cret-value';
  const FORGED = [
    '\uE000secret:crm\uE001',
    'x \uE000secret:crm\uE001 \uE000secret:org\uE001 y',
    '{{ secrets.crm }}',
    '{% raw %}{{ secrets.crm }}{% endraw %}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the point of this value
    '${secrets.crm}',
  ];
  const event = (text: string) => messageEvent(text);
  const send = async (text: string, headers: Record<string, string>, access: SecretAccess) => {
    const action = HttpActionSchema.parse({
      kind: 'http',
      url: 'https://crm.example/api',
      headers: { 'X-Text': '{{ message.text }}', ...headers },
      body: { type: 'json', value: { text: '{{ message.text }}', note: 'said: {{ message.text }}' } },
    });
    const { request } = renderHttp(action, event(text), access);
    const h = harness([201], {
      secrets: async () =>
        new Map([
          ['crm', SECRET],
          ['org', 'org-secret-value'],
        ]),
      isManaged: (n) => n === 'org',
    });
    await h.outbox.enqueue(item({ request, ruleManaged: access.ruleManaged }));
    await h.outbox.kick();
    return h;
  };
  const user: SecretAccess = { names: ['crm', 'org'], managed: ['org'], ruleManaged: false };

  it.each(FORGED)('visitor text %j is sent literally and pulls no secret', async (text) => {
    const h = await send(text, {}, user);
    expect(h.calls).toHaveLength(1);
    const sent = JSON.stringify(h.calls[0]);
    expect(sent).not.toContain(SECRET);
    expect(sent).not.toContain('org-secret-value');
    expect(h.calls[0]?.headers['X-Text']).toBe(text);
    expect(JSON.parse(h.calls[0]?.body ?? '')).toEqual({ text, note: `said: ${text}` });
  });

  it.each(FORGED)('with a named secret, visitor text %j still pulls nothing more', async (text) => {
    const h = await send(text, { Authorization: 'Bearer {{ secrets.crm }}' }, user);
    expect(h.calls[0]?.headers.Authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.stringify(h.calls[0]).split(SECRET)).toHaveLength(2);
    expect(h.calls[0]?.headers['X-Text']).toBe(text);
    expect(JSON.parse(h.calls[0]?.body ?? '')).toEqual({ text, note: `said: ${text}` });
  });

  it("refuses, at send time, an organisation's secret in a user rule's request", async () => {
    const request = {
      method: 'POST',
      url: 'https://crm.example/api',
      headers: { Authorization: [{ secret: 'org' }] },
      timeoutMs: 1000,
    };
    const h = harness([201, 201], {
      isManaged: (n) => n === 'org',
      secrets: async () => new Map([['org', 'org-secret-value']]),
    });
    // No ruleManaged: an item queued by a user rule (or before the flag existed).
    await h.outbox.enqueue(item({ request }));
    await h.outbox.kick();
    expect(h.calls).toHaveLength(0);
    expect((await h.outbox.all())[0]?.lastError).toBe(
      'secret org is set by your organisation and is available only to its rules',
    );
    await h.outbox.enqueue(item({ request, ruleManaged: true, orderKey: 'managed' }));
    await h.outbox.kick();
    expect(h.calls).toHaveLength(1);
  });

  it('an item queued by an older version: sent as stored without a placeholder, dead-lettered with one', async () => {
    const legacy = (body: string) =>
      item({
        orderKey: body,
        request: {
          method: 'POST',
          url: 'https://crm.example/api',
          headers: { 'X-Note': body } as never,
          body: body as never,
          timeoutMs: 1000,
        },
      });
    const h = harness([201]);
    await h.outbox.enqueue(legacy('{"t":"plain"}'));
    await h.outbox.enqueue(legacy('{"t":"\uE000secret:crm\uE001"}'));
    await h.outbox.kick();
    expect(h.calls.map((c) => c.body)).toEqual(['{"t":"plain"}']);
    const [dead] = await h.outbox.all();
    expect(dead?.lastError).toBe(LEGACY_REFUSED);
    expect(JSON.stringify(h.calls)).not.toContain('s3cret-value');
  });
});
