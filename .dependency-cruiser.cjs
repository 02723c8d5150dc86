// The layering of src/ (docs/architecture.md, "Layers"): a folder may import its own layer and the
// layers below it, never above. Checked in `npm test` by test/unit/layers.test.ts.
const LAYERS = [
  ['util', 'events'],
  ['platforms', 'messaging', 'templates'],
  ['rules'],
  ['config', 'presets', 'actions', 'outbox', 'journal', 'secrets', 'replay'],
  ['workflows'],
  ['protocol'],
  ['background', 'content', 'ui'],
];
const level = Object.fromEntries(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));
const above = (name) => Object.keys(level).filter((other) => level[other] > level[name]);

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no import cycles', severity: 'error', from: {}, to: { circular: true } },
    ...Object.keys(level).map((name) => ({
      name: `${name}-imports-above`,
      comment: `src/${name} may not import a layer above it (${above(name).join(', ')})`,
      severity: 'error',
      from: { path: `^src/${name}/` },
      to: { path: `^src/(${above(name).join('|') || '$^'})/` },
    })),
    {
      name: 'src-not-entrypoints-or-tests',
      comment: 'src/ is imported by entrypoints, tests and the demo, never the reverse',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(entrypoints|test|demo|bench|scripts)/' },
    },
    {
      name: 'platform-imports-platform',
      comment: 'a platform never imports another platform',
      severity: 'error',
      from: { path: '^src/platforms/([^/]+)/' },
      to: { path: '^src/platforms/([^/]+)/', pathNot: '^src/platforms/$1/' },
    },
  ],
  options: {
    // Type-only imports count: a layer may not even name the shapes of a layer above it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt)/' },
  },
};
