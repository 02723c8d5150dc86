import { t } from '../../../util/i18n';
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
            <Field label={t('options.ruleEditor.openIn')} path={`${path}.target`} className="narrow">
              <select
                id={fieldId(`${path}.target`)}
                value={a.target}
                onChange={(e) => onChange({ ...a, target: e.target.value as typeof a.target })}
              >
                <option value="new">{t('options.ruleEditor.targetNew')}</option>
                <option value="reuse">{t('options.ruleEditor.targetReuse')}</option>
                <option value="current">{t('options.ruleEditor.eventTab')}</option>
              </select>
            </Field>
            {a.target === 'reuse' ? (
              <Field
                label={t('options.ruleEditor.reusePattern')}
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
              {t('options.ruleEditor.navigate')}
            </label>
          ) : null}
        </>
      );
    case 'agent-command':
      return (
        <>
          <Field
            label={t('options.ruleEditor.command')}
            path={`${path}.command`}
            issues={issuesAt(issues, `${path}.command`)}
            hint={t('options.ruleEditor.commandHint')}
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
            label={t('options.ruleEditor.params')}
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
            label={t('options.ruleEditor.fillFields')}
            path={`${path}.fields`}
            rows={a.fields}
            onChange={(fields) => onChange({ ...a, fields })}
            keyLabel={t('options.ruleEditor.cssSelector')}
            valueLabel={t('options.ruleEditor.value')}
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
            label={t('options.ruleEditor.clickSelector')}
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
            label={t('options.ruleEditor.notifyTitle')}
            path={`${path}.title`}
            value={a.title}
            onChange={(title) => onChange({ ...a, title })}
          />
          <TemplateField
            label={t('options.ruleEditor.notifyMessage')}
            path={`${path}.message`}
            value={a.message}
            multiline
            onChange={(message) => onChange({ ...a, message })}
          />
          <TemplateField
            label={t('options.ruleEditor.notifyUrl')}
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
          label={t('options.ruleEditor.copyText')}
          path={`${path}.text`}
          value={a.text}
          multiline
          onChange={(text) => onChange({ ...a, text })}
        />
      );
    case 'ask-agent':
      return (
        <Field
          label={t('options.steps.askAgentJson')}
          path={`${path}.form`}
          issues={[
            ...issuesAt(issues, `${path}.form`, true),
            ...issuesAt(issues, `${path}.title`),
            ...issuesAt(issues, `${path}.answerTimeoutMs`),
            ...issuesAt(issues, `${path}.present`),
          ]}
        >
          <textarea
            id={fieldId(`${path}.form`)}
            rows={10}
            spellCheck={false}
            value={a.json}
            onChange={(e) => onChange({ ...a, json: e.target.value })}
            data-testid={`${path}-ask-json`}
          />
        </Field>
      );
    case 'log':
      return (
        <TemplateField
          label={t('options.ruleEditor.logMessage')}
          path={`${path}.message`}
          value={a.message}
          onChange={(message) => onChange({ ...a, message })}
        />
      );
  }
}
