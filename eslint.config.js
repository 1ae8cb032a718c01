// ESLint checks what Prettier cannot: the layering of the code (which folder may import which),
// React's rules of hooks, and line length. `npm run lint` runs inside `npm test`.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// typescript-eslint's version of the rule, because it can allow `import type` (a panel may name a runtime type).
const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: patterns.map(({ types, ...p }) => ({ ...p, allowTypeImports: types ?? false })) },
  ],
});

// src/node is for the CLI and tests: the page must never pull in Node's modules.
const nodeOnly = { group: ['**/node/**', 'node:*'], message: 'Node-only code (src/node) stays out of the page' };

// The runtime and what feeds it weights (format, Hub, Node helpers) know nothing of the page.
const noPage = [
  {
    group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*'],
    message: 'the model knows nothing of the UI',
  },
  {
    group: ['**/store/**', '**/panels/**', '**/worker/**', '**/ui/**', '**/app/**', '**/charts/**'],
    message: 'the model imports no UI, store or worker code',
  },
];

// What the page's views may not import: TF.js, the runtime's code (its types are fine), Node.
const viewPatterns = [
  { group: ['@tensorflow/*'], message: 'panels know nothing of TF.js' },
  {
    group: [
      '**/model/runtime',
      '**/model/ops',
      '**/model/forward',
      '**/model/trace',
      '**/model/block-trace',
      '**/worker/host',
    ],
    message: 'panels read the runtime through the store (types only)',
    types: true,
  },
  nodeOnly,
];

// A sibling folder (../other/...) seen from a panel is another panel; shared pieces live in src/ui.
const otherPanel = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/',
  message: 'a panel imports no other panel: shared UI lives in src/ui',
};

const layers = [
  { files: ['src/model/**/*.ts', 'src/weights/**/*.ts', 'src/hub/**/*.ts'], patterns: [...noPage, nodeOnly] },
  { files: ['src/node/**/*.ts'], patterns: noPage },
  { files: ['src/panels/**/*.{ts,tsx}'], patterns: [...viewPatterns, otherPanel] },
  { files: ['src/ui/**/*.{ts,tsx}', 'src/first-screen/**/*.{ts,tsx}'], patterns: viewPatterns },
  {
    files: ['src/charts/**/*.ts'],
    patterns: [
      { group: ['**/store/**', 'zustand', 'zustand/*'], message: 'charts are functions of data: no store' },
      { group: ['**/model/**', '@tensorflow/*'], message: 'charts are functions of data: no model', types: true },
      nodeOnly,
    ],
  },
];

// One rule entry per file (a later entry would replace an earlier one's patterns), so the
// folders without a layer of their own get the Node-only rule here.
const layered = layers.flatMap((l) => l.files);
layers.push({ files: ['src/**/*.{ts,tsx}'], ignores: layered, patterns: [nodeOnly] });

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'bench-results/**', 'test-results/**', 'weights/**', '**/*.js', '**/*.mjs'],
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'react-hooks': reactHooks, '@typescript-eslint': tseslint.plugin },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  ...layers.map(({ files, ignores, patterns }) => ({ files, ...(ignores && { ignores }), rules: restrict(patterns) })),
);
