/**
 * The trace CLI's intervention flags, read into runtime edits before any model is loaded:
 * --ablate SPEC (with --ablation zero|mean), --scale SPEC=FACTOR, --patch SPEC with
 * --patch-from TEXT, and --attribute TOKEN [--against TOKEN]. The spec form and the range
 * checks are the runtime's (src/model/interventions), so the page gives the same messages.
 */
import type { FlagSpecs, ParsedFlags } from './args';
import { CliError } from './cli-error';
import { type Edit, type EditKind, parseEditSpec } from '../../src/model/interventions/edits';
import { singleTokenId } from '../../src/model/interventions/target-token';

const SPEC = 'HOOK[:head=H][:neuron=N][:pos=P[,Q...]]';

export const editFlags = {
  ablate: { kind: 'strings', help: `ablate a hook: ${SPEC}, e.g. blocks.3.attn.hook_z:head=5` },
  ablation: { kind: 'string', help: 'how --ablate ablates: zero or mean (over positions) (default zero)' },
  scale: { kind: 'strings', help: 'multiply a hook by a factor: SPEC=FACTOR, e.g. blocks.1.hook_mlp_out=0.5' },
  'patch-from': { kind: 'string', help: 'the prompt whose activations --patch copies in' },
  patch: { kind: 'strings', help: `take a hook's values from the --patch-from run: ${SPEC}` },
  attribute: {
    kind: 'string',
    help: 'direct logit attribution of this token (one GPT-2 token, e.g. " Mary") at the last position',
  },
  against: { kind: 'string', help: 'with --attribute: attribute the logit difference TOKEN - this token' },
} as const satisfies FlagSpecs;

export interface CliEdits {
  /** In the order --ablate, --scale, --patch; edits at one hook apply in this order. */
  edits: Edit[];
  patchFrom?: string;
  attribute?: { target: number; against?: number };
}

const usage = (message: string) => new CliError(`${message} (see --help)`, 2);

/** Runs a pure parser, turning its one-line error into a usage error. */
function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw usage((error as Error).message);
  }
}

function scaleEdit(arg: string): Edit {
  const eq = arg.lastIndexOf('=');
  const factor = eq === -1 ? NaN : Number(arg.slice(eq + 1));
  if (eq === -1 || arg.slice(eq + 1).trim() === '' || !Number.isFinite(factor)) {
    throw usage(`--scale needs SPEC=FACTOR with a number as FACTOR, got "${arg}"`);
  }
  return parse(() => parseEditSpec(arg.slice(0, eq), 'scale', factor));
}

export function editsFromFlags(flags: ParsedFlags<typeof editFlags>): CliEdits {
  const ablation = flags.ablation ?? 'zero';
  if (ablation !== 'zero' && ablation !== 'mean') throw usage(`--ablation must be zero or mean, got "${ablation}"`);
  if (flags.ablation !== undefined && flags.ablate === undefined) throw usage('--ablation needs --ablate SPEC');
  if (flags.patch !== undefined && flags['patch-from'] === undefined) throw usage('--patch needs --patch-from TEXT');
  if (flags['patch-from'] !== undefined && flags.patch === undefined) throw usage('--patch-from needs --patch SPEC');
  if (flags['patch-from'] === '') throw usage('the patch source prompt is empty: give some text with --patch-from');
  if (flags.against !== undefined && flags.attribute === undefined) throw usage('--against needs --attribute TOKEN');

  const of = (specs: string[] | undefined, kind: EditKind) =>
    (specs ?? []).map((s) => parse(() => parseEditSpec(s, kind)));
  const edits = [...of(flags.ablate, ablation), ...(flags.scale ?? []).map(scaleEdit), ...of(flags.patch, 'patch')];
  const attribute =
    flags.attribute === undefined
      ? undefined
      : {
          target: parse(() => singleTokenId(flags.attribute as string, '--attribute')),
          against:
            flags.against === undefined ? undefined : parse(() => singleTokenId(flags.against as string, '--against')),
        };
  return { edits, patchFrom: flags['patch-from'], attribute };
}
