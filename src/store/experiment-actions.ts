/**
 * The experiments' store actions. Each kind of request keeps a sequence number, so an answer
 * is used only while it is still the newest of its kind and still about the prompt on screen;
 * a failed request keeps the previous answer on screen and says what went wrong.
 * `onTrace` is called by the store after every new trace of the main prompt: edited runs,
 * attribution and head scores follow the prompt, and a running sweep is cancelled.
 * `traceEdits` tells the store what the main trace is made with (shown-run.ts): the ablations
 * when the stages show the edited run.
 */
import type { TraceSummary } from '../model/types';
import { argmax } from '../sampling/softmax';
import { encode } from '../tokenizer';
import { crashReason, isSuperseded, type ModelClient } from '../worker/client';
import { INDIRECT_OBJECT_EXAMPLE, INDUCTION_PROBE, PARTY_EXAMPLE } from './experiment-examples';
import { alignedPrompts, oneToken, promptIds, runtimeProblem, type Problem } from './experiment-inputs';
import { idle, type ExperimentActions, type ExperimentsState, type Pending } from './experiment-state';
import { patchSpec, perHead, targetName, targetProblem, toggleTarget } from './experiment-targets';
import { ablationEdits, traceEdits } from './shown-run';
import { messageOf } from './limits';
import type { AppState } from './state';

export const EMPTY_EXPERIMENTS: ExperimentsState = {
  view: 'ablate',
  ablations: [],
  ablation: 'zero',
  shown: 'original',
  edited: idle(),
  compare: { prompt: '', position: null, tokens: [], run: idle(), mainAttention: null },
  patching: {
    clean: INDIRECT_OBJECT_EXAMPLE.clean,
    corrupted: INDIRECT_OBJECT_EXAMPLE.corrupted,
    answer: INDIRECT_OBJECT_EXAMPLE.answer,
    against: INDIRECT_OBJECT_EXAMPLE.against,
    hook: 'hook_resid_pre',
    sweeps: {},
    progress: null,
    patched: idle(),
    error: null,
  },
  attribution: { target: '', against: '', run: idle() },
  heads: idle(),
  probe: idle(),
};

type Get = () => AppState;
type Set = (fn: (s: AppState) => Partial<AppState>) => void;

export { ablationEdits };

const problemOf = (e: unknown): Problem => runtimeProblem(crashReason(e) ?? messageOf(e));

export interface ExperimentWiring {
  actions: ExperimentActions;
  /** Called after each new trace of the main prompt. */
  onTrace(): void;
  /** The edits the next trace of the main prompt is made with (none: the original run). */
  traceEdits(): ReturnType<typeof traceEdits>;
  /** Called when the main prompt changes (before it is traced): a running sweep stops. */
  onPromptChange(): void;
  /** Called when another token of the main prompt is selected. */
  onPosition(): void;
}

