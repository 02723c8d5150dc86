// Capture drift (issue 20): schema refusals and never-seen event types grouped by platform, event, field.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { driftGroups, readIssue } from '../../../src/journal/drift';
import type { JournalEntry, RejectedEntry } from '../../../src/journal/types';
import { invalid } from '../../../src/platforms/kit';
import { normalizeRoxchat } from '../../../src/platforms/roxchat/normalize';
import { CAPTURE_CONTEXT, messageEvent } from '../builders';

/** A rejection as the ingest stage journals it, from the real Rox.Chat normaliser. */
function rejected(params: object, at: number, event = 'newMessageAdded'): RejectedEntry {
  const r = normalizeRoxchat({ source: 'roxchat', event, params }, CAPTURE_CONTEXT);
  if (r.ok) throw new Error('expected a rejection');
  return {
    kind: 'rejected',
    at,
    eventId: '',
    tabId: 1,
    platform: 'roxchat',
    origin: 'https://w',
    reason: r.reason,
    issues: r.issues,
    count: 1,
  };
}
const msg = { roxchatVisitorId: 'v', chatId: 1, sessionId: 's', kind: 'visitor', messageText: 'hi' };

describe('driftGroups', () => {
  it('37 payloads whose chatId became a string are one group with the count, the field and the type', () => {
    const entries: JournalEntry[] = Array.from({ length: 37 }, (_, i) =>
      rejected({ ...msg, chatId: `c${i}` }, 100 + i),
    );
    const groups = driftGroups(entries);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      kind: 'rejected',
      platform: 'roxchat',
      sourceEvent: 'newMessageAdded',
      field: 'chatId',
      problem: 'type',
      received: 'string',
      count: 37,
      since: 100,
      last: 136,
    });
  });

  it('another field, a missing field and an unknown event type are separate groups (ties: latest first); untrusted refusals are none', () => {
    const { chatId: _, ...noChat } = msg;
    const unknown = { ...messageEvent('x'), type: 'platform.unknown' as const, sourceEvent: 'brandNewThing' };
    const entries: JournalEntry[] = [
      rejected({ ...msg, chatId: 'a' }, 1),
      rejected({ ...msg, messageText: 5 }, 2),
      rejected(noChat, 3),
      {
        kind: 'rejected',
        at: 4,
        eventId: '',
        tabId: 1,
        origin: 'https://evil',
        reason: 'origin not trusted',
        count: 3,
      },
      {
        kind: 'event',
        at: 5,
        eventId: 'e',
        tabId: 1,
        platform: 'roxchat',
        type: 'platform.unknown',
        event: unknown,
        matches: [],
        actions: [],
      },
      {
        kind: 'event',
        at: 6,
        eventId: 'e2',
        tabId: 1,
        platform: 'roxchat',
        type: 'platform.unknown',
        event: unknown,
        matches: [],
        actions: [],
      },
    ];
    const groups = driftGroups(entries);
    expect(groups.map((g) => [g.kind, g.sourceEvent, g.field, g.problem, g.count])).toEqual([
      ['new-type', 'brandNewThing', undefined, undefined, 2],
      ['rejected', 'newMessageAdded', 'chatId', 'missing', 1],
      ['rejected', 'newMessageAdded', 'messageText', 'type', 1],
      ['rejected', 'newMessageAdded', 'chatId', 'type', 1],
    ]);
  });

  it.each([
    [
      'chatId: Invalid input: expected number, received string',
      { field: 'chatId', problem: 'type', received: 'string' },
    ],
    ['a.b: Invalid input: expected string, received undefined', { field: 'a.b', problem: 'missing' }],
    ['kind: Too small', { field: 'kind', problem: 'other' }],
    [undefined, { problem: 'other' }],
  ])('reads %s', (issue, want) => {
    expect(readIssue(issue)).toEqual(want);
  });

  it('reads what the kit says of a real zod refusal', () => {
    const r = z.object({ n: z.number() }).safeParse({ n: 'x' });
    if (r.success) throw new Error('unreachable');
    expect(readIssue(invalid('ev', r.error).issues?.[0])).toEqual({
      field: 'n',
      problem: 'type',
      received: 'string',
    });
  });
});
