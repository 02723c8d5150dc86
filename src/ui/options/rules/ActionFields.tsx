import { issuesAt } from '../rule-form';
import type { ActionForm, HttpMethod, PageForm } from '../rule-form-parts';
import { Field, fieldId } from '../ui';
import { LIST_COMMANDS, useEditor } from './context';
import { JsonMapEditor } from './JsonMapEditor';
import { KeyValueRows } from './KeyValueRows';
import { TemplateField } from './TemplateField';

type Props<K extends ActionForm['kind']> = {
  path: string;
  value: Extract<ActionForm, { kind: K }>;
  onChange(v: Extract<ActionForm, { kind: K }>): void;
};

const METHODS: HttpMethod[] = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];

function HttpFields({ path, value: a, onChange }: Props<'http'>) {
  const { issues } = useEditor();
  const set = (patch: Partial<typeof a>) => onChange({ ...a, ...patch });
  return (
    <>
      <div className="inline stretch">
        <Field
          label="Method"
          path={`${path}.method`}
          issues={issuesAt(issues, `${path}.method`)}
          className="narrow"
        >
          <select
            id={fieldId(`${path}.method`)}
            value={a.method}
            onChange={(e) => set({ method: e.target.value as HttpMethod })}
          >
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
        <TemplateField
          label="URL"
          path={`${path}.url`}
          value={a.url}
          where="url"
          onChange={(url) => set({ url })}
          placeholder="https://crm.example.com/api/notes"
          testId={`${path}-url`}
        />
      </div>
      <KeyValueRows
        label="Headers"
        path={`${path}.headers`}
        rows={a.headers}
        onChange={(headers) => set({ headers })}
        keyLabel="Header"
        valueLabel="Header value"
        keyPlaceholder="Authorization"
        valuePlaceholder="Bearer {{ secrets.crm_token }}"
        testId={`${path}-headers`}
      />
      <fieldset className="body">
        <legend>Body</legend>
        <div className="seg" role="radiogroup" aria-label="Body type">
          {(['json', 'text', 'none'] as const).map((t) => (
            <label key={t} className={a.bodyType === t ? 'on' : ''}>
              <input
                type="radio"
                name={`${path}-body`}
                checked={a.bodyType === t}
                onChange={() => set({ bodyType: t })}
              />
              {t === 'json' ? 'JSON' : t === 'text' ? 'Text' : 'None'}
            </label>
          ))}
        </div>
        {a.bodyType === 'json' ? (
          <JsonMapEditor
            label="JSON body"
            path={`${path}.body.value`}
            value={a.bodyJson}
            onChange={(bodyJson) => set({ bodyJson })}
            testId={`${path}-body`}
          />
        ) : null}
        {a.bodyType === 'text' ? (
          <>
            <TemplateField
              label="Text body"
              path={`${path}.body.value`}
              value={a.bodyText}
              where="body"
              multiline
              onChange={(bodyText) => set({ bodyText })}
            />
            <Field
              label="Content-Type"
              path={`${path}.body.contentType`}
              issues={issuesAt(issues, `${path}.body.contentType`)}
            >
              <input
                id={fieldId(`${path}.body.contentType`)}
                value={a.contentType}
                onChange={(e) => set({ contentType: e.target.value })}
              />
            </Field>
          </>
        ) : null}
      </fieldset>
      <Field
        label="Timeout (ms)"
        path={`${path}.timeoutMs`}
        issues={issuesAt(issues, `${path}.timeoutMs`)}
        className="narrow"
      >
        <input
          id={fieldId(`${path}.timeoutMs`)}
          className="num"
          inputMode="numeric"
          value={a.timeoutMs}
          onChange={(e) => set({ timeoutMs: e.target.value })}
        />
      </Field>
    </>
  );
}

function PageFields({ path, page, onChange }: { path: string; page: PageForm; onChange(p: PageForm): void }) {
  const { issues } = useEditor();
  return (
    <div className="inline stretch">
      <Field
        label="In which tab"
        path={`${path}.page.tab`}
        issues={issuesAt(issues, `${path}.page`, true)}
        className="narrow"
      >
        <select
          id={fieldId(`${path}.page.tab`)}
          value={page.tab}
          onChange={(e) => onChange({ ...page, tab: e.target.value as PageForm['tab'] })}
        >
          <option value="source">the tab of the event</option>
          <option value="pattern">the first tab matching</option>
        </select>
      </Field>
      {page.tab === 'pattern' ? (
        <Field label="Tab URL pattern" path={`${path}.page.tabPattern`}>
          <input
            id={fieldId(`${path}.page.tabPattern`)}
            value={page.tabPattern}
            placeholder="https://crm.example.com/*"
            onChange={(e) => onChange({ ...page, tabPattern: e.target.value })}
          />
        </Field>
      ) : null}
      <Field label="Only frames matching (optional)" path={`${path}.page.frameScope`}>
        <input
          id={fieldId(`${path}.page.frameScope`)}
          value={page.frameScope}
          placeholder="every frame"
          onChange={(e) => onChange({ ...page, frameScope: e.target.value })}
        />
      </Field>
    </div>
  );
}

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
