import { browser } from 'wxt/browser';
import { type GeneratedI18nStructure, i18n } from '#i18n';

/**
 * UI strings (locales/<lang>.yml, built into _locales by @wxt-dev/i18n). `t('popup.header.pause')`
 * is the module's typed lookup; `tn` adds plural forms by the CLDR rules of the locale in use, which
 * the module's own `t(key, n)` cannot (it knows only "0 | 1 | n": Russian needs one/few/many).
 * The browser picks the language (its UI language, falling back to en); it cannot be switched in-page.
 */
export const t = i18n.t;

export type MessageKey = keyof GeneratedI18nStructure;
type PluralKey = {
  [K in MessageKey]: GeneratedI18nStructure[K] extends { plural: true } ? K : never;
}[MessageKey];

/**
 * The language the UI is actually shown in (the locale file chosen by the browser, not the browser's
 * own default locale): BCP 47 for Intl, e.g. "pt-BR". A French browser gets English strings, so
 * English dates and numbers too.
 */
export function uiLocale(): string {
  try {
    return t('meta.locale') || 'en';
  } catch {
    return 'en';
  }
}

const FORM_INDEX: Record<Intl.LDMLPluralRule, number> = {
  zero: 9,
  one: 0,
  two: 9,
  few: 1,
  many: 2,
  other: 9,
};

/**
 * Plural message: the locale file lists forms in CLDR order under numeric keys
 * (en/es/pt: `1:` one, `n:` other; ru: `1:` one, `2:` few, `5:` many); `{n}` is the formatted count.
 * Other named placeholders come in `subs`.
 */
export function tn(key: PluralKey, count: number, subs: Record<string, string | number> = {}): string {
  const locale = uiLocale();
  const getMessage = browser.i18n.getMessage as (name: string) => string;
  const raw = getMessage(key.replaceAll('.', '_'));
  const forms = raw.split(' | ');
  const rule = new Intl.PluralRules(locale).select(count);
  const form = forms[Math.min(FORM_INDEX[rule], forms.length - 1)] ?? raw;
  const values: Record<string, string | number> = { n: new Intl.NumberFormat(locale).format(count), ...subs };
  return form.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : m,
  );
}
