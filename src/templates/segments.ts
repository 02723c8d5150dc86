/**
 * A rendered header value or body is a list of segments: literal text, or a reference to a named secret
 * that only a rule's own template can create (`{{ secrets.name }}` in its header or body template).
 * Secret references travel out of band, never as a marker inside text: event text may contain any
 * characters (placeholder look-alikes included) and is never searched for secrets (issue 14, item 2;
 * SECURITY.md "Secrets").
 */
export interface SecretRef {
  secret: string;
  /** The reference sits inside a JSON string: the value is inserted JSON-escaped (without its quotes). */
  json?: true;
}
export type Segment = string | SecretRef;
export type Segments = Segment[];

export const isSecretRef = (s: unknown): s is SecretRef =>
  typeof s === 'object' && s !== null && typeof (s as SecretRef).secret === 'string';

/** Appends, merging adjacent literal text (keeps stored items small and previews simple). */
export function pushSegment(out: Segments, s: Segment): void {
  if (typeof s === 'string') {
    if (s === '') return;
    const last = out.length - 1;
    if (typeof out[last] === 'string') out[last] = `${out[last]}${s}`;
    else out.push(s);
  } else out.push(s);
}

/** The names a request refers to (for send-time checks and the "missing" report). */
export function secretNamesIn(...lists: Array<Segments | undefined>): string[] {
  const names = new Set<string>();
  for (const list of lists) for (const s of list ?? []) if (isSecretRef(s)) names.add(s.secret);
  return [...names];
}

/** Joins segments, each secret reference replaced by `value(name)` (escaped for JSON where marked). */
export function joinSegments(segments: Segments, value: (name: string) => string): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'string') out += s;
    else {
      const v = value(s.secret);
      out += s.json ? JSON.stringify(v).slice(1, -1) : v;
    }
  }
  return out;
}

/** Dry-run / preview text: each reference shown as `[secret:name]` from the structure, not a search. */
export const previewSegments = (segments: Segments): string =>
  joinSegments(segments, (name) => `[secret:${name}]`);

/**
 * Who may use which secret. Organisation (admin policy) secrets resolve only in the organisation's own
 * rules (issue 14, item 7): a user rule could otherwise send them to any host the user grants.
 */
export interface SecretAccess {
  /** Every secret name that is set (the user's and the organisation's). */
  names: readonly string[];
  /** Names set by the organisation's policy. */
  managed: readonly string[];
  /** Whether the rule being rendered is one of the organisation's (rule.managed). */
  ruleManaged: boolean;
}

export const NO_SECRETS: SecretAccess = { names: [], managed: [], ruleManaged: false };

/** Why `name` may not be used by this rule, in words a person understands; undefined when it may. */
export function secretRefused(name: string, managed: (n: string) => boolean, ruleManaged: boolean) {
  return managed(name) && !ruleManaged
    ? `secret ${name} is set by your organisation and is available only to its rules`
    : undefined;
}
