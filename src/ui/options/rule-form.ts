// Form ↔ rule mapping, pure. The form holds what the inputs hold (strings, rows), so it can represent a
// half-typed rule; `validateRuleForm` turns it into a Rule with RuleSchema and reports every problem by the
// rule path it concerns (`then.0.url`), which is also the form field's key: zod path → field.
import type { PlatformId } from '../../events/types';
import { type Rule, type RuleInput, RuleSchema } from '../../rules/schema';
import { plainError } from '../../util/plain-issues';
import { actionFromForm, actionToForm, defaultActionForm } from './rule-form-actions';
import {
  type ActionForm,
  type ConditionForm,
  conditionFromForm,
  conditionToForm,
  type Issue,
} from './rule-form-parts';

export * from './rule-form-actions';
export * from './rule-form-parts';

export type OncePer = '' | 'event' | 'conversation' | 'contact';

export interface RuleForm {
  id: string;
  name: string;
  enabled: boolean;
  managed: boolean;
  events: string[];
  platforms: PlatformId[];
  match: 'all' | 'any';
  where: ConditionForm[];
  then: ActionForm[];
  /** '' = no once-limit. */
  oncePer: OncePer;
  /** Seconds (decimal allowed). */
  onceWindow: string;
  /** Seconds; '' = no throttle. */
  throttle: string;
}

const DAY_MS = 86_400_000;

const secondsText = (ms: number) => String(ms / 1000);

function msFrom(text: string, path: string, issues: Issue[]): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    issues.push({ path, message: 'enter a number of seconds' });
    return undefined;
  }
  return Math.round(n * 1000);
}

export function newRuleForm(id: string): RuleForm {
  return {
    id,
    name: '',
    enabled: true,
    managed: false,
    events: [],
    platforms: [],
    match: 'all',
    where: [],
    then: [defaultActionForm('http')],
    oncePer: '',
    onceWindow: secondsText(DAY_MS),
    throttle: '',
  };
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);

/**
 * Rule (parsed or as typed in JSON) → form. Exact for every valid rule (round trip tested); a loose input
 * (JSON mode with errors) maps field by field with empty fallbacks so its errors can be shown in the form.
 */
export function ruleToForm(input: Rule | RuleInput | unknown): RuleForm {
  const r = asRecord(input);
  const when = asRecord(r.when);
  const once = r.once === undefined ? undefined : asRecord(r.once);
  return {
    id: str(r.id),
    name: str(r.name),
    enabled: r.enabled !== false,
    managed: r.managed === true,
    events: asArray(when.events).map((e) => str(e)),
    platforms: asArray(when.platforms).map((p) => str(p) as PlatformId),
    match: when.match === 'any' ? 'any' : 'all',
    where: asArray(when.where).map(conditionToForm),
    then: asArray(r.then).map(actionToForm),
    oncePer: once ? (str(once.per) as OncePer) : '',
    onceWindow: secondsText(typeof once?.windowMs === 'number' ? once.windowMs : DAY_MS),
    throttle: typeof r.throttleMs === 'number' ? secondsText(r.throttleMs) : '',
  };
}

/** Form → the rule object to validate, plus conversion problems (a number that is not one, bad JSON…). */
export function formToRule(form: RuleForm): { rule: RuleInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const windowMs = msFrom(form.onceWindow, 'once.windowMs', issues);
  const throttleMs = msFrom(form.throttle, 'throttleMs', issues);
  const rule: RuleInput = {
    id: form.id.trim(),
    name: form.name,
    enabled: form.enabled,
    managed: form.managed,
    when: {
      events: form.events,
      ...(form.platforms.length ? { platforms: form.platforms } : {}),
      where: form.where.map((c, i) =>
        conditionFromForm(c, `when.where.${i}`, issues),
      ) as RuleInput['when']['where'],
      match: form.match,
    },
    then: form.then.map((a, i) => actionFromForm(a, `then.${i}`, issues)) as RuleInput['then'],
    ...(form.oncePer ? { once: { per: form.oncePer, windowMs: windowMs ?? DAY_MS } } : {}),
    ...(throttleMs !== undefined ? { throttleMs } : {}),
  };
  return { rule, issues };
}

export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** Validates a form: conversion problems win over zod's (same field), zod's are kept for the rest. */
export function validateRuleForm(form: RuleForm): { rule?: Rule; issues: Issue[] } {
  const { rule, issues } = formToRule(form);
  const parsed = RuleSchema.safeParse(rule, { error: plainError });
  if (parsed.success && issues.length === 0) return { rule: parsed.data, issues: [] };
  const zodIssues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  const shadowed = (p: string) => issues.some((c) => p === c.path || p.startsWith(`${c.path}.`));
  return { issues: [...issues, ...zodIssues.filter((z) => !shadowed(z.path))] };
}

/** Problems for one field: exactly at `path`, or (prefix) anywhere under it (key/value rows, JSON). */
export function issuesAt(issues: readonly Issue[], path: string, prefix = false): Issue[] {
  return issues.filter((i) => i.path === path || (prefix && i.path.startsWith(`${path}.`)));
}
