/**
 * An experiment as URL parameters, so a link restores it: the view, the parts switched off
 * and how (and whether the stages show the edited run), the second prompt and its token, the
 * patching prompts and answers with the hook swept, and the attribution's tokens. Parts at
 * their defaults are left out of the link.
 * Parsing never fails: unknown names and values are dropped, and the page checks the rest
 * against the model (layers, heads) when it applies them.
 */
import {
  ABLATION_KINDS,
  PATCH_HOOKS,
  parseTargetName,
  targetName,
  type AblationKind,
  type AblationTarget,
  type PatchHook,
} from '../store/experiment-targets';
import { isExperimentView, type ExperimentView } from '../store/experiment-state';
import { EMPTY_EXPERIMENTS } from '../store/experiment-actions';
import { isShownRun, type ShownRun } from '../store/shown-run';
import type { ExperimentsState } from '../store/experiment-state';

export interface ShareExperiment {
  view: ExperimentView;
  ablations: AblationTarget[];
  ablation: AblationKind;
  /** Which run the stages show; 'edited' only means something with parts switched off. */
  run: ShownRun;
  compare: string;
  /** The second prompt's chosen token; absent: its last. */
  compareToken?: number;
  clean: string;
  corrupted: string;
  answer: string;
  against: string;
  hook: PatchHook;
  target: string;
  targetAgainst: string;
}

export const EXPERIMENT_KEYS = {
  view: 'x',
  ablations: 'ablate',
  ablation: 'ablation',
  run: 'run',
  compare: 'cmp',
  compareToken: 'cmpTok',
  clean: 'clean',
  corrupted: 'corrupt',
  answer: 'ans',
  against: 'vs',
  hook: 'sweep',
  target: 'attr',
  targetAgainst: 'attrVs',
} as const;

/** Longest text any experiment field carries in a link. */
const MAX_CHARS = 4_000;
/** Most parts switched off that a link carries. */
const MAX_ABLATIONS = 256;

const DEFAULTS: ShareExperiment = {
  view: EMPTY_EXPERIMENTS.view,
  ablations: [],
  ablation: EMPTY_EXPERIMENTS.ablation,
  run: EMPTY_EXPERIMENTS.shown,
  compare: '',
  clean: EMPTY_EXPERIMENTS.patching.clean,
  corrupted: EMPTY_EXPERIMENTS.patching.corrupted,
  answer: EMPTY_EXPERIMENTS.patching.answer,
  against: EMPTY_EXPERIMENTS.patching.against,
  hook: EMPTY_EXPERIMENTS.patching.hook,
  target: '',
  targetAgainst: '',
};

const TEXT_FIELDS = ['compare', 'clean', 'corrupted', 'answer', 'against', 'target', 'targetAgainst'] as const;

export function parseExperiment(params: URLSearchParams): ShareExperiment {
  const out: ShareExperiment = { ...DEFAULTS, ablations: [] };
  const view = params.get(EXPERIMENT_KEYS.view);
  if (view && isExperimentView(view)) out.view = view;
  const names = (params.get(EXPERIMENT_KEYS.ablations) ?? '').split(',').slice(0, MAX_ABLATIONS);
  for (const name of names) {
    const t = parseTargetName(name);
    if (t && !out.ablations.some((x) => targetName(x) === targetName(t))) out.ablations.push(t);
  }
  const kind = params.get(EXPERIMENT_KEYS.ablation);
  if (kind && (ABLATION_KINDS as readonly string[]).includes(kind)) out.ablation = kind as AblationKind;
  const run = params.get(EXPERIMENT_KEYS.run);
  if (run && isShownRun(run) && out.ablations.length > 0) out.run = run;
  for (const field of TEXT_FIELDS) {
    const v = params.get(EXPERIMENT_KEYS[field]);
    if (v !== null) out[field] = v.slice(0, MAX_CHARS);
  }
  const hook = params.get(EXPERIMENT_KEYS.hook);
  if (hook && (PATCH_HOOKS as readonly string[]).includes(hook)) out.hook = hook as PatchHook;
  // A position means something only in a compared prompt, and only as plain digits:
  // Number() would read ' ' or '0x1' as a position nobody wrote.
  const token = params.get(EXPERIMENT_KEYS.compareToken) ?? '';
  if (out.compare !== '' && /^\d{1,6}$/.test(token)) out.compareToken = Number(token);
  return out;
}

/** Writes the experiment into params: fields at their defaults are removed. */
export function writeExperiment(params: URLSearchParams, x: ShareExperiment): void {
  const put = (key: string, value: string, fallback: string) => {
    if (value === fallback) params.delete(key);
    else params.set(key, value);
  };
  put(EXPERIMENT_KEYS.view, x.view, DEFAULTS.view);
  put(EXPERIMENT_KEYS.ablations, x.ablations.map(targetName).join(','), '');
  put(EXPERIMENT_KEYS.ablation, x.ablation, DEFAULTS.ablation);
  put(EXPERIMENT_KEYS.run, x.ablations.length > 0 ? x.run : DEFAULTS.run, DEFAULTS.run);
  for (const field of TEXT_FIELDS) put(EXPERIMENT_KEYS[field], x[field].slice(0, MAX_CHARS), DEFAULTS[field]);
  put(EXPERIMENT_KEYS.hook, x.hook, DEFAULTS.hook);
  const token = x.compare === '' || x.compareToken === undefined ? '' : String(x.compareToken);
  put(EXPERIMENT_KEYS.compareToken, token, '');
}

/** The experiment part of the store as it stands. */
export function experimentOf(x: ExperimentsState): ShareExperiment {
  return {
    view: x.view,
    ablations: x.ablations,
    ablation: x.ablation,
    run: x.shown,
    compare: x.compare.prompt,
    ...(x.compare.position === null ? {} : { compareToken: x.compare.position }),
    clean: x.patching.clean,
    corrupted: x.patching.corrupted,
    answer: x.patching.answer,
    against: x.patching.against,
    hook: x.patching.hook,
    target: x.attribution.target,
    targetAgainst: x.attribution.against,
  };
}
