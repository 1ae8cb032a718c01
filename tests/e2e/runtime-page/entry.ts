/**
 * A bare page for tests/e2e/runtime-backends.test.ts: the runtime on a browser backend
 * against the golden activations, with no app around it. The test calls these functions
 * through page.evaluate; they return plain numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, webglRenderer } from '../../../src/model/backend';
import { createRuntime } from '../../../src/model/runtime';
import { logitLensOf } from '../../../src/model/logit-lens';
import { httpSource } from '../../../src/weights/sources';
import type { BackendName } from '../../../src/model/types';
import { loadWeights } from '../../../src/weights/weights';

const WASM = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';

interface GoldenIndex {
  prompts: { name: string; ids: number[]; file: string; arrays: Record<string, { offset: number; shape: number[] }> }[];
}

export interface StageError {
  stage: string;
  error: number;
  relative: boolean;
}

/** Largest |a - b|, divided by the largest |b| when `relative`. */
function errorOf(a: ArrayLike<number>, b: Float32Array, relative: boolean): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return relative ? d / m : d;
}

async function golden(backend: BackendName, promptNames: string[]) {
  const chosen = await selectBackend([backend], { wasmPaths: WASM });
  const { config, tensors } = await loadWeights(httpSource('/weights/tiny-random/'));
  const before = tf.memory().numTensors;
  const rt = await createRuntime(config, tensors);
  const index = (await (await fetch('/tests/fixtures/golden/index.json')).json()) as GoldenIndex;
  const worst = new Map<string, StageError>();
  const record = (stage: string, a: ArrayLike<number>, b: Float32Array, relative: boolean) => {
    const error = errorOf(a, b, relative);
    const prev = worst.get(stage);
    if (prev === undefined || error > prev.error) worst.set(stage, { stage, error, relative });
  };
  const traceMs: number[] = [];
  for (const p of index.prompts.filter((x) => promptNames.includes(x.name))) {
    const all = new Float32Array(await (await fetch(`/tests/fixtures/golden/${p.file}`)).arrayBuffer());
    const g = (name: string) => {
      const e = p.arrays[name];
      return all.subarray(e.offset, e.offset + e.shape.reduce((a, b) => a * b, 1));
    };
    const start = performance.now();
    const s = await rt.trace(p.ids);
    traceMs.push(performance.now() - start);
    const logitLens = await logitLensOf(rt, s);
    const L = config.n_layer;
    for (let l = 0; l <= L; l++) {
      record('resid', s.resid[l].data, g(l < L ? `blocks.${l}.resid_pre` : `blocks.${L - 1}.resid_post`), true);
      const lens = logitLens[l].slice(0, -1).map((c) => c.nextLogprob as number);
      record('lens.nextLogprob', lens, g(`lens.${l}.next_logprob`), false);
    }
    record('ln_final', s.lnFinal.data, g('ln_final'), true);
    record('last_logits', s.lastLogits, g('last_logits'), false);
    record(
      'predictions.nextLogprob',
      s.predictions.slice(0, -1).map((x) => x.nextLogprob as number),
      g('predictions.next_logprob'),
      false,
    );
    record(
      'predictions.entropy',
      s.predictions.map((x) => x.entropy),
      g('predictions.entropy'),
      false,
    );
    record(
      'predictions.top_logits',
      s.predictions.flatMap((x) => x.top.map((t) => t.logit)),
      g('predictions.top_logits'),
      false,
    );
    // The page's way: a trace without predictions, then the predictions on request.
    const onRequest = await rt.predictions(await rt.trace(p.ids, { predictions: false }));
    record(
      'predictions on request.top_logits',
      onRequest.flatMap((x) => x.top.map((t) => t.logit)),
      g('predictions.top_logits'),
      false,
    );
    record(
      'predictions on request.nextLogprob',
      onRequest.slice(0, -1).map((x) => x.nextLogprob as number),
      g('predictions.next_logprob'),
      false,
    );
    for (let l = 0; l < L; l++) {
      const b = await rt.block(s, l);
      const pre = `blocks.${l}.`;
      for (const [stage, data] of [
        ['ln1.out', b.ln1.out.data],
        ['q', b.q.data],
        ['k', b.k.data],
        ['v', b.v.data],
        ['z', b.z.data],
        ['attn_out', b.attnOut.data],
        ['resid_mid', b.residMid.data],
        ['ln2.out', b.ln2.out.data],
        ['mlp_pre', b.mlpPre.data],
        ['mlp_post', b.mlpPost.data],
        ['mlp_out', b.mlpOut.data],
        ['resid_post', b.residPost.data],
      ] as const)
        record(stage, data, g(pre + stage), true);
      record('pattern', b.pattern.data, g(pre + 'pattern'), false);
    }
  }
  rt.dispose();
  return { backend: chosen, errors: [...worst.values()], traceMs, leaked: tf.memory().numTensors - before };
}

/**
 * The page's order on a fresh runtime: a trace without predictions first, then the
 * predictions and the logit lens on request, set against a full trace made afterwards.
 * Returns the largest logit difference and whether the top ids agree everywhere.
 */
async function onRequestFirst(backend: BackendName) {
  await selectBackend([backend], { wasmPaths: WASM });
  const { config, tensors } = await loadWeights(httpSource('/weights/tiny-random/'));
  const rt = await createRuntime(config, tensors);
  const ids = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290];
  // The truth for this prompt: the logits at each position, one row at a time (no readout kernels).
  const lean = await rt.trace(ids, { predictions: false });
  const argmaxAt: number[] = [];
  for (let t = 0; t < ids.length; t++) {
    const row = await rt.logitsAt(lean, t);
    let best = 0;
    for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
    argmaxAt.push(best);
  }
  const asked = await rt.predictions(lean);
  const lens = await logitLensOf(rt, lean);
  const full = await rt.trace(ids);
  const fullLens = await logitLensOf(rt, full);
  rt.dispose();
  let diff = 0;
  let sameIds = asked.every((p, t) => p.top[0].id === argmaxAt[t]);
  asked.forEach((p, t) => {
    const ref = full.predictions[t];
    p.top.forEach((c, i) => {
      diff = Math.max(diff, Math.abs(c.logit - ref.top[i].logit));
      sameIds &&= c.id === ref.top[i].id;
    });
  });
  lens.forEach((row, l) =>
    row.forEach((c, t) => c.top.forEach((x, i) => (sameIds &&= x.id === fullLens[l][t].top[i].id))),
  );
  return { diff, sameIds };
}

/** What selectBackend picks here with and without avoidSoftwareWebgl, and the renderer. */
async function choices() {
  const plain = await selectBackend(['webgl', 'wasm'], { wasmPaths: WASM });
  const renderer = plain === 'webgl' ? webglRenderer() : '';
  const avoiding = await selectBackend(['webgl', 'wasm'], { wasmPaths: WASM, avoidSoftwareWebgl: true });
  const onlyWebgl = await selectBackend(['webgl'], { avoidSoftwareWebgl: true });
  return { plain, renderer, avoiding, onlyWebgl };
}

Object.assign(globalThis, { runtimePage: { golden, choices, onRequestFirst } });
document.body.dataset.ready = 'true';
