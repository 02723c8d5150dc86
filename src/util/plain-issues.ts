// The one mapper from zod issues to plain sentences (issue 18): people never read zod's own text
// ("Too small: expected array to have >=1 items"). Pass it as the error map of a parse whose issues can
// reach the UI: `Schema.safeParse(x, { error: plainError })`. A message a schema sets itself (a regex's
// "a dotted path such as contact.phone", a refine's sentence) wins over this map, as zod documents.
import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'on or off (true or false)',
  array: 'a list',
  object: 'a group of fields (a JSON object)',
  record: 'a group of fields (a JSON object)',
  null: 'empty (null)',
};

function what(expected: unknown): string {
  return TYPE_WORDS[String(expected)] ?? 'a different kind of value';
}

function bound(iss: Issue & { origin?: string }, n: number | bigint, big: boolean): string {
  const count = Number(n);
  switch (iss.origin) {
    case 'string':
      if (!big && count === 1) return 'This field is required: fill it in.';
      return big
        ? `This is too long: use at most ${count} characters.`
        : `This is too short: use at least ${count} characters.`;
    case 'array':
    case 'set':
      if (!big && count === 1) return 'Add at least one item here.';
      return big
        ? `There are too many items here: keep at most ${count}.`
        : `Add at least ${count} items here.`;
    case 'number':
    case 'int':
    case 'bigint':
      return big ? `Use a number no greater than ${count}.` : `Use a number no smaller than ${count}.`;
    default:
      return big ? `This is too large: at most ${count}.` : `This is too small: at least ${count}.`;
  }
}

/** A plain sentence for one zod issue, saying what to do. Never zod's own wording. */
export function plainMessage(iss: Issue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'This field is required: fill it in.';
      if (iss.expected === 'number' && typeof iss.input === 'number') return 'Enter a real number.';
      return `This should be ${what(iss.expected)}.`;
    case 'too_small':
      return bound(iss, iss.minimum as number, false);
    case 'too_big':
      return bound(iss, iss.maximum as number, true);
    case 'invalid_format':
      if (iss.format === 'url') return 'Enter a full web address, such as https://crm.example.com/.';
      if (iss.format === 'regex')
        return 'This is not written the way this field needs: follow the example next to it.';
      return 'This is not written the way this field needs.';
    case 'not_multiple_of':
      return `Use a multiple of ${String(iss.divisor)}.`;
    case 'unrecognized_keys':
      return 'Remove the fields this does not use.';
    case 'invalid_union':
      return 'This value is not one of the accepted forms: check the field’s example.';
    case 'invalid_key':
      return 'One of the names in this group is not accepted.';
    case 'invalid_element':
      return 'One of the items in this list is not accepted.';
    case 'invalid_value':
      return 'Choose one of the values offered.';
    case 'custom':
      return typeof iss.message === 'string' && iss.message ? iss.message : 'This value is not accepted.';
    default:
      return 'This value is not accepted.';
  }
}

/** For `{ error: plainError }` in a parse. */
export const plainError = (iss: Issue): string => plainMessage(iss);

/** Every issue code zod can raise: the unit test checks each maps to a sentence. */
export const ZOD_ISSUE_CODES = [
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const satisfies readonly z.core.$ZodIssue['code'][];
