import { t } from '../../../util/i18n';
import { issuesAt } from '../rule-form';
import type { ActionForm, HttpMethod, PageForm } from '../rule-form-parts';
import { Field, fieldId } from '../ui';
import { useEditor } from './context';
import { JsonMapEditor } from './JsonMapEditor';
import { KeyValueRows } from './KeyValueRows';
import { TemplateField } from './TemplateField';

type Props<K extends ActionForm['kind']> = {
  path: string;
  value: Extract<ActionForm, { kind: K }>;
  onChange(v: Extract<ActionForm, { kind: K }>): void;
};

const METHODS: HttpMethod[] = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];

/** An http action: method, URL, headers, JSON or text body, timeout. */
export function HttpFields({ path, value: a, onChange }: Props<'http'>) {
  const { issues } = useEditor();
  const set = (patch: Partial<typeof a>) => onChange({ ...a, ...patch });
  return (
    <>
      <div className="inline stretch">
        <Field
          label={t('options.ruleEditor.method')}
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
        label={t('options.deliveries.headers')}
        path={`${path}.headers`}
        rows={a.headers}
        onChange={(headers) => set({ headers })}
        keyLabel={t('options.ruleEditor.header')}
        valueLabel={t('options.ruleEditor.headerValue')}
        keyPlaceholder="Authorization"
        valuePlaceholder="Bearer {{ secrets.crm_token }}"
        testId={`${path}-headers`}
      />
      <fieldset className="body">
        <legend>{t('options.ruleEditor.body')}</legend>
        <div className="seg" role="radiogroup" aria-label={t('options.ruleEditor.bodyType')}>
          {(['json', 'text', 'none'] as const).map((bt) => (
            <label key={bt} className={a.bodyType === bt ? 'on' : ''}>
              <input
                type="radio"
                name={`${path}-body`}
                checked={a.bodyType === bt}
                onChange={() => set({ bodyType: bt })}
              />
              {bt === 'json'
                ? 'JSON'
                : bt === 'text'
                  ? t('options.ruleEditor.bodyText')
                  : t('options.ruleEditor.bodyNone')}
            </label>
          ))}
        </div>
        {a.bodyType === 'json' ? (
          <JsonMapEditor
            label={t('options.ruleEditor.jsonBody')}
            path={`${path}.body.value`}
            value={a.bodyJson}
            onChange={(bodyJson) => set({ bodyJson })}
            testId={`${path}-body`}
          />
        ) : null}
        {a.bodyType === 'text' ? (
          <>
            <TemplateField
              label={t('options.ruleEditor.textBody')}
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
        label={t('options.ruleEditor.timeout')}
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

/** Where fill/click act: the event's tab or a tab matching a pattern, optionally some frames only. */
export function PageFields({
  path,
  page,
  onChange,
}: {
  path: string;
  page: PageForm;
  onChange(p: PageForm): void;
}) {
  const { issues } = useEditor();
  return (
    <div className="inline stretch">
      <Field
        label={t('options.ruleEditor.whichTab')}
        path={`${path}.page.tab`}
        issues={issuesAt(issues, `${path}.page`, true)}
        className="narrow"
      >
        <select
          id={fieldId(`${path}.page.tab`)}
          value={page.tab}
          onChange={(e) => onChange({ ...page, tab: e.target.value as PageForm['tab'] })}
        >
          <option value="source">{t('options.ruleEditor.eventTab')}</option>
          <option value="pattern">{t('options.ruleEditor.firstTabMatching')}</option>
        </select>
      </Field>
      {page.tab === 'pattern' ? (
        <Field label={t('options.ruleEditor.tabPattern')} path={`${path}.page.tabPattern`}>
          <input
            id={fieldId(`${path}.page.tabPattern`)}
            value={page.tabPattern}
            placeholder="https://crm.example.com/*"
            onChange={(e) => onChange({ ...page, tabPattern: e.target.value })}
          />
        </Field>
      ) : null}
      <Field label={t('options.ruleEditor.frameScope')} path={`${path}.page.frameScope`}>
        <input
          id={fieldId(`${path}.page.frameScope`)}
          value={page.frameScope}
          placeholder={t('options.ruleEditor.frameScopePlaceholder')}
          onChange={(e) => onChange({ ...page, frameScope: e.target.value })}
        />
      </Field>
    </div>
  );
}
