/**
 * Remembers a function's last arguments and result: calling it again with the same
 * arguments (compared with Object.is) returns the same result object without recomputing.
 * That is what lets a zustand selector derive a new array (e.g. softmax at the current
 * temperature) and still return a stable value between unrelated state changes.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult!: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => Object.is(a, args[i])))
      return lastResult;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}
