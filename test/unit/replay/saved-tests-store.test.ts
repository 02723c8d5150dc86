// Saved tests (issue 20), the user side: kept in the settings, "Save as test" built in the worker from its
// journal, "Accept new behaviour", the rules as they would be with the editor's draft.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageHandlers } from '../../../src/background/handlers/pages';
import { SettingsState } from '../../../src/background/state';
import { USER_SETTING_KEYS } from '../../../src/config/policy';
import { SettingsSchema } from '../../../src/config/settings';
import { loadSettings, saveSettings } from '../../../src/config/store';
import type { BridgeEvent } from '../../../src/events/model';
import type { EventEntry } from '../../../src/journal/types';
import {
  acceptBehaviour,
  addTest,
  rulesWithDraft,
  runSavedTest,
  SAVED_TEST_MAX_CHARS,
  SAVED_TESTS_MAX,
  type SavedTest,
  testFromEntry,
} from '../../../src/replay/saved-test';
import type { Rule } from '../../../src/rules/schema';
import { setSecret } from '../../../src/secrets/store';
import { MemFeed, MemJournal } from '../background/pipeline/fakes';
import { appendMessage, messageEvent } from '../builders';
import { crmNoteRule, journaledRun } from './journaled';

const SECRET = 'S3CRET-VALUE-77';
const rule = (text: string, id = 'r', events = ['message.created']): Rule =>
  crmNoteRule({ text }, { id, name: `Rule ${id}`, events, then: [{ kind: 'log', message: 'x' }] });

/** A journal entry as the action stage writes it: each action's outcome with its rendered request. */
const entryFor = (ran: Rule, event: BridgeEvent) => journaledRun(ran, event);

const event = messageEvent('hello');
const saved = testFromEntry({ ...entryFor(rule('{{ message.text }}'), event), seq: 1 }, event, 't1', 5);

beforeEach(() => fakeBrowser.reset());

describe('tests in the settings', () => {
  it('a stored settings object without tests loads with none (no version step)', async () => {
    await fakeBrowser.storage.local.set({ settings: { journalLimit: 900 } });
    const r = await loadSettings();
    expect(r).toMatchObject({ ok: true, settings: { journalLimit: 900, tests: [] } });
  });

  it('round-trip through storage; more than SAVED_TESTS_MAX is refused', async () => {
    const s = SettingsSchema.parse({ tests: [saved] });
    await saveSettings(s);
    expect((await loadSettings()).settings.tests).toEqual([saved]);
    const many = Array.from({ length: SAVED_TESTS_MAX + 1 }, (_, i) => ({ ...saved, id: `t${i}` }));
    expect(SettingsSchema.safeParse({ tests: many }).success).toBe(false);
  });

  it('is not a setting an admin can lock or suggest (the policy has its own tests)', () => {
    expect(USER_SETTING_KEYS).not.toContain('tests');
  });
});

describe('addTest', () => {
  const other = { ...saved, id: 't2', event: { ...event, id: 'other' } };
  const huge = { ...other, event: { ...other.event, data: 'x'.repeat(SAVED_TEST_MAX_CHARS) } };
  const full = Array.from({ length: SAVED_TESTS_MAX }, (_, i) => ({
    ...saved,
    id: `f${i}`,
    event: { ...event, id: `e${i}` },
  }));
  it.each([
    ['an empty list', [], other, { ok: true }],
    ['another event', [saved], other, { ok: true }],
    [
      'the same event again',
      [saved],
      { ...saved, id: 'x' },
      { ok: false, reason: 'duplicate', name: saved.name },
    ],
    ['a full list', full, other, { ok: false, reason: 'full' }],
    ['a test too large', [], huge, { ok: false, reason: 'too-large' }],
  ] as Array<[string, SavedTest[], SavedTest, object]>)('%s', (_, tests, test, want) => {
    const r = addTest(tests, test);
    expect(r).toMatchObject(want);
    if (r.ok) expect(r.tests.at(-1)).toBe(test);
  });
});

