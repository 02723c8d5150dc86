/**
 * Replaces every occurrence of any secret value (4+ chars) in a string with [secret:name]. The
 * JSON-escaped form is replaced too: a CRM response excerpt may echo a secret inside a JSON string
 * (`a"b` as `a\"b`). Longer values first, so a secret containing another is not split by it.
 */
export function redact(text: string, secrets: ReadonlyMap<string, string>): string {
  let out = text;
  const byLength = [...secrets].sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of byLength) {
    if (value.length < 4) continue;
    const escaped = JSON.stringify(value).slice(1, -1);
    for (const form of escaped === value ? [value] : [value, escaped]) {
      if (out.includes(form)) out = out.split(form).join(`[secret:${name}]`);
    }
  }
  return out;
}

/**
 * Deep redaction of a JSON-like value (exports, journal entries, the outbox listing): each string
 * value and each object key is redacted as it is, so a secret containing characters JSON would
 * escape (quotes, backslashes, control characters) is still found (issue 14, item 2). Searching the
 * encoded JSON, as before, missed those.
 */
export function redactDeep<T>(value: T, secrets: ReadonlyMap<string, string>): T {
  if (secrets.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const proto = Object.getPrototypeOf(v);
    // Anything else (a Date, a class instance) is redacted as its JSON form, as it would be exported.
    if (proto !== Object.prototype && proto !== null) return walk(JSON.parse(JSON.stringify(v) ?? 'null'));
    // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k, secrets), walk(x)]));
  };
  return walk(value) as T;
}
