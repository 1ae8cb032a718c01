/**
 * The app's zustand store: state (state.ts) plus the only code that writes it.
 * The model is reached through a ModelClient (a Web Worker in the page), so the store
 * never blocks and knows nothing of TF.js. Every reply is checked against the request
 * that is current when it arrives; answers for an old prompt or layer are dropped.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendName } from '../model/types';
import { catalog, type CatalogEntry } from '../hub/catalog';
import { encode, fitToContext } from '../tokenizer';
import { crashReason, isSuperseded, type ModelClient } from '../worker/client';
import { createExperimentActions, EMPTY_EXPERIMENTS } from './experiment-actions';
import { createExploreAction, EMPTY_EXPLORER } from './explorer';
import { createRequestAction, EMPTY_REQUESTS } from './requests';
import { STAGE_IDS, stageNeeds, stepStage, type StageId } from '../stages/registry';
import { LIMITS, clamp, finiteOr, messageOf } from './limits';
import { prepareDerived } from './selectors';
import type { AppState, Inputs } from './state';
import { nextMacrotask } from '../util/next-macrotask';

export interface StoreDeps {
  client: ModelClient;
  /** The stages the page shows (default: all). */
  stages?: readonly StageId[];
  /** Wait after the last prompt edit before tracing, in ms. */
  debounceMs?: number;
  /** Backend preference passed to the worker (e.g. from a ?backend= URL parameter). */
  backends?: BackendName[];
  models?: readonly CatalogEntry[];
  inputs?: Partial<Inputs>;
}

export type AppStore = StoreApi<AppState>;

export const DEFAULT_INPUTS: Inputs = {
  prompt: 'The quick brown fox jumps over the lazy',
  temperature: 1,
  topK: 0,
  topP: 1,
  seed: 42,
  generateCount: 20,
};

/** True before the first trace, or when the last token of the previous trace is selected. */
const followsLast = (s: AppState) => s.trace.tokens.length === 0 || s.selection.position === s.trace.tokens.length - 1;

