// One lint rule set for the whole repository; the import boundaries are the point of it:
// they keep the dependency direction of DESIGN.md §3 true as the code grows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeAndElectron = [
  { group: ['node:*'], message: 'src runs anywhere: no Node modules.' },
  { group: ['electron', 'electron/*'], message: 'Only main/electron may import Electron.' },
];
// Relative imports that climb out to a top-level folder, e.g. `../../main/host/log`.
const outside = (...dirs) =>
  dirs.map((dir) => ({ regex: `^(\\.\\./)+${dir}(/|$)`, message: `Imports from ${dir}/ break the dependency direction (DESIGN.md §3).` }));

const restrict = (patterns, paths = []) => ['error', { patterns, paths: paths.map((name) => ({ name })) }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'renderer/dist-e2e/**', 'test-results/**', 'playwright-report/**', 'var/**', 'bin/kioskctl.mjs', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict([...nodeAndElectron, ...outside('main', 'devices', 'renderer', 'hub', 'bin')], nodeModules) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': restrict([...nodeAndElectron, ...outside('main', 'devices', 'hub', 'bin')], nodeModules) },
  },
  {
    // Inside the renderer the layers run app → screens → components → context: nothing below app imports it.
    files: ['renderer/{screens,components,context}/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeAndElectron, ...outside('main', 'devices', 'hub', 'bin'), { regex: '^(\\.\\./)+app(/|$)', message: 'Screens, components and contexts never import renderer/app (the root above them).' }],
        nodeModules,
      ),
    },
  },
  {
    files: ['devices/**/*.ts'],
    ignores: ['devices/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict([nodeAndElectron[1], ...outside('main', 'renderer', 'hub', 'bin')]) },
  },
  {
    files: ['main/host/**/*.ts', 'main/browser/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([nodeAndElectron[1], ...outside('renderer', 'hub', 'bin')]) },
  },
  {
    files: ['hub/**/*.ts'],
    ignores: ['hub/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        nodeAndElectron[1],
        ...outside('main', 'devices', 'renderer', 'bin'),
        { regex: '^(\\.\\./)+src/(?!domain/)', message: 'The hub shares only src/domain with the kiosk.' },
      ]),
    },
  },
);
