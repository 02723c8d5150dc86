// Finds user-visible English literals in TSX that bypass i18n: JSX text, and string literals (also inside
// conditionals / template literals) in JSX children and in the attributes people read or hear.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'label',
  'aria-description',
]);

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** Text a person reads: has a letter of some alphabet (punctuation, arrows, numbers do not count). */
const wordy = (s: string) => /\p{L}{2,}/u.test(s);

/** String literals reachable in an expression without crossing a call (t('key') arguments are keys). */
function literalsIn(node: ts.Node, out: ts.Node[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node);
  else if (ts.isTemplateExpression(node)) {
    out.push(node.head);
    for (const span of node.templateSpans) {
      out.push(span.literal);
      literalsIn(span.expression, out);
    }
  } else if (ts.isCallExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) return;
  else if (ts.isBinaryExpression(node) && node.operatorToken.kind !== ts.SyntaxKind.PlusToken) {
    // a === 'x' ? … compares, it does not show 'x': only the right side of && / || / ?? is shown
    const op = node.operatorToken.kind;
    if (
      op === ts.SyntaxKind.AmpersandAmpersandToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken
    ) {
      literalsIn(node.left, out);
      literalsIn(node.right, out);
    }
  } else if (ts.isConditionalExpression(node)) {
    literalsIn(node.whenTrue, out);
    literalsIn(node.whenFalse, out);
  } else if (ts.isParenthesizedExpression(node)) literalsIn(node.expression, out);
  else if (ts.isBinaryExpression(node)) {
    literalsIn(node.left, out);
    literalsIn(node.right, out);
  }
}

export function scanFile(file: string): Literal[] {
  const text = readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, value: string) => {
    if (!wordy(value)) return;
    const line = src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1;
    found.push({ file, line, text: value.trim().replace(/\s+/g, ' ') });
  };
  const fromExpression = (expr: ts.Expression | undefined) => {
    if (!expr) return;
    const lits: ts.Node[] = [];
    literalsIn(expr, lits);
    for (const l of lits) add(l, (l as ts.LiteralLikeNode).text);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      fromExpression(node.expression);
    else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(src))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) add(init, init.text);
      else if (init && ts.isJsxExpression(init)) fromExpression(init.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}
