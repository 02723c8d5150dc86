import { useState } from 'react';
import { t } from '../../util/i18n';
import { formatNumber } from './format';

/**
 * A collapsible JSON tree for untrusted data: every value is rendered as a text node (React escapes
 * it), objects and arrays are native <details> (keyboard and screen-reader friendly), and children are
 * only rendered once their node is opened, so a large payload costs nothing until it is explored.
 */
export function JsonTree({
  value,
  label,
  openDepth = 2,
  testId,
}: {
  value: unknown;
  label?: string;
  /** Levels opened initially. */
  openDepth?: number;
  testId?: string;
}) {
  return (
    <div className="json-tree" data-testid={testId}>
      <JsonNode name={label} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

const PAGE = 100;

type Composite = Record<string, unknown> | unknown[];

function isComposite(v: unknown): v is Composite {
  return typeof v === 'object' && v !== null;
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name?: string;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  if (!isComposite(value)) {
    return (
      <div className="jt-leaf">
        {name !== undefined && <span className="jt-key">{name}: </span>}
        <Scalar value={value} />
      </div>
    );
  }
  return <Branch name={name} value={value} depth={depth} openDepth={openDepth} />;
}

function Branch({
  name,
  value,
  depth,
  openDepth,
}: {
  name?: string;
  value: Composite;
  depth: number;
  openDepth: number;
}) {
  const isArray = Array.isArray(value);
  const keys = isArray ? value.map((_, i) => String(i)) : Object.keys(value);
  const [open, setOpen] = useState(depth < openDepth && keys.length > 0);
  const [shown, setShown] = useState(PAGE);
  const summary = isArray ? `[${keys.length}]` : `{${keys.length}}`;
  if (keys.length === 0) {
    return (
      <div className="jt-leaf">
        {name !== undefined && <span className="jt-key">{name}: </span>}
        <span className="jt-empty">{isArray ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {name !== undefined && <span className="jt-key">{name}: </span>}
        <span className="jt-count">{summary}</span>
        {!open && <span className="jt-preview"> {preview(value)}</span>}
      </summary>
      {open && (
        <div className="jt-children">
          {keys.slice(0, shown).map((k) => (
            <JsonNode
              key={k}
              name={k}
              value={(value as Record<string, unknown>)[k]}
              depth={depth + 1}
              openDepth={openDepth}
            />
          ))}
          {keys.length > shown && (
            <button type="button" className="link" onClick={() => setShown((n) => n + PAGE)}>
              {t('shared.json.showMore', {
                n: formatNumber(Math.min(PAGE, keys.length - shown)),
                rest: formatNumber(keys.length - shown),
              })}
            </button>
          )}
        </div>
      )}
    </details>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="jt-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="jt-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="jt-bool">{String(value)}</span>;
  if (value === null) return <span className="jt-null">null</span>;
  return <span className="jt-null">{String(value)}</span>;
}

/** A short one-line preview of a collapsed node. */
function preview(value: Composite): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
