// Small building blocks shared by the options page's panels.
import type { ReactNode } from 'react';
import type { Issue } from './rule-form-parts';

/** A stable DOM id for the field editing rule path `path` (so an error path can focus its field). */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

export function Lock({ what = 'set by your organisation' }: { what?: string }) {
  return (
    <span className="lock" data-testid="lock">
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
        <path
          fill="currentColor"
          d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z"
        />
      </svg>
      {what}
    </span>
  );
}

export function FieldErrors({ issues, testId }: { issues: readonly Issue[]; testId?: string }) {
  if (issues.length === 0) return null;
  return (
    // The alert wraps the list: a list given another role loses its items' semantics (axe: listitem).
    <div role="alert" data-testid={testId}>
      <ul className="field-errors">
        {issues.map((i) => (
          <li key={`${i.path}|${i.message}`}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  label,
  path,
  issues = [],
  hint,
  children,
  className,
}: {
  label: string;
  /** Rule path of the field: its id (for the label) and the key its errors come under. */
  path: string;
  issues?: readonly Issue[];
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field${issues.length ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint ? <div className="hint">{hint}</div> : null}
      <FieldErrors issues={issues} />
    </div>
  );
}

/** A button that asks once more before doing something destructive (no modal dialogs). */
export function ConfirmButton({
  label,
  confirm,
  onConfirm,
  testId,
}: {
  label: string;
  confirm: string;
  onConfirm: () => void;
  testId?: string;
}) {
  return (
    <details className="confirm">
      <summary className="btn danger" data-testid={testId}>
        {label}
      </summary>
      <button
        type="button"
        className="btn danger solid"
        onClick={onConfirm}
        data-testid={testId && `${testId}-confirm`}
      >
        {confirm}
      </button>
    </details>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
