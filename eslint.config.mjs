// ESLint flat config: `npm run lint` (zero warnings) and `npm run lint:fix`.
// Layout is Prettier's (`npm run format`), so no rule here checks it.
// Every rule switched off is switched off here, or on its line, with a one-line reason.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';

// eslint-plugin-office-addins' recommended config also registers its own copy of @typescript-eslint
// (8.8) and runs Prettier as a rule; ESLint refuses a plugin name registered twice, so we take its
// Office.js rules, at the levels it recommends, and register the plugin alone.
const officeRecommended = officeAddins.configs.recommended.find((c) => c.plugins?.['office-addins']);
const officeRules = Object.fromEntries(Object.entries(officeRecommended.rules).filter(([name]) => name.startsWith('office-addins/')));
const off = (rules) => Object.fromEntries(Object.keys(rules).map((name) => [name, 'off']));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'dist-metafile/**', '.preview/**', '.scratch/**', 'tmp/**', 'templates/**'] },
  {
    files: ['addin/src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An async method without await is how a Ledger method that may throw returns a rejected promise, as its interface says.
      '@typescript-eslint/require-await': 'off',
      // Numbers, dates and lists of codes in messages print as meant (String() of a list joins it).
      '@typescript-eslint/restrict-template-expressions': 'off',
      // String(cell) of a cell or field value (unknown, CellIn, DomainValue) is how we render them; none is an object.
      '@typescript-eslint/no-base-to-string': 'off',
      // Array.isArray narrows our readonly string[] values to any[], new Array(n) is any[], and JSON.parse's
      // results are checked where used: these rules fire on checked code (tsc's strict mode still applies).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A parameter an interface requires but this implementation does not use, and a field taken out of
      // an object by destructuring (the rest is what is wanted), are named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The in-memory host implements @types/office-js, whose own signatures say any (Range.values: any[][], set(properties: any)).
    files: ['addin/src/host/api/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['addin/src/taskpane/**/*.tsx', 'addin/src/preview/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // Code that talks to Excel through Office.js (the add-in's backend, its upgrade, the task pane,
    // the ribbon's commands) and the tests that drive the in-memory host with the same calls.
    files: ['addin/src/ledger/office/**/*.ts', 'addin/src/upgrade/officeUpgrade.ts', 'addin/src/taskpane/**/*.{ts,tsx}', 'addin/src/commands/**/*.ts', 'test/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // A test loops over cases with a fresh workbook each: one request per case is what it means to do.
      'office-addins/no-context-sync-in-loop': 'off',
    },
  },
  {
    // The host's own tests read before load and before sync on purpose, to see it throw as Excel does; they
    // read ClientResult.value (no load needed) and exceljs cells (getCell, getRow), which the rules take for Office.js proxies.
    files: ['test/host*.test.ts'],
    rules: {
      'office-addins/load-object-before-read': 'off',
      'office-addins/call-sync-before-read': 'off',
      'office-addins/call-sync-after-load': 'off',
    },
  },
  {
    // Reads .xlsx files with exceljs only, whose getWorksheet/getRow/getCell the Office.js rules take for proxies.
    files: ['test/numberFormats.test.ts'],
    rules: off(officeRules),
  },
  {
    // Lead-owned files of the .xlsx backend: they replace control characters (XML 1.0's, a file name's) on purpose.
    // (Their disable comments, which Prettier's line breaks can move off the regular expression, go unused: not reported.)
    files: ['addin/src/ledger/xlsx/sheetXml.ts', 'addin/src/ledger/xlsx/files.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'no-control-regex': 'off' },
  },
);
