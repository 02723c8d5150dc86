import { type Rule, RuleSchema } from '../../../rules/schema';
import { plainError } from '../../../util/plain-issues';
import { issuePath } from '../rule-form';
import type { Issue } from '../rule-form-parts';
import { fieldId } from '../ui';

export type JsonState = { syntaxError?: string; raw?: Record<string, unknown>; rule?: Rule; issues: Issue[] };

export function parseJsonRule(text: string): JsonState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { syntaxError: `This is not valid JSON: ${(e as Error).message}`, issues: [] };
  }
  const parsed = RuleSchema.safeParse(raw, { error: plainError });
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (parsed.success) return { raw: obj, rule: parsed.data, issues: [] };
  return {
    raw: obj,
    issues: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
  };
}

/** Focuses the field of `path`, or of its closest parent that has one. */
export function focusField(path: string) {
  requestAnimationFrame(() => {
    const parts = path.split('.');
    while (parts.length) {
      const el = document.getElementById(fieldId(parts.join('.')));
      if (el) {
        el.focus();
        el.scrollIntoView({ block: 'center' });
        return;
      }
      parts.pop();
    }
  });
}
