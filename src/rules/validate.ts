// Validation that protects (issue 18): the checks a rule must pass beyond its schema, in plain
// sentences that say how to fix it. Errors mean nothing would ever be delivered (a template that
// cannot be read, a fixed URL that is not one, an event no platform sends): the editor refuses to save
// them and an import is refused. Warnings (a path the platform's samples never carry, a secret not set
// yet) need an explicit "Save anyway". Pure: the same checks run in the editor, on import and on policy.
import { CANONICAL_TYPES } from '../events/types';
import { PLATFORMS } from '../platforms';
import { parseTemplate, TemplateError } from '../templates/engine';
import { ALLOWED_FILTERS } from '../templates/filters';
import { didYouMean } from './did-you-mean';

export { didYouMean, distance } from './did-you-mean';

export type CheckLevel = 'error' | 'warning';
export interface RuleCheck {
  /** The rule path concerned (`then.0.url`, `when.events.1`): also the form field's key. */
  path: string;
  level: CheckLevel;
  message: string;
}
export interface CheckContext {
  /** Names of the secrets that exist (user and managed). */
  secretNames: readonly string[];
  /** Errors only (import, policy): skips the sample-path and secret warnings and their cost. */
  errorsOnly?: boolean;
}

/** Event paths every canonical event may carry, whether or not a sample has them. */
export const CANONICAL_EVENT_PATHS = [
  'type',
  'platform',
  'sourceEvent',
  'receivedAt',
  'origin',
  'page.url',
  'page.title',
  'conversation.id',
  'conversation.channel',
  'conversation.status',
  'contact.platformId',
  'contact.externalId',
  'contact.crmId',
  'contact.name',
  'contact.email',
  'contact.phone',
  'message.id',
  'message.text',
  'message.direction',
  'agent.id',
  'agent.name',
  'agent.email',
];
/** Template roots that are not event fields: earlier steps, remembered links, wrap-up answers. */
const NON_EVENT_ROOTS = new Set(['steps', 'links', 'wrapup', 'secrets']);
/** Action fields that are not templates over the event (candidateLabel reads one search match). */
const NOT_EVENT_TEMPLATES = new Set(['candidateLabel']);
const URL_KEYS = new Set(['url']);

/** Every event name a rule can listen to: canonical types and each platform's own source events. */
export function eventCatalogue(): string[] {
  return [...CANONICAL_TYPES, ...PLATFORMS.flatMap((p) => Object.keys(p.schemas).map((s) => `${p.id}:${s}`))];
}

interface SampleInfo {
  type: string;
  platform: string;
  sourceEvent: string;
  paths: Set<string>;
}
let samplesCache: SampleInfo[] | undefined;
const SEGMENT = /^[\w$-]+$/;

