// People never read validation text: every error the UI shows from the worker or a thrown Error goes
// through plainError (src/ui/shared/errors.ts), and plainError turns zod-style text into a sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isDeveloperText, plainError } from '../../../src/ui/shared/errors';
import { VISIBLE_ATTRIBUTES } from './scan-literals';

const root = resolve(__dirname, '../../..');

describe('plainError', () => {
  it.each([
    ['sessionId: Invalid input: expected string, received undefined'],
    ['Too small: expected array to have >=1 items'],
    ['invalid request: tabId: Invalid input: expected number, received string'],
    ['Unrecognized key: "foo"'],
    ['rules.0.when.events: Invalid option: expected one of "message.created"|"conversation.closed"'],
  ])('%s → a plain sentence', (raw) => {
    expect(isDeveloperText(raw)).toBe(true);
    const shown = plainError(raw);
    expect(shown).not.toBe(raw);
    expect(shown).toMatch(/^[A-Z][^:]*\.( [A-Z].*\.)?$/);
  });

  it.each([
    ['Could not establish connection. Receiving end does not exist.', 'The extension is not responding'],
    [undefined, 'Something went wrong'],
  ])('%s → %s…', (raw, start) => {
    expect(plainError(raw)).toMatch(new RegExp(`^${start}`));
  });

  it.each([
    ['HTTP 503 from crm.example.com'],
    ['The secret crm_token is not set.'],
  ])('a sentence passes unchanged: %s', (raw) => {
    expect(plainError(raw)).toBe(raw);
  });
});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

const DISPLAY_CALL = /^(set[A-Z]\w*|notify)$/;
const ERROR_PROP = new Set(['error', 'message']);

/**
 * `x.error` / `(e as Error).message` that reach the screen (JSX children/attributes, setNote/setError/
 * notify arguments) through conditionals, ??, ||, template literals or String() without passing
 * through plainError().
 */
function unmappedErrors(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const shown = (node: ts.Node): boolean => {
    let n: ts.Node = node;
    for (;;) {
      const p = n.parent;
      if (!p) return false;
      // JSX children, and attributes people read (not `value=`: a form field's content is not an error)
      if (ts.isJsxExpression(p))
        return !ts.isJsxAttribute(p.parent) || VISIBLE_ATTRIBUTES.has(p.parent.name.getText(src));
      if (ts.isCallExpression(p)) {
        const callee = p.expression.getText(src);
        if (callee === 'plainError') return false;
        if (callee === 'String') {
          n = p;
          continue;
        }
        return DISPLAY_CALL.test(callee.split('.').pop() ?? '') && p.arguments.includes(n as ts.Expression);
      }
      if (ts.isConditionalExpression(p) && p.condition === n) return false;
      if (ts.isBinaryExpression(p)) {
        const op = p.operatorToken.kind;
        const passes =
          op === ts.SyntaxKind.QuestionQuestionToken ||
          op === ts.SyntaxKind.BarBarToken ||
          op === ts.SyntaxKind.PlusToken ||
          (op === ts.SyntaxKind.AmpersandAmpersandToken && p.right === n);
        if (!passes) return false;
      } else if (
        !ts.isConditionalExpression(p) &&
        !ts.isParenthesizedExpression(p) &&
        !ts.isTemplateSpan(p) &&
        !ts.isTemplateExpression(p) &&
        !ts.isPropertyAssignment(p) &&
        !ts.isObjectLiteralExpression(p) &&
        !ts.isAsExpression(p)
      )
        return false;
      n = p;
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && ERROR_PROP.has(node.name.text) && shown(node)) {
      const line = src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1;
      out.push(`${relative(root, file)}:${line} ${node.getText(src)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Shown as written (`file expression`), with the reason. */
const ALLOWED = new Map<string, string>([
  [
    'src/ui/options/Options.tsx policy.error',
    'administrator diagnostics: the path in the policy JSON to fix',
  ],
  ['src/ui/options/policy/PolicyPanel.tsx policy.error', 'administrator diagnostics (docs/admin.md)'],
  ['src/ui/options/ui.tsx i.message', 'rule/site validation issues: H6’s plain-sentence validation mapper'],
  ['src/ui/options/rules/RawJson.tsx i.message', 'rule validation issues: H6’s validation mapper'],
  ['src/ui/options/rules/RuleProblems.tsx i.message', 'rule validation issues: H6’s validation mapper'],
  ['src/ui/options/rules/RuleProblems.tsx w.message', 'rule check warnings: H6’s validation mapper'],
  ['src/ui/options/rules/RuleRow.tsx first.message', 'rule checks on the card: H6’s validation mapper'],
  ['src/ui/options/transfer/TransferPanel.tsx r.error', 'import errors name the JSON line or path to fix'],
]);

describe('error paths in src/ui', () => {
  it('every error shown to people goes through plainError', () => {
    const found = files(join(root, 'src/ui'))
      .flatMap((f) => unmappedErrors(f))
      .filter((x) => !ALLOWED.has(x.replace(/:\d+ /, ' ')));
    expect(found).toEqual([]);
  });

  it('every allow-list entry is still needed', () => {
    const found = new Set(
      files(join(root, 'src/ui')).flatMap((f) => unmappedErrors(f).map((x) => x.replace(/:\d+ /, ' '))),
    );
    expect([...ALLOWED.keys()].filter((k) => !found.has(k))).toEqual([]);
  });

  it('the scan finds an unmapped error and accepts a mapped one', () => {
    const f = join(root, 'src/ui/x.tsx');
    const bad = `const A = () => <p>{r.error ?? 'no answer'}</p>; setNote(\`Failed: \${(e as Error).message}\`);`;
    expect(unmappedErrors(f, bad)).toEqual(['src/ui/x.tsx:1 r.error', 'src/ui/x.tsx:1 (e as Error).message']);
    const good = `const A = () => <p>{plainError(r.error)}</p>; if (r.error) setNote(plainError((e as Error).message));`;
    expect(unmappedErrors(f, good)).toEqual([]);
  });
});
