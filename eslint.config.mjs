// Lint: typescript-eslint with type information, React hooks rules in the page, and the layer
// rules (eslint/layers.mjs) that hold the architecture's arrows. `npm run lint`; CI runs it.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { layers } from './eslint/layers.mjs'

export default tseslint.config(
  // tests/fixtures holds other projects' files as those projects write them (a sequelize-cli app).
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', '**/*.d.mts', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'eslint/*.mjs', 'scripts/*.mjs', 'bench/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // Handlers are async by contract (the router awaits every one), whether or not they await.
      '@typescript-eslint/require-await': 'off',
      // zustand actions, page models and the API client are declared as methods but are closures
      // that never use `this`, so passing them around is safe.
      '@typescript-eslint/unbound-method': 'off',
      // Driver values arrive as `unknown` and are turned into text on purpose (narrowed to `{}`, which
      // this rule cannot tell from an object); binary cells and JSON are handled before they get there.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests compare with expect.any(…) and read JSON bodies, which are `any` by design.
    files: ['tests/**/*.ts', '**/*.test.ts', '**/*.test.tsx', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The classic hook rules hold; the React Compiler readiness rules are off: the app does not
      // use the compiler, and what they flag here is deliberate (a ref holding the latest handlers
      // for a listener bound once; state reset when a prop changes; a virtualiser's functions).
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'react-hooks/incompatible-library': 'off',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  ...layers,
)
