// Actions as form values (see rule-form.ts). Pure.
import {
  type ActionForm,
  type ActionKind,
  type ActionKindForm,
  asRecord,
  type HttpMethod,
  type Issue,
  jsonMapFromForm,
  jsonMapToForm,
  numberFrom,
  type PageForm,
  recordFrom,
  rowsOf,
  str,
} from './rule-form-parts';
import { askAgentFromForm, askAgentToForm, stepFromForm, stepToForm } from './rule-form-steps';

/** As HttpActionSchema's header names (RFC 9110 token). */
const HEADER_NAME = { test: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, what: 'HTTP header name' };

const pageToForm = (p: unknown): PageForm => {
  const r = asRecord(p);
  return {
    tab: r.tab === 'pattern' ? 'pattern' : 'source',
    tabPattern: str(r.tabPattern),
    frameScope: str(r.frameScope),
    ...(r.frames === 'source' || r.frames === 'all' ? { frames: r.frames } : {}),
  };
};
const pageFromForm = (p: PageForm) => ({
  tab: p.tab,
  ...(p.frames ? { frames: p.frames } : {}),
  ...(p.tabPattern ? { tabPattern: p.tabPattern } : {}),
  ...(p.frameScope ? { frameScope: p.frameScope } : {}),
});

/** A new action of `kind` with the schema's defaults (an http action starts with a JSON body). */
export function defaultActionForm(kind: ActionKind): ActionForm {
  const f = actionToForm({ kind });
  return f.kind === 'http' ? { ...f, bodyType: 'json' } : f;
}

/** An action (parsed, or as typed in JSON) → form: its kind's fields and its step fields. */
export function actionToForm(input: unknown): ActionForm {
  const a = asRecord(input);
  return { ...kindToForm(a), step: stepToForm(a) };
}

function kindToForm(a: Record<string, unknown>): ActionKindForm {
  switch (a.kind) {
    case 'ask-agent':
      return { kind: 'ask-agent', json: askAgentToForm(a) };
    case 'open-url':
      return {
        kind: 'open-url',
        url: str(a.url),
        target: a.target === 'reuse' || a.target === 'current' ? a.target : 'new',
        reusePattern: str(a.reusePattern),
        navigate: a.navigate !== false,
      };
    case 'agent-command':
      return { kind: 'agent-command', command: str(a.command), params: jsonMapToForm(a.params ?? {}) };
    case 'fill':
      return { kind: 'fill', page: pageToForm(a.page), fields: rowsOf(a.fields) };
    case 'click':
      return { kind: 'click', page: pageToForm(a.page), selector: str(a.selector) };
    case 'notify':
      return {
        kind: 'notify',
        title: str(a.title, '{{ type }}'),
        message: str(a.message, '{{ message.text | default: sourceEvent }}'),
        url: str(a.url),
      };
    case 'copy':
      return { kind: 'copy', text: str(a.text) };
    case 'log':
      return { kind: 'log', message: str(a.message, '{{ type }}') };
    default: {
      const body = a.body === undefined ? undefined : asRecord(a.body);
      const method = str(a.method, 'POST') as HttpMethod;
      return {
        kind: 'http',
        method,
        url: str(a.url),
        headers: rowsOf(a.headers),
        bodyType: body?.type === 'text' ? 'text' : body ? 'json' : 'none',
        bodyJson: jsonMapToForm(body?.type === 'json' ? body.value : {}),
        bodyText: body?.type === 'text' ? str(body.value) : '',
        contentType: body?.type === 'text' ? str(body.contentType, 'text/plain') : 'text/plain',
        timeoutMs: String(typeof a.timeoutMs === 'number' ? a.timeoutMs : 15_000),
      };
    }
  }
}

export function actionFromForm(f: ActionForm, path: string, issues: Issue[]): unknown {
  const step = stepFromForm(f.step, f.kind, path, issues);
  const own = kindFromForm(f, path, issues);
  return { ...own, ...step };
}

function kindFromForm(f: ActionForm, path: string, issues: Issue[]): Record<string, unknown> {
  switch (f.kind) {
    case 'ask-agent':
      return { ...askAgentFromForm(f.json, path, issues), kind: f.kind };
    case 'http': {
      const timeout = numberFrom(f.timeoutMs);
      if (timeout === undefined)
        issues.push({ path: `${path}.timeoutMs`, message: 'enter a number of milliseconds' });
      const body =
        f.bodyType === 'json'
          ? { type: 'json', value: jsonMapFromForm(f.bodyJson, `${path}.body.value`, issues, false) }
          : f.bodyType === 'text'
            ? { type: 'text', value: f.bodyText, contentType: f.contentType || 'text/plain' }
            : undefined;
      return {
        kind: 'http',
        method: f.method,
        url: f.url,
        headers: recordFrom(f.headers, `${path}.headers`, issues, HEADER_NAME),
        ...(body ? { body } : {}),
        timeoutMs: timeout ?? f.timeoutMs,
      };
    }
    case 'open-url':
      return {
        kind: f.kind,
        url: f.url,
        target: f.target,
        ...(f.reusePattern ? { reusePattern: f.reusePattern } : {}),
        navigate: f.navigate,
      };
    case 'agent-command':
      return {
        kind: f.kind,
        command: f.command,
        params: jsonMapFromForm(f.params, `${path}.params`, issues, true),
      };
    case 'fill':
      return {
        kind: f.kind,
        page: pageFromForm(f.page),
        fields: recordFrom(f.fields, `${path}.fields`, issues),
      };
    case 'click':
      return { kind: f.kind, page: pageFromForm(f.page), selector: f.selector };
    case 'notify':
      return { kind: f.kind, title: f.title, message: f.message, ...(f.url ? { url: f.url } : {}) };
    case 'copy':
      return { kind: f.kind, text: f.text };
    case 'log':
      return { kind: f.kind, message: f.message };
  }
}
