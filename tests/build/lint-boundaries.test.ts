/**
 * The layering is enforced by eslint.config.js: these snippets, linted as if they were files in
 * each folder, must be refused, and their allowed counterparts accepted.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const problems = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0].messages.filter((m) => m.severity === 2).map((m) => m.ruleId);

const RULE = '@typescript-eslint/no-restricted-imports';

describe('import boundaries', () => {
  it('keep React, the store, panels and the worker out of the model', async () => {
    expect(await problems("import { useState } from 'react';\nvoid useState;\n", 'src/model/x.ts')).toContain(RULE);
    expect(await problems("import { x } from '../store/app-store';\nvoid x;\n", 'src/model/x.ts')).toContain(RULE);
    expect(await problems("import { x } from '../worker/host';\nvoid x;\n", 'src/model/x.ts')).toContain(RULE);
    expect(await problems("import { x } from './ops';\nvoid x;\n", 'src/model/x.ts')).toEqual([]);
  });

  it("hold the weights format, the Hub and the Node helpers to the model's rule", async () => {
    for (const dir of ['weights', 'hub', 'node']) {
      const file = `src/${dir}/x.ts`;
      expect(await problems("import { useState } from 'react';\nvoid useState;\n", file)).toContain(RULE);
      expect(await problems("import { x } from '../store/app-store';\nvoid x;\n", file)).toContain(RULE);
      expect(await problems("import { x } from '../model/config';\nvoid x;\n", file)).toEqual([]);
    }
  });

  it('keep Node-only code in src/node', async () => {
    const fs = "import { open } from 'node:fs/promises';\nvoid open;\n";
    expect(await problems(fs, 'src/node/x.ts')).toEqual([]);
    for (const file of ['src/hub/x.ts', 'src/store/x.ts', 'src/panels/a/A.tsx', 'src/main.tsx']) {
      expect(await problems(fs, file)).toContain(RULE);
    }
    const dirSource = "import { dirSource } from '../node/node-source';\nvoid dirSource;\n";
    expect(await problems(dirSource, 'src/weights/x.ts')).toContain(RULE);
    expect(await problems(dirSource, 'src/worker/x.ts')).toContain(RULE);
  });

  it('keep TF.js and the runtime out of panels, but let them name runtime types', async () => {
    const tf = "import * as tf from '@tensorflow/tfjs-core';\nvoid tf;\n";
    expect(await problems(tf, 'src/panels/a/A.tsx')).toContain(RULE);
    const runtime = "import { createRuntime } from '../../model/runtime';\nvoid createRuntime;\n";
    expect(await problems(runtime, 'src/panels/a/A.tsx')).toContain(RULE);
    const types = "import type { GPT2Runtime } from '../../model/runtime';\nexport type R = GPT2Runtime;\n";
    expect(await problems(types, 'src/panels/a/A.tsx')).toEqual([]);
  });

  it('keep panels out of each other, with shared pieces in src/ui', async () => {
    const sibling = "import { B } from '../b/B';\nvoid B;\n";
    expect(await problems(sibling, 'src/panels/a/A.tsx')).toContain(RULE);
    expect(await problems("import { B } from './B';\nvoid B;\n", 'src/panels/a/A.tsx')).toEqual([]);
    expect(await problems("import { U } from '../../ui/U';\nvoid U;\n", 'src/panels/a/A.tsx')).toEqual([]);
    const store = "import { x } from '../store/experiment-targets';\nvoid x;\n";
    expect(await problems(store, 'src/ui/U.tsx')).toEqual([]);
  });

  it('keep the store and the model out of charts', async () => {
    expect(await problems("import { x } from '../store/app-store';\nvoid x;\n", 'src/charts/c.ts')).toContain(RULE);
    expect(await problems("import { x } from '../model/ops';\nvoid x;\n", 'src/charts/c.ts')).toContain(RULE);
  });

  it('hold lines to 120 characters', async () => {
    expect(await problems(`export const s = 1; // ${'x'.repeat(120)}\n`, 'src/util/x.ts')).toContain('max-len');
  });
});
