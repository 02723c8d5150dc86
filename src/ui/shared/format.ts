import { uiLocale } from '../../util/i18n';

/**
 * Dates and numbers for people, always in the UI's language (the locale file in use, see uiLocale),
 * never the browser's default locale: a Spanish UI shows Spanish dates even in an English browser.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function fmt<T extends Intl.DateTimeFormat | Intl.NumberFormat>(id: string, make: (l: string) => T): T {
  const locale = uiLocale();
  const key = `${locale}|${id}`;
  let f = cache.get(key);
  if (!f) {
    f = make(locale);
    cache.set(key, f);
  }
  return f as T;
}

/** 14:03:07 (24 h or 12 h as the language writes it). */
export function formatTime(at: number): string {
  return fmt('time', (l) => new Intl.DateTimeFormat(l, { timeStyle: 'medium' })).format(at);
}

/** 01/05/2024, 14:03:07 in the language's order. */
export function formatDateTime(at: number): string {
  return fmt(
    'datetime',
    (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'medium' }),
  ).format(at);
}

/** 1,234 / 1.234 / 1 234. */
export function formatNumber(n: number): string {
  return fmt('number', (l) => new Intl.NumberFormat(l)).format(n);
}

/** "in 12 s", "3 min ago", "now" in the UI's language. */
export function formatRelative(at: number, now = Date.now()): string {
  const s = Math.round((at - now) / 1000);
  if (Math.abs(s) < 1) return relativeFormat().format(0, 'second');
  const abs = Math.abs(s);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60 ? [s, 'second'] : abs < 3600 ? [Math.round(s / 60), 'minute'] : [Math.round(s / 3600), 'hour'];
  return relativeFormat().format(value, unit);
}

let rel: { locale: string; f: Intl.RelativeTimeFormat } | undefined;
function relativeFormat(): Intl.RelativeTimeFormat {
  const locale = uiLocale();
  if (rel?.locale !== locale)
    rel = { locale, f: new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }) };
  return rel.f;
}

/**
 * A request as rendered (secrets already shown as `[secret:name]` by the worker), as plain text, never
 * HTML: a JSON body is shown as JSON (it travels as text), so a changed field reads on its own line.
 * The replay diff and the policy's tests show requests side by side with it.
 */
export function showRequest(v: unknown): string {
  if (typeof v === 'string') return v;
  const body = (v as { body?: unknown } | null)?.body;
  if (typeof body === 'string') {
    try {
      return JSON.stringify({ ...(v as object), body: JSON.parse(body) }, null, 2);
    } catch {
      // not JSON: shown as it is
    }
  }
  return JSON.stringify(v, null, 2);
}