export function createExperimentActions(client: ModelClient, get: Get, set: Set): ExperimentWiring {
  const patch = (value: Partial<ExperimentsState>) => set((s) => ({ experiments: { ...s.experiments, ...value } }));
  const update = (fn: (x: ExperimentsState) => Partial<ExperimentsState>) =>
    set((s) => ({ experiments: { ...s.experiments, ...fn(s.experiments) } }));
  const seq = { edited: 0, compare: 0, mainAttention: 0, patched: 0, attribution: 0, heads: 0, probe: 0 };
  const config = () => get().model.config;
  const ready = () => get().model.phase === 'ready' && config() !== null;

  /**
   * Runs one request of a kind whose answer lives in a Pending slot: marks it pending, and on
   * the answer stores it if still newest (and `current()` still holds), else drops it.
   */
  async function request<T, K extends keyof typeof seq>(
    kind: K,
    read: (x: ExperimentsState) => Pending<T>,
    write: (x: ExperimentsState, p: Pending<T>) => Partial<ExperimentsState>,
    work: () => Promise<T>,
    current: () => boolean = () => true,
  ): Promise<void> {
    const mine = ++seq[kind];
    const put = (p: Partial<Pending<T>>) => update((x) => write(x, { ...read(x), ...p }));
    put({ pending: true, error: null });
    try {
      const result = await work();
      if (mine !== seq[kind]) return;
      put(current() ? { result, pending: false } : { pending: false });
    } catch (e) {
      if (mine !== seq[kind]) return;
      put({ pending: false, ...(isSuperseded(e) ? {} : { error: problemOf(e) }) });
    }
  }

  const fail = <T>(
    read: (x: ExperimentsState) => Pending<T>,
    write: (x: ExperimentsState, p: Pending<T>) => Partial<ExperimentsState>,
    problem: Problem,
  ) => update((x) => write(x, { ...read(x), pending: false, error: problem }));

  /** The main trace, if there is one: its request id and summary. */
  const mainTrace = (): { traceId: number; summary: TraceSummary } | null => {
    const { traceId, summary } = get().trace;
    return traceId === null || summary === null ? null : { traceId, summary };
  };

  async function runEdited(): Promise<void> {
    const { ablations, ablation } = get().experiments;
    const main = mainTrace();
    const c = config();
    const read = (x: ExperimentsState) => x.edited;
    const write = (_x: ExperimentsState, edited: ExperimentsState['edited']) => ({ edited });
    if (ablations.length === 0) {
      ++seq.edited;
      return patch({ edited: idle() });
    }
    if (!main || !c) return;
    const wrong = ablations.map((t) => targetProblem(t, c)).find((p) => p !== null);
    if (wrong) return fail(read, write, runtimeProblem(wrong));
    const targets = [...ablations];
    const modelId = get().model.modelId;
    const ids = main.summary.tokenIds;
    // Runs of the same model and prompt (and edits) are reused: switching the shown run, or a
    // part while the edited run is shown, then costs one run of the model, not two.
    const before = get().experiments.edited.result;
    const samePrompt = before?.modelId === modelId && before.original.tokenIds.join() === ids.join();
    const names = (x: { targets: typeof targets; kind: string }) => `${x.kind}:${x.targets.map(targetName).join()}`;
    const sameEdits = samePrompt && names(before!) === names({ targets, kind: ablation });
    await request(
      'edited',
      read,
      write,
      async () => {
        const base = { traceId: main.traceId, modelId, targets, kind: ablation };
        if (main.summary.edits) {
          // The stages show the edited run: the original is the one run beside it.
          const original = samePrompt ? before!.original : (await client.runEdited(ids, [])).summary;
          return { ...base, original, summary: main.summary };
        }
        const edited = sameEdits
          ? before!.summary
          : (await client.runEdited(ids, ablationEdits(targets, ablation))).summary;
        return { ...base, original: main.summary, summary: edited };
      },
      () => get().trace.traceId === main.traceId,
    );
  }

  /**
   * After the parts switched off or the shown run changed: the main prompt is traced again when
   * the stages' run changes with it (it then brings the edited run along), else only the edited run.
   */
  function rerun(): void {
    const x = get().experiments;
    if (x.ablations.length === 0 && x.shown !== 'original') patch({ shown: 'original' });
    const shownEdited = mainTrace()?.summary.edits !== undefined;
    if (shownEdited || traceEdits(get().experiments, config()) !== undefined) void get().actions.runTrace();
    else void runEdited();
  }

  /** The second prompt's trace and its chosen token's attention; and the main token's attention beside it. */
  async function runCompare(): Promise<void> {
    const { compare } = get().experiments;
    const c = config();
    const read = (x: ExperimentsState) => x.compare.run;
    const write = (x: ExperimentsState, run: ExperimentsState['compare']['run']) => ({
      compare: { ...x.compare, run },
    });
    if (!c || !ready() || compare.prompt === '') return;
    const ids = promptIds(compare.prompt, c.n_positions, 'compare');
    if (!ids.ok) return fail(read, write, ids.problem);
    const position = Math.min(compare.position ?? ids.value.length - 1, ids.value.length - 1);
    const prompt = compare.prompt;
    await request(
      'compare',
      read,
      write,
      () => client.traceAside(ids.value, position),
      () => {
        const now = get().experiments.compare;
        return now.prompt === prompt;
      },
    );
  }

  async function fetchMainAttention(): Promise<void> {
    const main = mainTrace();
    if (!main || get().experiments.compare.prompt === '') return;
    const mine = ++seq.mainAttention;
    const position = get().selection.position;
    try {
      const attention = await client.tokenAttention(main.traceId, position);
      if (mine === seq.mainAttention) update((x) => ({ compare: { ...x.compare, mainAttention: attention } }));
    } catch (e) {
      if (mine !== seq.mainAttention || isSuperseded(e)) return;
      update((x) => ({ compare: { ...x.compare, run: { ...x.compare.run, error: problemOf(e) } } }));
    }
  }

  const patchingWrite = (x: ExperimentsState, value: Partial<ExperimentsState['patching']>) => ({
    patching: { ...x.patching, ...value },
  });

  /** The sweep's inputs as ids, or the first problem with them. */
  function sweepInputs() {
    const c = config()!;
    const p = get().experiments.patching;
    const clean = promptIds(p.clean, c.n_positions, 'clean');
    if (!clean.ok) return clean;
    const corrupted = promptIds(p.corrupted, c.n_positions, 'corrupted');
    if (!corrupted.ok) return corrupted;
    const answer = oneToken(p.answer, 'answer');
    if (!answer.ok) return answer;
    const against = oneToken(p.against, 'against');
    if (!against.ok) return against;
    // Per-head sweeps patch every position of a head: they too need positions that line up.
    const aligned = alignedPrompts(clean.value, corrupted.value);
    if (!aligned.ok) return aligned;
    return {
      ok: true as const,
      value: { clean: clean.value, corrupted: corrupted.value, answer: answer.value, against: against.value },
    };
  }

  function cancelSweep(): void {
    const { progress } = get().experiments.patching;
    if (progress) client.cancel(progress.runId);
    update((x) => patchingWrite(x, { progress: null }));
  }

  /** The attribution's tokens as ids: the predicted one when no target is typed. */
  function attributionIds(summary: TraceSummary) {
    const { target, against } = get().experiments.attribution;
    const t = target === '' ? { ok: true as const, value: argmax(summary.lastLogits) } : oneToken(target, 'target');
    if (!t.ok) return t;
    const a = against === '' ? { ok: true as const, value: null } : oneToken(against, 'against');
    if (!a.ok) return a;
    return { ok: true as const, value: { target: t.value, against: a.value } };
  }

  async function runAttribution(): Promise<void> {
    const main = mainTrace();
    const read = (x: ExperimentsState) => x.attribution.run;
    const write = (x: ExperimentsState, run: ExperimentsState['attribution']['run']) => ({
      attribution: { ...x.attribution, run },
    });
    if (!main) return;
    const ids = attributionIds(main.summary);
    if (!ids.ok) return fail(read, write, ids.problem);
    await request(
      'attribution',
      read,
      write,
      () => client.attribute(main.traceId, ids.value.target, ids.value.against),
      () => get().trace.traceId === main.traceId,
    );
  }

  async function runHeadScores(): Promise<void> {
    const main = mainTrace();
    if (!main) return;
    await request(
      'heads',
      (x) => x.heads,
      (_x, heads) => ({ heads }),
      () => client.headScores(main.traceId),
      () => get().trace.traceId === main.traceId,
    );
  }

  /** What the shown view needs for the current prompt (the others wait until they are opened). */
  function refreshView(): void {
    const { view, attribution, heads } = get().experiments;
    const main = mainTrace();
    if (!main) return;
    if (view === 'attribute' && attribution.run.result === null && !attribution.run.pending) void runAttribution();
    if (view === 'heads' && heads.result === null && !heads.pending) void runHeadScores();
  }

  const actions: ExperimentActions = {
    setExperimentView(view) {
      patch({ view });
      refreshView();
    },
    toggleAblation(target) {
      update((x) => ({ ablations: toggleTarget(x.ablations, target) }));
      rerun();
    },
    setAblationKind(kind) {
      patch({ ablation: kind });
      rerun();
    },
    clearAblations() {
      patch({ ablations: [], shown: 'original' });
      rerun();
    },
    showRun(run) {
      patch({ shown: run });
      rerun();
    },
    setComparePrompt(prompt) {
      update((x) => ({ compare: { ...x.compare, prompt, position: null, tokens: encode(prompt) } }));
      void runCompare();
      void fetchMainAttention();
    },
    setComparePosition(position) {
      const count = get().experiments.compare.tokens.length;
      if (!Number.isInteger(position) || count === 0) return;
      update((x) => ({ compare: { ...x.compare, position: Math.min(count - 1, Math.max(0, position)) } }));
      void runCompare();
    },
    loadPartyExample() {
      const { actions: app } = get();
      patch({ view: 'compare' });
      app.setPrompt(PARTY_EXAMPLE.prompt);
      actions.setComparePrompt(PARTY_EXAMPLE.compare);
      void app.runTrace();
    },
    setPatchingInputs(inputs) {
      if (get().experiments.patching.progress) cancelSweep();
      update((x) => patchingWrite(x, { ...inputs, error: null }));
    },
    loadIndirectObjectExample() {
      actions.setPatchingInputs({ ...INDIRECT_OBJECT_EXAMPLE });
      patch({ view: 'patch' });
      void actions.runSweep();
    },
    async runSweep() {
      if (!ready()) return;
      const inputs = sweepInputs();
      if (!inputs.ok) return update((x) => patchingWrite(x, { error: inputs.problem }));
      if (get().experiments.patching.progress) cancelSweep();
      const { hook } = get().experiments.patching;
      const run = client.call('patchingSweep', [{ ...inputs.value, hook }], ({ done, total }) =>
        update((x) =>
          x.patching.progress?.runId === run.id
            ? patchingWrite(x, { progress: { ...x.patching.progress, done, total } })
            : {},
        ),
      );
      const c = config()!;
      const total = c.n_layer * (perHead(hook) ? c.n_head : inputs.value.clean.length);
      update((x) => patchingWrite(x, { progress: { hook, runId: run.id, done: 0, total }, error: null }));
      try {
        const result = await run.result;
        update((x) =>
          x.patching.progress?.runId === run.id
            ? patchingWrite(x, { progress: null, sweeps: { ...x.patching.sweeps, [hook]: result } })
            : {},
        );
      } catch (e) {
        update((x) =>
          x.patching.progress?.runId === run.id
            ? patchingWrite(x, { progress: null, ...(isSuperseded(e) ? {} : { error: problemOf(e) }) })
            : {},
        );
      }
    },
    cancelSweep,
    async applyPatch(cell) {
      const sweep = get().experiments.patching.sweeps[cell.hook];
      if (!sweep) return;
      await request(
        'patched',
        (x) => x.patching.patched,
        (x, patched) => patchingWrite(x, { patched }),
        async () => {
          const { summary } = await client.runEdited(
            sweep.corruptedIds,
            [{ spec: patchSpec(cell), kind: 'patch' }],
            sweep.cleanIds,
          );
          const logitDiff = summary.lastLogits[sweep.answer] - summary.lastLogits[sweep.against];
          return { cell, summary, logitDiff };
        },
      );
    },
    setAttributionTokens(target, against) {
      update((x) => ({ attribution: { ...x.attribution, target, against } }));
      void runAttribution();
    },
    runAttribution,
    runHeadScores,
    async runInductionProbe(tokens) {
      if (!ready()) return;
      const c = config()!;
      const length = Math.min(INDUCTION_PROBE.length, Math.floor(c.n_positions / 2));
      await request(
        'probe',
        (x) => x.probe,
        (_x, probe) => ({ probe }),
        () => client.inductionProbe(length, INDUCTION_PROBE.seed, tokens),
      );
    },
  };

  return {
    actions,
    onTrace() {
      // Results about the old prompt go; the edited run and the shown view follow the new one.
      update((x) => ({
        attribution: { ...x.attribution, run: { ...x.attribution.run, result: null } },
        heads: { ...x.heads, result: null },
      }));
      void runEdited();
      void fetchMainAttention();
      refreshView();
    },
    traceEdits: () => traceEdits(get().experiments, config()),
    onPromptChange() {
      if (get().experiments.patching.progress) cancelSweep();
    },
    onPosition() {
      void fetchMainAttention();
    },
  };
}
