/** Replaces every occurrence of any secret value (4+ chars) in a string with [secret:name]. */
export function redact(text: string, secrets: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, value] of secrets) {
    if (value.length >= 4 && out.includes(value)) out = out.split(value).join(`[secret:${name}]`);
  }
  return out;
}

/** Deep redaction of a JSON-like value (exports, journal excerpts). */
export function redactDeep<T>(value: T, secrets: ReadonlyMap<string, string>): T {
  if (secrets.size === 0) return value;
  return JSON.parse(redact(JSON.stringify(value) ?? 'null', secrets)) as T;
}

/** Placeholder used while a request waits in the outbox: secret values are only spliced in at send time. */
// Private-use code points delimit the token: they cannot be typed by accident and never reach a request.
export const secretToken = (name: string) => `\uE000secret:${name}\uE001`;
const TOKEN_RE = /\uE000secret:([\w-]+)\uE001/g;

export function resolveSecretTokens(
  text: string,
  secrets: ReadonlyMap<string, string>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(TOKEN_RE, (_m, name: string) => {
    const v = secrets.get(name);
    if (v === undefined) {
      missing.push(name);
      return '';
    }
    return v;
  });
  return { value, missing };
}

/** A proxy-free scope object: `{{ secrets.x }}` renders to the token for x (own properties only). */
export function secretScope(names: Iterable<string>): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const n of names) scope[n] = secretToken(n);
  return scope;
}
