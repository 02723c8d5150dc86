import { useState } from 'react';
import type { PolicyStatus } from '../../../config/policy';
import { type Preset, ruleFromPreset } from '../../../presets';
import type { Rule } from '../../../rules/schema';
import { checkRule } from '../../../rules/validate';
import { t } from '../../../util/i18n';
import { requestHosts, useHostAccess } from '../permissions';
import { isSuggested } from '../policy/markers';
import { newRuleForm, type RuleForm, ruleToForm } from '../rule-form';
import { ruleOrigins, uniqueId } from '../site-form';
import { EditorTests } from '../tests/EditorTests';
import type { PanelProps } from '../types';
import { Empty } from '../ui';
import type { SecretInfo } from '../useOptionsData';
import { PresetPicker } from './PresetPicker';
import { RuleEditor } from './RuleEditor';
import { RuleRow } from './RuleRow';
import { SetAside } from './SetAside';

interface Editing {
  form: RuleForm;
  /** Id of the user rule being edited (undefined: a new rule). */
  originalId?: string;
  preset?: Preset;
  title: string;
}

/** Rules: the list (managed ones locked), the editor, presets. */
export function RulesPanel({
  settings,
  effective,
  save,
  notify,
  policy,
  secrets,
}: PanelProps & { policy: PolicyStatus; secrets: SecretInfo[] }) {
  const [editing, setEditing] = useState<Editing>();
  const [presets, setPresets] = useState(false);
  const managed = effective.rules.filter((r) => r.managed);
  const user = settings.rules;
  const all = [...managed, ...user];
  const access = useHostAccess(ruleOrigins(all));
  const secretNames = secrets.map((s) => s.name);
  const userRulesOff =
    policy.userRulesAllowed === false || policy.ignored.some((x) => x.includes('does not allow user rules'));
  const freshId = (base: string) =>
    uniqueId(
      base,
      all.map((r) => r.id),
      'rule',
    );

  const store = (rules: Rule[], done: string) => save({ ...settings, rules }, done);
  const grant = (origins: string[]) =>
    void requestHosts(origins).then((ok) =>
      notify(
        ok
          ? { kind: 'ok', text: t('options.rules.accessGranted') }
          : { kind: 'warn', text: t('popup.tab.notGranted') },
      ),
    );

  const saveRule = (rule: Rule) => {
    // First, inside the click: the permission prompt for the CRM API needs the user gesture.
    const origins = ruleOrigins([rule]);
    const granted = requestHosts(origins);
    const originalId = editing?.originalId;
    void (async () => {
      const ok = await granted;
      const rules = originalId ? user.map((r) => (r.id === originalId ? rule : r)) : [...user, rule];
      const name = rule.name || rule.id;
      const saved = await store(
        rules,
        ok
          ? t('options.rules.saved', { name })
          : t('options.rules.savedNoAccess', { name, origins: origins.join(', ') }),
      );
      if (saved) setEditing(undefined);
    })();
  };

  const move = (i: number, d: -1 | 1) => {
    const rules = [...user];
    const [r] = rules.splice(i, 1);
    if (!r) return;
    rules.splice(i + d, 0, r);
    void store(rules, t('options.rules.orderSaved'));
  };
  const duplicate = (r: Rule) => {
    const copy = {
      ...structuredClone(r),
      id: freshId(`${r.id}-copy`),
      name: t('options.rules.copyName', { name: r.name || r.id }),
      managed: false,
    };
    const i = user.findIndex((x) => x.id === r.id);
    void store(
      [...user.slice(0, i + 1), copy, ...user.slice(i + 1)],
      t('options.rules.duplicated', { name: copy.name }),
    );
  };
  const fromPreset = (p: Preset) => {
    setPresets(false);
    setEditing({
      form: ruleToForm(ruleFromPreset(p, freshId(p.id))),
      preset: p,
      title: t('options.rules.fromPresetTitle', { name: p.name }),
    });
  };

  if (editing) {
    return (
      <section aria-label={t('options.rules.editAria')}>
        <RuleEditor
          key={editing.originalId ?? editing.form.id}
          initial={editing.form}
          title={editing.title}
          preset={editing.preset}
          isNew={!editing.originalId}
          takenIds={all.map((r) => r.id).filter((id) => id !== editing.originalId)}
          secretNames={secretNames}
          onSave={saveRule}
          onCancel={() => setEditing(undefined)}
          savedTests={(draft) => (
            <EditorTests
              draft={draft}
              rules={all}
              originalId={editing.originalId}
              tests={settings.tests}
              secrets={secrets}
              onAccept={(test) =>
                void save(
                  { ...settings, tests: settings.tests.map((x) => (x.id === test.id ? test : x)) },
                  t('tests.accepted', { name: test.name }),
                )
              }
            />
          )}
        />
      </section>
    );
  }

  return (
    <section aria-labelledby="rules-h">
      <div className="section-head">
        <h2 id="rules-h">{t('options.tabs.rules')}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          disabled={userRulesOff}
          onClick={() => setPresets(!presets)}
          data-testid="open-presets"
        >
          {t('options.rules.fromPreset')}
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={userRulesOff}
          onClick={() => setEditing({ form: newRuleForm(freshId('rule')), title: t('options.rules.new') })}
          data-testid="new-rule"
        >
          {t('options.rules.new')}
        </button>
      </div>
      <p className="lead">{t('options.rules.lead')}</p>
      {userRulesOff ? (
        <p className="banner warn" data-testid="user-rules-off">
          {t('options.rules.disallowed')}
        </p>
      ) : null}
      <SetAside
        items={settings.setAside}
        onDiscard={(i) =>
          void save(
            { ...settings, setAside: settings.setAside.filter((_, j) => j !== i) },
            t('options.rules.setAsideDiscarded'),
          )
        }
      />
      {presets ? (
        <PresetPicker secretNames={secretNames} onPick={fromPreset} onClose={() => setPresets(false)} />
      ) : null}
      {all.length === 0 ? (
        <Empty>{t('options.rules.empty')}</Empty>
      ) : (
        <ul className="cards" aria-label={t('options.tabs.rules')}>
          {managed.map((r, i) => (
            <RuleRow
              key={`m-${r.id}`}
              rule={r}
              index={i}
              count={managed.length}
              access={access}
              health={checkRule(r, { secretNames })}
              onGrant={grant}
            />
          ))}
          {user.map((r, i) => (
            <RuleRow
              key={`u-${r.id}`}
              rule={r}
              index={i}
              count={user.length}
              access={access}
              ignored={policy.ignored.find((x) => x.includes(`rule "${r.id}"`))}
              suggested={isSuggested(policy, 'rules', r.id)}
              health={checkRule(r, { secretNames })}
              onGrant={grant}
              onToggle={(on) =>
                store(
                  user.map((x) => (x.id === r.id ? { ...x, enabled: on } : x)),
                  on
                    ? t('options.rules.enabled', { name: r.name || r.id })
                    : t('options.rules.disabled', { name: r.name || r.id }),
                )
              }
              onMove={(d) => move(i, d)}
              onDuplicate={() => duplicate(r)}
              onEdit={() =>
                setEditing({
                  form: ruleToForm(r),
                  originalId: r.id,
                  title: t('options.site.editTitle', { name: r.name || r.id }),
                })
              }
              onDelete={() =>
                void store(
                  user.filter((x) => x.id !== r.id),
                  t('options.rules.deleted', { name: r.name || r.id }),
                )
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
