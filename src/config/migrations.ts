// One migration per storage version step (WXT storage `migrations`); each has a fixture test in
// test/unit/config/migrations.test.ts with a committed before/after pair under test/fixtures/settings/.
// Version 1 is the first shipped layout: no step exists yet.
export const settingsMigrations: Record<number, (old: unknown) => unknown> = {};
