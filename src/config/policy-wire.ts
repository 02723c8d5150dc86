// Decodes the positions of a policy that Chrome's managed_schema subset cannot type (see
// src/config/chrome-schema.ts): there the admin writes the value JSON-encoded as a string, e.g.
//   "where": [{ "op": "in", "path": "data.params.kind", "value": "[\"visitor\",\"operator\"]" }]
//   "body": { "type": "json", "value": "{\"text\": \"{{ message.text }}\"}" }
// Plain strings that are not JSON stay strings, so `"value": "visitor"` needs no quoting.
// docs/admin.md documents every such position.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON-decodes a string when it holds JSON of the wanted kind; anything else is returned unchanged. */
export function decodeJsonString(v: unknown, want: 'container' | 'any' = 'any'): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  const looksContainer = t.startsWith('{') || t.startsWith('[');
  if (want === 'container' && !looksContainer) return v;
  if (!looksContainer && !/^(-?\d|true$|false$|null$|")/.test(t)) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

function decodeCondition(c: unknown): unknown {
  if (!isObj(c) || typeof c.value !== 'string') return c;
  // gt/lt want numbers, in wants an array; equals/not_equals may be a JSON scalar. Text operators keep text.
  if (c.op === 'gt' || c.op === 'lt' || c.op === 'in' || c.op === 'equals' || c.op === 'not_equals') {
    return { ...c, value: decodeJsonString(c.value) };
  }
  return c;
}

function decodeAction(a: unknown): unknown {
  if (!isObj(a)) return a;
  const out: Json = { ...a };
  if (isObj(a.body) && a.body.type === 'json')
    out.body = { ...a.body, value: decodeJsonString(a.body.value, 'container') };
  if (isObj(a.params)) {
    out.params = Object.fromEntries(
      Object.entries(a.params).map(([k, v]) => [k, decodeJsonString(v, 'container')]),
    );
  }
  return out;
}

function decodeRule(r: unknown): unknown {
  if (!isObj(r)) return r;
  const out: Json = { ...r };
  if (isObj(r.when) && Array.isArray(r.when.where))
    out.when = { ...r.when, where: r.when.where.map(decodeCondition) };
  if (Array.isArray(r.then)) out.then = r.then.map(decodeAction);
  return out;
}

/**
 * A saved test of the policy (`tests`, issue 20): its event's `data` (the platform payload) and each
 * expected request's `rendered.preview` are free-form, so they travel JSON-encoded as well.
 */
function decodeTest(t: unknown): unknown {
  if (!isObj(t)) return t;
  const out: Json = { ...t };
  if (isObj(t.event) && 'data' in t.event)
    out.event = { ...t.event, data: decodeJsonString(t.event.data, 'container') };
  if (Array.isArray(t.expect))
    out.expect = t.expect.map((a) =>
      isObj(a) && isObj(a.rendered) && 'preview' in a.rendered
        ? { ...a, rendered: { ...a.rendered, preview: decodeJsonString(a.rendered.preview, 'container') } }
        : a,
    );
  return out;
}

export function decodePolicyWire(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const out: Json = { ...raw };
  if (Array.isArray(raw.rules)) out.rules = raw.rules.map(decodeRule);
  if (Array.isArray(raw.tests)) out.tests = raw.tests.map(decodeTest);
  return out;
}
