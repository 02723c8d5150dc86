import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { PRESETS, ruleFromPreset } from '../../../src/presets';
import { RuleSchema } from '../../../src/rules/schema';
import { formToRule, ruleToForm, validateRuleForm } from '../../../src/ui/options/rule-form';
import { fixtureSamples } from '../../../src/ui/options/samples';
import { referencedSecrets } from '../../../src/ui/options/transfer';

const docs = readFileSync(resolve(__dirname, '../../../docs/presets.md'), 'utf8');

describe('presets', () => {
  it('has the presets the options page promises', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([
      'hubspot-flow',
      'pipedrive-flow',
      'zoho-flow',
      'bitrix24-flow',
      'kommo-flow',
      'own-api-flow',
      'screen-pop-search',
      'siebel-contact',
      'hubspot-note',
      'pipedrive-note',
      'zoho-note',
      'bitrix24-comment',
      'kommo-note',
      'jivo-lead-zoho',
      'generic-webhook',
      'chatwoot-crm-link-note',
      'chatwoot-lead-status-label',
    ]);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s parses with RuleSchema', (_id, preset) => {
    const rule = RuleSchema.parse(ruleFromPreset(preset, `${preset.id}-1`));
    expect(rule.id).toBe(`${preset.id}-1`);
    expect(rule.managed).toBe(false);
    expect(rule.enabled).toBe(true);
  });

  it.each(
    PRESETS.map((p) => [p.id, p] as const),
  )('%s uses secrets by name only, and declares them', (_id, preset) => {
    const rule = RuleSchema.parse(ruleFromPreset(preset, 'x'));
    expect(referencedSecrets(rule)).toEqual([...preset.secrets].sort());
    // No API key or token literal in a header: every credential header is a secret reference.
    for (const a of rule.then)
      if (a.kind === 'http')
        for (const [name, v] of Object.entries(a.headers))
          if (/auth|token|key|secret/i.test(name)) expect(v).toMatch(/\{\{ secrets\.[\w-]+ \}\}/);
  });

  it.each(
    PRESETS.map((p) => [p.id, p] as const),
  )('%s is documented in docs/presets.md with its API links', (_id, preset) => {
    expect(docs).toContain(preset.name);
    for (const d of preset.docs) expect(docs).toContain(d.url);
  });

  // Every preset, workflow steps included (ids, `if`, `remember`, `matches`, `onMany`…): loaded into the
  // form editor and saved without changes, the stored rule is the same rule.
  it.each(
    PRESETS.map((p) => [p.id, p] as const),
  )('%s survives the rule editor form unchanged', (_id, preset) => {
    const rule = RuleSchema.parse(ruleFromPreset(preset, 'x'));
    expect(RuleSchema.parse(formToRule(ruleToForm(rule)).rule)).toEqual(rule);
    expect(validateRuleForm(ruleToForm(rule))).toEqual({ rule, issues: [] });
  });

  it('creating a rule from a preset copies it (editing the rule never changes the preset)', () => {
    const preset = PRESETS[2];
    if (!preset) throw new Error('preset');
    const rule = ruleFromPreset(preset, 'x');
    (rule.then[0] as { url: string }).url = 'changed';
    expect(JSON.stringify(preset.rule)).not.toContain('changed');
  });

  it('each preset matches at least one seed sample and renders without template errors', () => {
    const samples = fixtureSamples();
    for (const preset of PRESETS) {
      const rule = RuleSchema.parse(ruleFromPreset(preset, 'x'));
      const results = samples.map((s) => dryRun([rule], s.event, preset.secrets)[0]);
      const matched = results.filter((r) => r?.matched);
      expect(matched.length, `${preset.id} matches some sample`).toBeGreaterThan(0);
      for (const r of matched)
        for (const a of r?.actions ?? []) expect(a.error, `${preset.id}: ${a.error}`).toBeUndefined();
    }
  });

  it('the HubSpot note renders the v3 notes request with the contact association, secret masked', () => {
    const preset = PRESETS.find((p) => p.id === 'hubspot-note');
    if (!preset) throw new Error('preset');
    const rule = RuleSchema.parse(ruleFromPreset(preset, 'x'));
    const sample = fixtureSamples().find((s) => s.key === 'fixture:roxchat:newMessageAdded:0');
    if (!sample) throw new Error('sample');
    const [r] = dryRun([rule], sample.event, ['hubspot_token']);
    const req = r?.actions[0]?.preview as { url: string; headers: Record<string, string>; body: string };
    expect(req.url).toBe('https://api.hubapi.com/crm/v3/objects/notes');
    expect(req.headers.Authorization).toBe('Bearer [secret:hubspot_token]');
    expect(JSON.parse(req.body)).toEqual({
      properties: {
        hs_timestamp: sample.event.receivedAt,
        hs_note_body: '[roxchat chat 483] inbound: Greetings!',
      },
      associations: [
        {
          to: { id: '4-1GQDLH42' },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
        },
      ],
    });
  });
});
