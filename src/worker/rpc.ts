/**
 * A small typed RPC between the page and the model worker. An API is one object of methods
 * (src/worker/api.ts): each method is a handler that runs in the worker and a scheduling
 * policy. The messages, the host's dispatch (host.ts) and the client's methods (client.ts)
 * are all derived from that object's type, so a method is written once.
 *
 * Why not Comlink: the page needs more than calls. A new prompt must drop queued work for the
 * old one and answer it "cancelled", follow-ups for a replaced trace must be answered
 * "stale", one request may stream events (load progress, generated tokens) before its
 * result, a crashed worker must fail what is waiting and be replaced with the same model
 * loaded, and results must be transferred, not copied. Comlink gives plain calls and would
 * need all of that built beside it; here it is the layer itself, in about 200 lines.
 */

/** 'crashed': the worker died before answering (set by the client, never sent by the host). */
export type ErrorCode = 'cancelled' | 'stale' | 'no-model' | 'bad-request' | 'failed' | 'crashed';

export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For 'crashed': why the worker stopped, in one line (the message says it too). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/**
 * How the host queues a method's requests (the model runs one job at a time):
 * - replaces: a new model; drops queued trace work, ends running jobs at their next turn;
 * - trace: a new trace; drops queued trace work; its request id names the trace;
 * - followUp: work on a trace named by the first argument; dropped by a newer trace, and
 *   answered "stale" when it runs after one;
 * - queued: anything else, in order (`endsWithTrace` makes a newer trace end one).
 */
export type Schedule = 'replaces' | 'trace' | 'followUp' | 'queued';

/** What a handler can do besides computing its result. */
export interface CallContext<Event> {
  /** The request's id (a trace's id names it in follow-ups). */
  readonly id: number;
  /** Sends an event (progress, a partial result) ahead of the result. */
  emit(event: Event): void;
  /** True once the client cancelled this request, or a new model replaced it. */
  cancelled(): boolean;
  /** Lets queued requests (a newer prompt, a cancel) run first; resumes in the queue's turn. */
  nextTurn(): Promise<void>;
}

export interface MethodSpec<Ctx, Args extends unknown[], Result, Event> {
  schedule: Schedule;
  /** Send the result by copy: the worker keeps it (default: its typed arrays are transferred). */
  keepsResult?: boolean;
  /** The client replays this method's last success to a fresh worker after a crash (the model load). */
  replayAfterCrash?: boolean;
  /**
   * A newer trace ends it: dropped while it waits, cancelled (ctx.cancelled()) while it runs. For
   * long 'queued' work that the page has no use for once the person moves on (a patching sweep);
   * the worker stops it itself, so a trace never waits behind it whatever the page remembers to cancel.
   */
  endsWithTrace?: boolean;
  run(ctx: Ctx & CallContext<Event>, ...args: Args): Promise<Result>;
}

// `any` here only widens the constraint; each method keeps its exact types through inference.
export type AnyMethod<Ctx> = MethodSpec<Ctx, any[], any, any>;
export type Api<Ctx> = Record<string, AnyMethod<Ctx>>;

export type ArgsOf<M> = M extends MethodSpec<never, infer A, unknown, unknown> ? A : never;
export type ResultOf<M> = M extends MethodSpec<never, unknown[], infer R, unknown> ? R : never;
export type EventOf<M> = M extends MethodSpec<never, unknown[], unknown, infer E> ? E : never;

/** A method's spec with its event type declared and its arguments and result inferred from run(). */
export const method =
  <Ctx, Event = never>() =>
  <Args extends unknown[], Result>(spec: MethodSpec<Ctx, Args, Result, Event>) =>
    spec;

export type Request<A> =
  | { [K in keyof A & string]: { id: number; method: K; args: ArgsOf<A[K]> } }[keyof A & string]
  /** Ends a running request at its next turn (a generation after its current token). */
  | { id: number; method: 'cancel'; target: number };

export type Response =
  | { id: number; type: 'event'; value: unknown }
  /** replay: the method has replayAfterCrash (the client keeps the request for a fresh worker). */
  | { id: number; type: 'result'; value: unknown; replay?: true }
  /** A one-line message for people; never a stack trace. */
  | { id: number; type: 'error'; code: ErrorCode; message: string };

/** The client's view of a method: its arguments, then an event listener if it has events. */
export type ClientMethod<M> = [EventOf<M>] extends [never]
  ? (...args: ArgsOf<M>) => Promise<ResultOf<M>>
  : (...args: [...ArgsOf<M>, onEvent?: (event: EventOf<M>) => void]) => Promise<ResultOf<M>>;

export type ClientMethods<A> = { [K in keyof A]: ClientMethod<A[K]> };

/** One request in flight: its id (to cancel it) and its result. */
export interface Call<R> {
  id: number;
  result: Promise<R>;
}
