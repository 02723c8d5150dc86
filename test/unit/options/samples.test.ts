import { describe, expect, it } from 'vitest';
import { CANONICAL_TYPES } from '../../../src/events/types';
import { PLATFORMS } from '../../../src/platforms';
import { EventSelector } from '../../../src/rules/schema';
import {
  commandOptions,
  eventPaths,
  fixtureSamples,
  journalSamples,
  pickSample,
  selectorOptions,
} from '../../../src/ui/options/samples';

describe('rule editor samples', () => {
  it('every platform contributes normalised seed events', () => {
    const samples = fixtureSamples();
    for (const p of PLATFORMS) expect(samples.some((s) => s.event.platform === p.id)).toBe(true);
    expect(new Set(samples.map((s) => s.key)).size).toBe(samples.length);
  });

  it('picks the first sample the rule listens to', () => {
    const samples = fixtureSamples();
    expect(pickSample(samples, ['message.created'], ['roxchat'])?.event.sourceEvent).toBe('newMessageAdded');
    expect(pickSample(samples, ['jivochat:jivo_onIntroduction'], [])?.event.type).toBe('contact.identified');
    expect(pickSample(samples, ['message.created'], ['kommo'])?.event.platform).toBe('kommo');
  });

  it('paths: canonical first, then the payload', () => {
    const ev = fixtureSamples().find((s) => s.key === 'fixture:roxchat:newMessageAdded:0')?.event;
    const paths = eventPaths(ev);
    expect(paths.slice(0, 3)).toEqual(['type', 'platform', 'sourceEvent']);
    expect(paths).toContain('data.params.messageText');
    expect(paths).toContain('data.params.chatId');
  });

  it('event picker: every canonical type and every platform source event, all valid selectors', () => {
    const opts = selectorOptions().map((o) => o.value);
    for (const t of CANONICAL_TYPES) expect(opts).toContain(t);
    expect(opts).toContain('roxchat:visitorSelected');
    expect(opts).toContain('jivochat:jivo_onIntroduction');
    for (const o of opts) expect(EventSelector.safeParse(o).success, o).toBe(true);
  });

  it('commands of the chosen platforms', () => {
    expect(commandOptions(['roxchat']).map((c) => c.name)).toEqual(['start_outgoing_chat']);
    expect(commandOptions().length).toBeGreaterThan(5);
  });

  it('journal entries become samples; rejections are skipped', () => {
    const ev = fixtureSamples()[0]?.event;
    const s = journalSamples([
      { kind: 'rejected', at: 1, reason: 'x' },
      { kind: 'event', seq: 7, at: 1, platform: 'roxchat', type: 'message.created', event: ev },
    ]);
    expect(s.map((x) => x.key)).toEqual(['journal:7']);
  });
});
