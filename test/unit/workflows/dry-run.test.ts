// The editor's per-step preview and dry run of workflow rules (src/workflows/dry-run.ts): each step's
// rendered request over a sample event, earlier answers simulated from the preset's samples, skipped
// steps with why, and steps that read an answer no sample gives marked "depends on".
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { FLOW_PRESETS, ruleFromPreset } from '../../../src/presets';
import { RuleSchema } from '../../../src/rules/schema';
import { presetSamples, previewSteps, sampleLinks } from '../../../src/workflows/dry-run';

const event = (type: BridgeEvent['type']): BridgeEvent => ({
  id: `roxchat:x:${type}`,
  platform: 'roxchat',
  type,
  sourceEvent: 'x',
  receivedAt: 1_700_000_000_000,
  origin: 'https://w.example',
  page: { url: 'https://crm.example/', title: '' },
  tabId: 1,
  frameId: 0,
  conversation: { id: 'chat-7' },
  contact: { platformId: 'v-7', name: 'Ada', email: 'ada@example.com', phone: '+34600000000' },
  data: {},
});

const flows = FLOW_PRESETS.map((p) => [p.id, p] as const);
const stepsOf = (preset: (typeof FLOW_PRESETS)[number]) =>
  RuleSchema.parse(ruleFromPreset(preset, 'x')).then as unknown[];
const request = (s: { preview?: { preview: unknown } } | undefined) =>
  s?.preview?.preview as { method: string; url: string; body?: string; headers: Record<string, string> };

describe('workflow step preview over a preset', () => {
  it.each(flows)('%s, a new visitor assigned: find renders, the others say why they skip', (_id, preset) => {
    const steps = previewSteps(stepsOf(preset), event('conversation.assigned'), {
      samples: preset.samples,
      secrets: preset.secrets,
      transcript: 'TRANSCRIPT',
    });
    expect(steps.map((s) => [s.id, s.state])).toEqual([
      ['find', 'runs'],
      ['create', 'skipped'],
      ['link', 'skipped'],
      ['log', 'skipped'],
    ]);
    const find = request(steps[0]);
    expect(find.url).toMatch(/^https:\/\//);
    expect(`${find.url} ${find.body ?? ''}`).toMatch(/ada(@|%40)example\.com|(\+|%2B)34600000000/);
    // Secrets stay references in the preview.
    expect(JSON.stringify(find.headers)).not.toMatch(/\{\{/);
    expect(steps[0]?.answer?.status).toBe(preset.samples?.find?.status);
    expect(steps[1]?.why).toBe('steps.find.count equals 0');
    expect(steps[3]?.why).toBe('type equals "conversation.closed"');
  });

  it.each(flows)('%s, a returning visitor at close: the note renders on the linked record', (_id, preset) => {
    const then = stepsOf(preset);
    const links = sampleLinks(then, preset.samples);
    expect(links.conversation).toBeTruthy();
    const steps = previewSteps(then, event('conversation.closed'), {
      samples: preset.samples,
      secrets: preset.secrets,
      links,
      transcript: 'TRANSCRIPT',
    });
    expect(steps.map((s) => s.state)).toEqual(['skipped', 'skipped', 'skipped', 'runs']);
    const log = request(steps[3]);
    expect(`${log.url} ${log.body}`).toContain(String(links.conversation));
    expect(log.body).toContain('TRANSCRIPT');
  });

  it.each(flows)('%s is found by its steps when edited later (its samples)', (_id, preset) => {
    expect(presetSamples(stepsOf(preset))).toBe(preset.samples);
  });
});

describe('workflow step preview without samples', () => {
  const then = [
    {
      kind: 'http',
      id: 'find',
      method: 'GET',
      url: 'https://crm.example/contacts?email={{ contact.email }}',
      matches: 'results',
      remember: { contact: '{{ steps.find.body.results.0.id }}' },
    },
    {
      kind: 'http',
      id: 'create',
      if: [{ op: 'equals', path: 'steps.find.count', value: 0 }],
      url: 'https://crm.example/contacts',
      body: { type: 'json', value: { email: '{{ contact.email }}' } },
    },
    {
      kind: 'http',
      id: 'note',
      url: 'https://crm.example/contacts/{{ links.contact }}/notes',
      body: { type: 'json', value: { text: 'hi' } },
    },
    { kind: 'log', id: 'Not An Id' },
  ];

  it('steps reading an answer no sample gives depend on it; an invalid step says so', () => {
    const steps = previewSteps(then, event('conversation.assigned'), { secrets: [] });
    expect(steps.map((s) => [s.id, s.state, s.dependsOn])).toEqual([
      ['find', 'runs', []],
      ['create', 'depends', ['find']],
      ['note', 'depends', ['find']],
      ['Not An Id', 'invalid', []],
    ]);
    expect(request(steps[0]).url).toBe('https://crm.example/contacts?email=ada%40example.com');
  });

  it('with a sample answer the same steps run on the simulated result', () => {
    const steps = previewSteps(then, event('conversation.assigned'), {
      secrets: [],
      samples: { find: { status: 200, body: { results: [{ id: 'C-1' }, { id: 'C-2' }] } } },
    });
    expect(steps.map((s) => s.state)).toEqual(['runs', 'skipped', 'runs', 'invalid']);
    expect(steps[0]?.answer).toEqual({ status: 200, count: 2, picked: false });
    expect(request(steps[2]).url).toBe('https://crm.example/contacts/C-1/notes');
  });
});
