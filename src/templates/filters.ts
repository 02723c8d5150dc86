// The fixed filter set CRM templates may use. Everything else is refused at parse time, so a rule is
// declarative data, not a program (store remote-code policy). Pure functions of their input.

/** Digits only: "+1 (555) 010-2030" → "15550102030". */
export function digits(value: unknown): string {
  return String(value ?? '').replace(/\D+/g, '');
}

/**
 * E.164-ish: keep a leading "+", turn a leading "00" into "+", drop everything but digits. It does not
 * guess country codes: a national number stays national (documented in docs/rules.md).
 */
export function e164(value: unknown): string {
  const s = String(value ?? '').trim();
  if (s === '') return '';
  const d = digits(s);
  if (d === '') return '';
  if (s.startsWith('+')) return `+${d}`;
  if (d.startsWith('00')) return `+${d.slice(2)}`;
  return d;
}

/** Built-in liquidjs filters that are allowed, plus our own (registered in engine.ts). */
export const ALLOWED_FILTERS = new Set([
  // ours
  'digits',
  'e164',
  'lower',
  'upper',
  // liquidjs built-ins we allow
  'url_encode',
  'default',
  'downcase',
  'upcase',
  'capitalize',
  'date',
  'json',
  'strip',
  'truncate',
  'append',
  'prepend',
  'replace',
  'remove_first',
  'remove',
  'slice',
  'size',
  'first',
  'last',
  'join',
  'escape',
  'raw',
]);