describe('the rules with the draft, and accepting new behaviour', () => {
  const a = rule('a', 'a');
  const b = rule('b', 'b');
  it.each([
    ['an edited rule replaces itself in place', [a, b], rule('a2', 'a'), 'a', ['a', 'b'], 'a2'],
    ['a new rule is added', [a, b], rule('c', 'c'), undefined, ['a', 'b', 'c'], 'a'],
    ['a renamed id replaces the original', [a, b], rule('z', 'z'), 'a', ['z', 'b'], 'z'],
    [
      'a managed rule with the id is not replaced',
      [{ ...a, managed: true }],
      rule('u', 'a'),
      'a',
      ['a', 'a'],
      'a',
    ],
  ] as const)('%s', (_, rules, draft, originalId, ids, firstText) => {
    const next = rulesWithDraft(rules, draft, originalId);
    expect(next.map((r) => r.id)).toEqual(ids);
    const body = next[0]?.then[0];
    expect(body?.kind === 'http' && (body.body as unknown as { value: { text: string } }).value.text).toBe(
      firstText,
    );
  });

  it('an accepted test passes against the rules it was accepted with, and keeps its id, name and event', () => {
    const edited = [rule('v2 {{ message.text }}')];
    expect(runSavedTest(saved, edited, ['crm']).pass).toBe(false);
    const accepted = acceptBehaviour(saved, edited, ['crm']);
    expect(runSavedTest(accepted, edited, ['crm']).pass).toBe(true);
    expect(runSavedTest(accepted, [rule('{{ message.text }}')], ['crm']).pass).toBe(false);
    expect([accepted.id, accepted.name, accepted.event]).toEqual([saved.id, saved.name, saved.event]);
    expect(acceptBehaviour(saved, [], ['crm']).expect).toEqual([]);
  });
});

describe('tests.save (worker)', () => {
  async function setup(rules: Rule[], entry: EventEntry) {
    const journal = new MemJournal();
    const seq = await journal.append(entry);
    await saveSettings(SettingsSchema.parse({ rules }));
    const state = new SettingsState(async () => undefined);
    await state.reload();
    const h = pageHandlers({
      state,
      journal: journal as never,
      outbox: {} as never,
      feed: new MemFeed(),
      resetBadge: vi.fn(),
      secretsChanged: async () => undefined,
      tabStatus: async () => ({}) as never,
    });
    return { h, seq, state };
  }

  it('builds the test from the journal entry, redacts secret values and saves it in the settings', async () => {
    await setSecret('crm', SECRET);
    const leaky = messageEvent(`my key is ${SECRET}`);
    const r0 = rule('{{ message.text }}');
    const { h, seq, state } = await setup([r0], entryFor(r0, leaky));
    const r = await h['tests.save']({ type: 'tests.save', seq });
    expect(r).toMatchObject({ ok: true, name: `roxchat newMessageAdded #${seq}` });
    const [test] = (await loadSettings()).settings.tests;
    expect(test?.event.message?.text).toBe('my key is [secret:crm]');
    expect(JSON.stringify(test)).not.toContain(SECRET);
    expect(state.userSettings.tests).toHaveLength(1);
    // The same event twice is refused with the name of the test already saved.
    expect(await h['tests.save']({ type: 'tests.save', seq })).toMatchObject({
      ok: false,
      reason: 'duplicate',
      name: test?.name,
    });
    expect(await h['tests.save']({ type: 'tests.save', seq: 99 })).toEqual({ ok: false, reason: 'gone' });
  });

  it('stored settings that do not load are not overwritten from the popup', async () => {
    const r0 = rule('{{ message.text }}');
    const { h, seq, state } = await setup([r0], entryFor(r0, event));
    await fakeBrowser.storage.local.set({ settings: { journalLimit: 'lots', rules: [r0] } });
    await state.reload();
    expect(await h['tests.save']({ type: 'tests.save', seq })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await fakeBrowser.storage.local.get('settings')).toMatchObject({
      settings: { journalLimit: 'lots' },
    });
  });

  it('a closed conversation is saved with its transcript, as the action stage gives it', async () => {
    const conversation = { id: 'c1' };
    await appendMessage(messageEvent('first words', { conversation, id: 'm1' }), 'm1', 1);
    const closed = messageEvent('', {
      id: 'close',
      type: 'conversation.closed',
      sourceEvent: 'chatClosedByOperator',
      conversation,
      message: undefined,
    });
    const r0 = rule('{{ conversation.transcript }}', 'log', ['conversation.closed']);
    const { h, seq } = await setup([r0], entryFor(r0, closed));
    expect(await h['tests.save']({ type: 'tests.save', seq })).toMatchObject({ ok: true });
    const [test] = (await loadSettings()).settings.tests;
    expect(test?.event.conversation?.transcript).toContain('first words');
  });
});
