/**
 * The view as URL parameters, so a link restores it: prompt, model, sampling settings,
 * stage, layer, head, selected token and whether the first screen shows its attention. Parsing never fails: a missing,
 * malformed or
 * out-of-range value becomes its default or is clamped into range. Layer, head and token
 * are only known to be in range once a model and a prompt exist; here they are kept
 * non-negative whole numbers, and the store clamps them further when it applies them.
 */
import { DEFAULT_INPUTS } from '../store/app-store';
import { LIMITS, clamp } from '../store/limits';
import { isStageId, type StageId } from '../stages/registry';
import { parseExperiment, writeExperiment, type ShareExperiment } from './experiment-params';

export interface ShareState {
  prompt: string;
  /** A catalog id; not checked here (the page reports an unknown one). */
  model?: string;
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
  stage?: StageId;
  layer: number;
  head: number;
  /** Absent when the link names no token: the page then keeps its own choice (the last token). */
  token?: number;
  /** The first screen shows where the selected token's heads look. */
  inspect?: boolean;
  experiment: ShareExperiment;
}

/** Parameter names in the URL, short because links get pasted into chats. */
export const KEYS = {
  prompt: 'prompt',
  model: 'model',
  temperature: 't',
  topK: 'k',
  topP: 'p',
  seed: 'seed',
  stage: 'stage',
  layer: 'layer',
  head: 'head',
  token: 'token',
  inspect: 'inspect',
} as const;

/** Longest prompt a link carries (longer ones are cut): far beyond GPT-2's 1,024 tokens of typical text. */
export const MAX_PROMPT_CHARS = 20_000;
/** GPT-2's vocabulary: the largest useful top-k. */
const MAX_TOP_K = 50_257;
/** Large enough for any GPT-2 (48 layers, 25 heads, 1,024 positions in the biggest). */
const MAX_INDEX = 4096;

/** A finite number from a parameter, or null when absent or not a number. */
function numberParam(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

function ranged(
  params: URLSearchParams,
  key: string,
  fallback: number,
  lo: number,
  hi: number,
  whole: boolean,
): number {
  const n = numberParam(params, key);
  if (n === null) return fallback;
  return clamp(whole ? Math.round(n) : n, lo, hi);
}

export function parseShareState(search: string): ShareState {
  const params = new URLSearchParams(search);
  const stage = params.get(KEYS.stage);
  const model = params.get(KEYS.model)?.trim();
  return {
    prompt: (params.get(KEYS.prompt) ?? DEFAULT_INPUTS.prompt).slice(0, MAX_PROMPT_CHARS),
    ...(model ? { model } : {}),
    temperature: ranged(
      params,
      KEYS.temperature,
      DEFAULT_INPUTS.temperature,
      LIMITS.temperature.min,
      LIMITS.temperature.max,
      false,
    ),
    topK: ranged(params, KEYS.topK, DEFAULT_INPUTS.topK, LIMITS.topK.min, MAX_TOP_K, true),
    topP: ranged(params, KEYS.topP, DEFAULT_INPUTS.topP, LIMITS.topP.min, LIMITS.topP.max, false),
    seed: ranged(params, KEYS.seed, DEFAULT_INPUTS.seed, LIMITS.seed.min, LIMITS.seed.max, true),
    ...(stage && isStageId(stage) ? { stage } : {}),
    layer: ranged(params, KEYS.layer, 0, 0, MAX_INDEX, true),
    head: ranged(params, KEYS.head, 0, 0, MAX_INDEX, true),
    ...(numberParam(params, KEYS.token) === null ? {} : { token: ranged(params, KEYS.token, 0, 0, MAX_INDEX, true) }),
    ...(params.get(KEYS.inspect) === '1' ? { inspect: true } : {}),
    experiment: parseExperiment(params),
  };
}

/**
 * The query string for a state, keeping any other parameters of `base` (e.g. ?backend=,
 * ?hub=) as they are. Returns it with its leading "?".
 */
export function serializeShareState(state: ShareState, base = ''): string {
  const params = new URLSearchParams(base);
  const set = (key: string, value: string | number | undefined) => {
    if (value === undefined) params.delete(key);
    else params.set(key, String(value));
  };
  set(KEYS.prompt, state.prompt.slice(0, MAX_PROMPT_CHARS));
  set(KEYS.model, state.model);
  set(KEYS.temperature, state.temperature);
  set(KEYS.topK, state.topK);
  set(KEYS.topP, state.topP);
  set(KEYS.seed, state.seed);
  set(KEYS.stage, state.stage);
  set(KEYS.layer, state.layer);
  set(KEYS.head, state.head);
  set(KEYS.token, state.token);
  set(KEYS.inspect, state.inspect ? 1 : undefined);
  writeExperiment(params, state.experiment);
  return `?${params.toString()}`;
}
