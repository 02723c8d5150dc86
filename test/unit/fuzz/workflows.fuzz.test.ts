// Issue 17: templates and conditions reading `steps`, `links`, `wrapup` and `conversation.transcript`.
// Visitor text (in messages, the transcript, CRM responses and wrap-up answers) full of template
// syntax and secret references is rendered through a chain's http step and resolved as the outbox
// sends it: no secret value appears unless the rule named it, and another contact's link never does.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { resolveRequest } from '../../../src/outbox/resolve';
import { testCondition } from '../../../src/rules/conditions';
import { RuleSchema } from '../../../src/rules/schema';
import { TemplateError } from '../../../src/templates/engine';
import { readLinks, rememberLink } from '../../../src/workflows/links';
import { chainScope } from '../../../src/workflows/scope';
import { stepItem } from '../../../src/workflows/step';
import type { ChainRecord } from '../../../src/workflows/types';
import { appendMessage } from '../builders';

const RUNS = Math.max(50, Math.floor(Number(process.env.FUZZ_RUNS ?? 1500) / 10));
const SECRETS = new Map([['crm', 'Z9crm-value-Q']]);
const OTHER_LINK = 'Z9other-contact-link-Q';
const PIECES = [
  '{{ secrets.crm }}',
  '{{ links.contact }}',
  '{{',
  '}}',
  '{%',
  '%}',
  'secrets.crm',
  '"',
  '\\',
  ' ',
  'a',
  '\uE000',
];
const hostile = fc.string({ unit: fc.constantFrom(...PIECES), minLength: 1, maxLength: 10 });

const rule = RuleSchema.parse({
  id: 'flow',
  when: { events: ['conversation.closed'] },
  then: [
    {
      kind: 'http',
      id: 'note',
      url: 'https://crm.example/contacts/{{ links.contact }}/notes?w={{ wrapup.summary }}&s={{ steps.find.body.results.0.name }}',
      body: {
        type: 'json',
        value: {
          text: '{{ conversation.transcript }}',
          messages: '{{ conversation.messages }}',
          link: 'link {{ links.contact }} / {{ links.conversation }}',
          found: '{{ steps.find.body }}',
          wrap: '{{ wrapup.summary }} {{ wrapup | json }}',
          steps: '{{ steps | json }}',
        },
      },
    },
  ],
});
const action = rule.then[0] as Extract<(typeof rule.then)[number], { kind: 'http' }>;

let n = 0;
describe('workflow context fuzz', () => {
  it('no secret and no other contact’s link in what a chain step sends', async () => {
    // Another contact of the same platform has a link; the fuzzed events never belong to it.
    const other = { platform: 'roxchat', contact: { platformId: 'someone-else' } } as BridgeEvent;
    await rememberLink(other, 'contact', OTHER_LINK, 'flow');
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostile, { minLength: 1, maxLength: 4 }),
        hostile,
        hostile,
        async (texts, body, wrap) => {
          const id = ++n;
          const base = {
            id: `roxchat:x:k:${id}`,
            platform: 'roxchat',
            sourceEvent: 'x',
            receivedAt: id,
            origin: 'https://w.example',
            page: { url: 'https://crm.example/', title: '' },
            tabId: 1,
            frameId: 0,
            conversation: { id: `c${id}` },
            contact: { platformId: `v${id}`, name: texts[0] },
            data: { text: texts[0] },
          } as const;
          for (const [i, text] of texts.entries())
            await appendMessage(
              { ...base, type: 'message.created', message: { text, direction: 'inbound' } },
              `o${i}`,
            );
          const event: BridgeEvent = { ...base, type: 'conversation.closed' };
          const links = await readLinks(event);
          expect(links.contact).toBeUndefined();
          const chain: ChainRecord = {
            id: `chain-${id}`,
            rule,
            journalSeq: 1,
            event,
            step: 0,
            state: 'running',
            results: {
              find: {
                ok: true,
                status: 200,
                body: { results: [{ name: body, secret: '{{ secrets.crm }}' }] },
                count: 1,
              },
            },
            links,
            wrapup: { summary: wrap },
            createdAt: 0,
            updatedAt: 0,
            expiresAt: 1,
          };
          const scope = await chainScope(chain);
          expect(testCondition(scope, { op: 'exists', path: 'links.contact' })).toBe(false);
          expect(testCondition(scope, { op: 'exists', path: 'secrets.crm' })).toBe(false);
          let sent: string;
          try {
            const { item } = stepItem(chain, 0, action, scope, { names: ['crm'], managed: [] }, 0);
            const r = resolveRequest(item.request, SECRETS, () => false, false);
            if ('refused' in r) throw new Error(r.refused);
            sent = `${item.request.url}\n${JSON.stringify(r.headers)}\n${r.body ?? ''}`;
          } catch (e) {
            expect(e).toBeInstanceOf(TemplateError);
            return;
          }
          expect(sent).not.toContain(SECRETS.get('crm'));
          expect(sent).not.toContain(OTHER_LINK);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
