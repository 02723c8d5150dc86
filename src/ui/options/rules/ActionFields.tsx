import { issuesAt } from '../rule-form';
import type { ActionForm } from '../rule-form-parts';
import { Field, fieldId } from '../ui';
import { LIST_COMMANDS, useEditor } from './context';
import { HttpFields, PageFields } from './HttpFields';
import { JsonMapEditor } from './JsonMapEditor';
import { KeyValueRows } from './KeyValueRows';
import { TemplateField } from './TemplateField';

/** The fields of one action, by kind. */
export function ActionFields({
  path,
  value: a,
  onChange,
}: {
  path: string;
  value: ActionForm;
  onChange(v: ActionForm): void;
}) {
  const { issues } = useEditor();
  switch (a.kind) {
    case 'http':
      return <HttpFields path={path} value={a} onChange={onChange} />;
    case 'open-url':
      return (
        <>
          <TemplateField
            label="URL"
            path={`${path}.url`}
            value={a.url}
            where="url"
            onChange={(url) => onChange({ ...a, url })}
            placeholder="https://crm.example.com/contacts/{{ contact.crmId }}"
            testId={`${path}-url`}
          />
          <div className="inline stretch">
            <Field label="Open in" path={`${path}.target`} className="narrow">
              <select
                id={fieldId(`${path}.target`)}
                value={a.target}
                onChange={(e) => onChange({ ...a, target: e.target.value as typeof a.target })}
              >
                <option value="new">a new tab</option>
                <option value="reuse">a CRM tab already open (else new)</option>
                <option value="current">the tab of the event</option>
              </select>
            </Field>
            {a.target === 'reuse' ? (
              <Field
                label="Reuse a tab matching"
                path={`${path}.reusePattern`}
                issues={issuesAt(issues, `${path}.reusePattern`)}
              >
                <input
                  id={fieldId(`${path}.reusePattern`)}
                  value={a.reusePattern}
                  placeholder="https://crm.example.com/*"
                  onChange={(e) => onChange({ ...a, reusePattern: e.target.value })}
                />
              </Field>
            ) : null}
          </div>
          {a.target === 'reuse' ? (
            <label className="check">
              <input
                type="checkbox"
                checked={a.navigate}
                onChange={(e) => onChange({ ...a, navigate: e.target.checked })}
              />
              Navigate the reused tab to the URL (off: only bring it to the front)
            </label>
          ) : null}
        </>
      );
    case 'agent-command':
      return (
        <>
          <Field
            label="Command"
            path={`${path}.command`}
            issues={issuesAt(issues, `${path}.command`)}
            hint="Sent back into the workspace of the event’s platform."
          >
            <input
              id={fieldId(`${path}.command`)}
              list={LIST_COMMANDS}
              value={a.command}
              autoComplete="off"
              onChange={(e) => onChange({ ...a, command: e.target.value })}
            />
          </Field>
          <JsonMapEditor
            label="Parameters"
            path={`${path}.params`}
            value={a.params}
            onChange={(params) => onChange({ ...a, params })}
          />
        </>
      );
    case 'fill':
      return (
        <>
          <PageFields path={path} page={a.page} onChange={(page) => onChange({ ...a, page })} />
          <KeyValueRows
            label="Fields to fill (values are set as text, never HTML)"
            path={`${path}.fields`}
            rows={a.fields}
            onChange={(fields) => onChange({ ...a, fields })}
            keyLabel="CSS selector"
            valueLabel="Value"
            keyPlaceholder="#phone"
            valuePlaceholder="{{ contact.phone }}"
          />
        </>
      );
    case 'click':
      return (
        <>
          <PageFields path={path} page={a.page} onChange={(page) => onChange({ ...a, page })} />
          <Field
            label="CSS selector to click"
            path={`${path}.selector`}
            issues={issuesAt(issues, `${path}.selector`)}
          >
            <input
              id={fieldId(`${path}.selector`)}
              value={a.selector}
              placeholder="button#search"
              onChange={(e) => onChange({ ...a, selector: e.target.value })}
            />
          </Field>
        </>
      );
    case 'notify':
      return (
        <>
          <TemplateField
            label="Title"
            path={`${path}.title`}
            value={a.title}
            onChange={(title) => onChange({ ...a, title })}
          />
          <TemplateField
            label="Message"
            path={`${path}.message`}
            value={a.message}
            multiline
            onChange={(message) => onChange({ ...a, message })}
          />
          <TemplateField
            label="Open when clicked (optional)"
            path={`${path}.url`}
            value={a.url}
            where="url"
            onChange={(url) => onChange({ ...a, url })}
          />
        </>
      );
    case 'copy':
      return (
        <TemplateField
          label="Text to copy"
          path={`${path}.text`}
          value={a.text}
          multiline
          onChange={(text) => onChange({ ...a, text })}
        />
      );
    case 'log':
      return (
        <TemplateField
          label="Log message"
          path={`${path}.message`}
          value={a.message}
          onChange={(message) => onChange({ ...a, message })}
        />
      );
  }
}