function pathsOf(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string, depth: number) => {
    if (path) out.add(path);
    if (v === null || typeof v !== 'object' || depth > 8 || out.size > 2000) return;
    const entries = Array.isArray(v)
      ? v.slice(0, 5).map((x, i) => [String(i), x] as const)
      : Object.entries(v);
    for (const [k, child] of entries) if (SEGMENT.test(k)) walk(child, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(value, '', 0);
  return out;
}

/** The platforms' documented samples (seed fixtures) normalised, with the paths each event carries. */
function samples(): SampleInfo[] {
  if (samplesCache) return samplesCache;
  const ctx = {
    receivedAt: 0,
    origin: 'https://workspace.example.com',
    page: { url: 'https://crm.example.com/', title: 'CRM' },
    tabId: -1,
    frameId: 0,
  };
  const out: SampleInfo[] = [];
  for (const p of PLATFORMS)
    for (const f of p.fixtures) {
      if (f.expectTypes.length === 0) continue;
      const r = p.normalize(f.raw, ctx);
      if (r.ok)
        for (const e of r.events)
          out.push({ type: e.type, platform: e.platform, sourceEvent: e.sourceEvent, paths: pathsOf(e) });
    }
  samplesCache = out;
  return out;
}

interface RuleShape {
  when?: { events?: unknown; platforms?: unknown };
  then?: unknown;
}
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Paths the samples of the events this rule listens to carry; undefined when no sample applies. */
function knownPaths(events: string[], platforms: string[]): Set<string> | undefined {
  const picked = samples().filter(
    (s) =>
      (events.includes(s.type) || events.includes(`${s.platform}:${s.sourceEvent}`)) &&
      (platforms.length === 0 || platforms.includes(s.platform)),
  );
  if (picked.length === 0) return undefined;
  const out = new Set(CANONICAL_EVENT_PATHS);
  for (const s of picked) for (const p of s.paths) out.add(p);
  return out;
}

function checkEvents(events: string[], push: (c: RuleCheck) => void) {
  const catalogue = eventCatalogue();
  events.forEach((name, i) => {
    if (catalogue.includes(name)) return;
    const path = `when.events.${i}`;
    const guess = didYouMean(name, catalogue);
    push({
      path,
      level: 'error',
      message: guess
        ? `No platform sends an event called "${name}": did you mean "${guess}"?`
        : `No platform sends an event called "${name}": pick an event from the list.`,
    });
  });
}

function templateProblem(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const filter = /undefined filter: ([\w-]+)/.exec(text)?.[1];
  if (filter) return `The filter "${filter}" does not exist: use one of ${[...ALLOWED_FILTERS].join(', ')}.`;
  if (/not closed/.test(text))
    return 'A value is not closed: write each one as {{ name }}, with two braces on each side, for example {{ conversation.id }}.';
  if (e instanceof TemplateError && !text.startsWith('template syntax error'))
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return 'This template cannot be read: write each value as {{ name }}, for example {{ conversation.id }}.';
}

function checkUrl(source: string, path: string, push: (c: RuleCheck) => void) {
  if (source.trim() === '' || source.includes('{{')) return;
  let ok = false;
  try {
    const u = new URL(source.trim());
    ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.host !== '';
  } catch {
    ok = false;
  }
  if (!ok)
    push({
      path,
      level: 'error',
      message: `"${source}" is not a full web address: start it with https:// and the host, for example https://crm.example.com/api/notes.`,
    });
}

interface TemplateCtx {
  known: Set<string> | undefined;
  errorsOnly: boolean;
  secretNames: readonly string[];
  push(c: RuleCheck): void;
}

function checkTemplate(source: string, path: string, isUrl: boolean, eventScope: boolean, t: TemplateCtx) {
  if (isUrl) checkUrl(source, path, t.push);
  if (!/\{\{|\}\}|\{%|%\}/.test(source)) return;
  let paths: string[];
  try {
    paths = parseTemplate(source, isUrl ? 'url' : 'text').paths;
  } catch (e) {
    t.push({ path, level: 'error', message: templateProblem(e) });
    return;
  }
  for (const p of paths) {
    const root = p.split('.')[0] ?? '';
    if (root === 'secrets') {
      if (t.errorsOnly) continue;
      const name = p.slice('secrets.'.length);
      if (t.secretNames.includes(name)) continue;
      const guess = didYouMean(name, t.secretNames);
      t.push({
        path,
        level: 'warning',
        message: guess
          ? `There is no secret called "${name}": did you mean "${guess}"?`
          : `There is no secret called "${name}" yet: add it on the Secrets tab before this rule runs.`,
      });
      continue;
    }
    if (!eventScope || NON_EVENT_ROOTS.has(root) || !t.known) continue;
    if (t.known.has(p) || [...t.known].some((k) => k.startsWith(`${p}.`))) continue;
    const guess = didYouMean(p, t.known);
    t.push({
      path,
      level: 'warning',
      message: guess
        ? `The sample events have no field "${p}": did you mean "${guess}"?`
        : `The sample events have no field "${p}": it will be empty unless the platform sends it.`,
    });
  }
}

/** Every string leaf of an action, with its rule path and its key. */
function leaves(v: unknown, path: string, key: string, out: [string, string, string][]) {
  if (typeof v === 'string') out.push([v, path, key]);
  else if (Array.isArray(v))
    v.forEach((x, i) => {
      leaves(x, `${path}.${i}`, key, out);
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'if') continue; // conditions, checked by the schema
      leaves(x, `${path}.${k}`, key === '' ? k : key, out);
    }
}

/** All checks for one rule (parsed, or as typed: the editor checks half-typed rules too). */
export function checkRule(rule: unknown, ctx: CheckContext): RuleCheck[] {
  const out: RuleCheck[] = [];
  const seen = new Set<string>();
  const push = (c: RuleCheck) => {
    const k = `${c.path}|${c.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(c);
  };
  const r = (rule && typeof rule === 'object' ? rule : {}) as RuleShape;
  const events = strings(r.when?.events);
  const platforms = strings(r.when?.platforms);
  checkEvents(events, push);
  const t: TemplateCtx = {
    known: ctx.errorsOnly ? undefined : knownPaths(events, platforms),
    secretNames: ctx.secretNames,
    errorsOnly: ctx.errorsOnly === true,
    push,
  };
  const actions = Array.isArray(r.then) ? r.then : [];
  actions.forEach((a, i) => {
    if (!a || typeof a !== 'object') return;
    const found: [string, string, string][] = [];
    for (const [k, v] of Object.entries(a)) if (k !== 'if') leaves(v, `then.${i}.${k}`, k, found);
    for (const [source, path, key] of found) {
      if (key === 'kind' || key === 'method' || key === 'command' || key === 'id') continue;
      const top = path.split('.').length === 3;
      checkTemplate(source, path, top && URL_KEYS.has(key), !NOT_EVENT_TEMPLATES.has(key), t);
    }
  });
  return out;
}

export const errorsOf = (checks: readonly RuleCheck[]) => checks.filter((c) => c.level === 'error');
export const warningsOf = (checks: readonly RuleCheck[]) => checks.filter((c) => c.level === 'warning');

/** The first error of a list of rules, as one sentence naming the rule (import and policy refuse with it). */
export function firstRuleError(
  rules: readonly { id: string; name?: string }[],
  ctx: CheckContext,
): { ruleId: string; check: RuleCheck; sentence: string } | undefined {
  for (const rule of rules) {
    const check = errorsOf(checkRule(rule, { ...ctx, errorsOnly: true }))[0];
    if (check)
      return {
        ruleId: rule.id,
        check,
        sentence: `Rule "${rule.name || rule.id}" (${check.path}): ${check.message}`,
      };
  }
  return undefined;
}
