/**
 * The plain data the worker's methods (api.ts) take and return, besides the runtime's own
 * types: which model to load, sampling settings, generated steps and the loaded model.
 */
import type { GPT2Config } from '../model/config';
import type { HubRepo } from '../hub/hub-repo';
import type { BackendName } from '../model/types';

/** Which model to load: its catalog id (for display) and the URL of its folder (ends with "/"). */
export interface ModelRef {
  id: string;
  url: string;
  /** Set for a checkpoint on the Hugging Face Hub: downloaded, converted and cached in the worker. */
  hub?: HubRepo;
}

/** What this browser keeps of a Hub model: whether it can keep any, and the bytes kept (null: none). */
export interface CachedModel {
  usable: boolean;
  bytes: number | null;
}

/** Sampling settings of a generation run; they mirror the store's inputs. */
export interface SamplingSettings {
  /** 0 means greedy (argmax). */
  temperature: number;
  /** 0 means no top-k cut. */
  topK: number;
  /** 1 means no nucleus cut. */
  topP: number;
}

/** A candidate in a step's distribution, after temperature, top-k and top-p. */
export interface StepCandidate {
  id: number;
  prob: number;
}

/** One generated token and the distribution it was drawn from. */
export interface GenerationStep {
  /** 0-based step number within the run. */
  index: number;
  tokenId: number;
  /** Probability the sampler gave the chosen token. */
  prob: number;
  /** The most likely candidates of this step's distribution, best first. */
  top: StepCandidate[];
  /** How many tokens had non-zero probability after top-k and top-p. */
  candidates: number;
  /** Wall time of this step's forward pass and sampling, in ms. */
  ms: number;
}

export type GenerationEndReason = 'done' | 'stopped' | 'context-full';

export interface LoadedModel {
  id: string;
  config: GPT2Config;
  backend: BackendName;
  /** Threads of the wasm backend, or null on other backends. */
  threads: number | null;
  totalBytes: number;
  /** Download + upload + warm-up time in ms. */
  ms: number;
}