export function createAppStore(deps: StoreDeps): AppStore {
  const { client } = deps;
  const stages = deps.stages ?? STAGE_IDS;
  const debounceMs = deps.debounceMs ?? 250;
  const models = deps.models ?? catalog;
  let traceTimer: ReturnType<typeof setTimeout> | undefined;
  // Sequence numbers of the newest request of each sort: a reply is used only if still newest.
  let traceSeq = 0;
  let detailSeq = 0;

  return createStore<AppState>()((set, get) => {
    const patch = <K extends 'inputs' | 'selection' | 'model' | 'trace' | 'generation'>(
      key: K,
      value: Partial<AppState[K]>,
    ) => set((s) => ({ [key]: { ...s[key], ...value } }) as Partial<AppState>);

    const experiments = createExperimentActions(client, get, set);

    // The trace whose readouts are being fetched, so a second visit to the stage asks nothing twice.
    let readoutsFor: number | null = null;

    /**
     * On a stage that needs the readouts, once per trace: every position's prediction, merged into the
     * summary (which the worker sends without them). They cost a vocabulary-sized readout per token,
     * so other stages never wait for them.
     */
    async function fetchReadouts(): Promise<void> {
      const { trace, selection } = get();
      const done = trace.summary?.predictions.length !== 0 || readoutsFor === trace.traceId;
      if (!stageNeeds(selection.stage, 'readouts') || trace.traceId === null || done) return;
      const { traceId } = trace;
      const current = () => get().trace.traceId === traceId;
      readoutsFor = traceId;
      try {
        const predictions = await client.predictions(traceId);
        if (current()) {
          set((s) => ({ trace: { ...s.trace, summary: s.trace.summary && { ...s.trace.summary, predictions } } }));
        }
      } catch (e) {
        if (current() && !isSuperseded(e)) patch('trace', { error: messageOf(e) });
      } finally {
        if (readoutsFor === traceId) readoutsFor = null;
      }
    }

    /**
     * The selected token's attention in every layer, for the first screen's glance at it
     * (away from the blocks stage, which fetches it with the layer's internals).
     */
    async function fetchTokenAttention(): Promise<void> {
      const { trace, selection } = get();
      if (!selection.inspect || trace.traceId === null || trace.tokenAttention?.position === selection.position) return;
      const seq = ++detailSeq;
      try {
        const tokenAttention = await client.tokenAttention(trace.traceId, selection.position);
        if (seq === detailSeq) patch('trace', { tokenAttention });
      } catch (e) {
        if (seq === detailSeq && !isSuperseded(e) && crashReason(e) === null) patch('trace', { error: messageOf(e) });
      }
    }

    /** The selected layer's internals and the selected token's attention, on the stage that shows them. */
    async function fetchDetails(): Promise<void> {
      const { trace, selection } = get();
      if (!stageNeeds(selection.stage, 'details')) return fetchTokenAttention();
      if (trace.traceId === null) return;
      const seq = ++detailSeq;
      const { traceId } = trace;
      // A token click keeps the layer: its block (cleared on every new trace) is reused, so only
      // the small token-attention request waits in the worker's queue.
      const kept = trace.block?.layer === selection.layer ? trace.block : null;
      patch('trace', { blockPending: kept === null });
      try {
        const [block, tokenAttention] = await Promise.all([
          kept ?? client.block(traceId, selection.layer).then((r) => r.block),
          client.tokenAttention(traceId, selection.position),
        ]);
        if (seq !== detailSeq) return;
        patch('trace', { block, tokenAttention, blockPending: false });
      } catch (e) {
        if (seq !== detailSeq) return;
        // The trace these details belong to died with its worker: trace the prompt again.
        const crash = crashReason(e);
        if (crash !== null && get().trace.recoveredFrom === null) return runTrace(crash);
        patch('trace', { blockPending: false, ...(isSuperseded(e) ? {} : { error: messageOf(e) }) });
      }
    }

    /**
     * Traces the current prompt. When the worker dies under it (a lost WebGL context, out of
     * memory), the client starts a fresh worker with the same model on the next request, so
     * the prompt is run again once, with `recovering` naming why; a second failure is shown.
     */
    async function runTrace(recovering: string | null = null): Promise<void> {
      clearTimeout(traceTimer);
      const { model, inputs } = get();
      if (model.phase !== 'ready' || !model.config) return;
      const seq = ++traceSeq;
      const all = encode(inputs.prompt);
      const tokens = fitToContext(all, model.config.n_positions);
      if (tokens.length === 0) {
        patch('trace', {
          tokens: [],
          dropped: 0,
          traceId: null,
          summary: null,
          pending: false,
          error: null,
          recoveredFrom: null,
          block: null,
          tokenAttention: null,
        });
        return;
      }
      patch('trace', { pending: true });
      try {
        // With the edited run shown, the trace is made with the edits and every stage shows it.
        const result = await client.trace(
          tokens.map((t) => t.id),
          experiments.traceEdits(),
        );
        if (seq !== traceSeq) return;
        prepareDerived({ ...get(), trace: { ...get().trace, summary: result.summary } });
        await nextMacrotask();
        if (seq !== traceSeq) return;
        const last = tokens.length - 1;
        set((s) => ({
          trace: {
            ...s.trace,
            tokens,
            dropped: all.length - tokens.length,
            traceId: result.traceId,
            summary: result.summary,
            pending: false,
            ms: result.ms,
            error: null,
            recoveredFrom: recovering,
            block: null,
            tokenAttention: null,
          },
          requests: EMPTY_REQUESTS,
          // The selection follows the last token (where the prediction is) if it was there,
          // stays put otherwise, and moves to the last token if its position is gone.
          selection: {
            ...s.selection,
            position: followsLast(s) || s.selection.position > last ? last : s.selection.position,
          },
        }));
        experiments.onTrace();
        await Promise.all([fetchDetails(), fetchReadouts()]);
      } catch (e) {
        if (seq !== traceSeq || isSuperseded(e)) return;
        const crash = crashReason(e);
        if (crash !== null && recovering === null) return runTrace(crash);
        patch('trace', { pending: false, error: messageOf(e), recoveredFrom: null });
      }
    }

    const scheduleTrace = () => {
      clearTimeout(traceTimer);
      traceTimer = setTimeout(() => void runTrace(), debounceMs);
    };

    const config = () => get().model.config;

    return {
      inputs: { ...DEFAULT_INPUTS, ...deps.inputs },
      selection: { stage: stages[0], layer: 0, head: 0, position: 0, direction: 'from', inspect: false },
      stages,
      model: {
        phase: 'idle',
        modelId: null,
        config: null,
        backend: null,
        threads: null,
        progress: null,
        error: null,
        loadMs: null,
      },
      trace: {
        tokens: [],
        dropped: 0,
        traceId: null,
        summary: null,
        pending: false,
        ms: null,
        error: null,
        recoveredFrom: null,
        block: null,
        blockPending: false,
        tokenAttention: null,
      },
      generation: { running: false, runId: null, promptIds: [], seed: null, steps: [], reason: null, error: null },
      explorer: EMPTY_EXPLORER,
      experiments: EMPTY_EXPERIMENTS,
      requests: EMPTY_REQUESTS,
      actions: {
        ...experiments.actions,
        exploreEmbeddings: createExploreAction(client, get, set),
        request: createRequestAction(client, get, set),
        setPrompt(prompt) {
          patch('inputs', { prompt });
          experiments.onPromptChange();
          scheduleTrace();
        },
        setTemperature(t) {
          const { min, max } = LIMITS.temperature;
          patch('inputs', { temperature: clamp(finiteOr(t, get().inputs.temperature), min, max) });
        },
        setTopK(k) {
          const vocab = config()?.vocab_size ?? Number.MAX_SAFE_INTEGER;
          patch('inputs', { topK: clamp(Math.round(finiteOr(k, get().inputs.topK)), LIMITS.topK.min, vocab) });
        },
        setTopP(p) {
          const { min, max } = LIMITS.topP;
          patch('inputs', { topP: clamp(finiteOr(p, get().inputs.topP), min, max) });
        },
        setSeed(seed) {
          const { min, max } = LIMITS.seed;
          patch('inputs', { seed: clamp(Math.round(finiteOr(seed, get().inputs.seed)), min, max) });
        },
        setGenerateCount(n) {
          const { min, max } = LIMITS.generateCount;
          patch('inputs', { generateCount: clamp(Math.round(finiteOr(n, get().inputs.generateCount)), min, max) });
        },
        selectStage(stage) {
          if (!stages.includes(stage)) return;
          patch('selection', { stage });
          void fetchDetails();
          void fetchReadouts();
        },
        nextStage() {
          get().actions.selectStage(stepStage(stages, get().selection.stage, 1));
        },
        previousStage() {
          get().actions.selectStage(stepStage(stages, get().selection.stage, -1));
        },
        selectLayer(layer) {
          const c = config();
          if (!c || !Number.isInteger(layer)) return;
          patch('selection', { layer: clamp(layer, 0, c.n_layer - 1) });
          void fetchDetails();
        },
        selectHead(head) {
          const c = config();
          if (!c || !Number.isInteger(head)) return;
          patch('selection', { head: clamp(head, 0, c.n_head - 1) });
        },
        selectPosition(position) {
          const count = get().trace.tokens.length;
          if (count === 0 || !Number.isInteger(position)) return;
          patch('selection', { position: clamp(position, 0, count - 1) });
          experiments.onPosition();
          void fetchDetails();
        },
        inspectToken(position) {
          patch('selection', { inspect: true });
          get().actions.selectPosition(position);
        },
        closeInspector() {
          patch('selection', { inspect: false });
        },
        setDirection(direction) {
          patch('selection', { direction });
        },
        async loadModel(modelId) {
          const entry = models.find((m) => m.id === modelId);
          if (!entry) {
            patch('model', { phase: 'error', modelId, error: `unknown model "${modelId}"` });
            return;
          }
          patch('model', {
            phase: 'loading',
            modelId,
            progress: null,
            error: null,
            config: null,
            backend: null,
            threads: null,
          });
          try {
            // Catalog URLs are relative to the page; the worker would resolve them against its own
            // script's URL (assets/), so they travel absolute.
            const url = typeof location === 'undefined' ? entry.url : new URL(entry.url, location.href).href;
            const ref = { id: entry.id, url, ...(entry.hub && { hub: entry.hub }) };
            const loaded = await client.load(ref, deps.backends, (progress) => patch('model', { progress }));
            if (get().model.modelId !== modelId) return;
            const { n_layer, n_head } = loaded.config;
            set((s) => ({
              model: {
                ...s.model,
                phase: 'ready',
                config: loaded.config,
                backend: loaded.backend,
                threads: loaded.threads,
                loadMs: loaded.ms,
              },
              selection: {
                ...s.selection,
                layer: Math.min(s.selection.layer, n_layer - 1),
                head: Math.min(s.selection.head, n_head - 1),
              },
            }));
            await runTrace();
          } catch (e) {
            if (get().model.modelId !== modelId) return;
            patch('model', { phase: 'error', error: messageOf(e) });
          }
        },
        runTrace: () => runTrace(),
        async generate() {
          const { trace, inputs, generation } = get();
          if (generation.running || !trace.summary) return;
          const promptIds = trace.summary.tokenIds;
          const sampling = { temperature: inputs.temperature, topK: inputs.topK, topP: inputs.topP };
          const args = [promptIds, inputs.generateCount, sampling, inputs.seed] as const;
          const run = client.call('generate', [...args], (step) =>
            set((s) =>
              s.generation.runId === run.id
                ? { generation: { ...s.generation, steps: [...s.generation.steps, step] } }
                : {},
            ),
          );
          patch('generation', {
            running: true,
            runId: run.id,
            promptIds,
            seed: inputs.seed,
            steps: [],
            reason: null,
            error: null,
          });
          try {
            const end = await run.result;
            if (get().generation.runId === run.id) patch('generation', { running: false, reason: end.reason });
          } catch (e) {
            if (get().generation.runId === run.id) patch('generation', { running: false, error: messageOf(e) });
          }
        },
        cachedModel: (hub) => client.cachedModel(hub),
        deleteCachedModel: (hub) => client.deleteCachedModel(hub),
        stopGeneration() {
          const { running, runId } = get().generation;
          if (running && runId !== null) client.cancel(runId);
        },
      },
    };
  });
}
