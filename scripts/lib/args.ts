/**
 * A small, strict argument parser. Unlike node:util's parseArgs, a value flag always takes
 * the next argument as its value (so `--text "-hi"` and `--tokens -5` reach validation and get
 * a precise message), and every problem becomes a one-line CliError.
 */
import { CliError } from './cli-error';

/** 'strings' is a repeatable string flag: each use adds a value. */
export type FlagKind = 'string' | 'number' | 'boolean' | 'strings';

export interface FlagSpec {
  kind: FlagKind;
  /** Shown by --help. */
  help: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

type Value<K extends FlagKind> = K extends 'string'
  ? string
  : K extends 'number'
    ? number
    : K extends 'strings'
      ? string[]
      : boolean;

export type ParsedFlags<S extends FlagSpecs> = { [F in keyof S]?: Value<S[F]['kind']> };

const usageError = (message: string) => new CliError(`${message} (see --help)`, 2);

function parseNumber(flag: string, raw: string): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw usageError(`--${flag} needs a number, got "${raw}"`);
  return value;
}

export function parseFlags<S extends FlagSpecs>(argv: readonly string[], specs: S): ParsedFlags<S> {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw usageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) throw usageError(`unknown flag --${name}`);
    if (name in out && spec.kind !== 'strings') throw usageError(`--${name} given twice`);
    if (spec.kind === 'boolean') {
      if (eq !== -1) throw usageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let raw: string;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length) raw = argv[++i];
    else throw usageError(`--${name} needs a value`);
    if (spec.kind === 'strings') out[name] = [...((out[name] as string[] | undefined) ?? []), raw];
    else out[name] = spec.kind === 'number' ? parseNumber(name, raw) : raw;
  }
  return out as ParsedFlags<S>;
}

/** A whole number at least `min`, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw usageError(`--${flag} must be a whole number >= ${min}, got ${value}`);
  }
  return value;
}

export function usage(command: string, summary: string, specs: FlagSpecs): string {
  const width = Math.max(...Object.keys(specs).map((f) => f.length)) + 2;
  const lines = Object.entries(specs).map(([flag, spec]) => {
    const value = spec.kind === 'boolean' ? '' : ` ${spec.kind === 'number' ? 'N' : 'VALUE'}`;
    const again = spec.kind === 'strings' ? ' (repeatable)' : '';
    return `  ${`--${flag}${value}`.padEnd(width + 8)}${spec.help}${again}`;
  });
  return `${summary}\n\nusage: npm run ${command} -- [flags]\n\n${lines.join('\n')}\n`;
}

/** Parses a command's flags; with --help prints its usage instead and returns undefined. */
export function parseCommand<S extends FlagSpecs>(
  command: string,
  summary: string,
  specs: S,
): ParsedFlags<S> | undefined {
  const args = parseFlags(process.argv.slice(2), specs);
  if (!('help' in args && args.help)) return args;
  process.stdout.write(usage(command, summary, specs));
  return undefined;
}
