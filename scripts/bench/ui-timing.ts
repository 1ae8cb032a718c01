/**
 * In-page timing of an interaction: from the input event's timestamp to the first animation
 * frame after the page stopped changing the watched element (the frame that shows the
 * result). These functions run inside the page (page.evaluate), so they use only the DOM.
 */

export interface Pending {
  /** Resolves with the ms from the event to the frame after the last change, or null if nothing changed. */
  result: Promise<number | null>;
}

/**
 * Arms a measurement on `selector` for the next `eventType` event anywhere on the page;
 * watches for `windowMs` after the event. Stored on window so a later evaluate can await it.
 */
export function armInteraction([selector, eventType, windowMs]: [string, string, number]): void {
  const target = document.querySelector(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  const w = window as unknown as { __benchPending?: Promise<number | null> };
  w.__benchPending = new Promise((resolve) => {
    let start = -1;
    let lastChange = -1;
    const frames: number[] = [];
    const observer = new MutationObserver(() => {
      if (start >= 0) lastChange = performance.now();
    });
    observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
    const frame = (t: number) => {
      frames.push(t);
      if (start >= 0 && performance.now() - start > windowMs) {
        observer.disconnect();
        const shown = frames.find((f) => lastChange >= 0 && f >= lastChange);
        resolve(shown === undefined ? null : shown - start);
      } else requestAnimationFrame(frame);
    };
    document.addEventListener(eventType, (e) => {
      start = e.timeStamp;
      requestAnimationFrame(frame);
    }, { capture: true, once: true });
  });
}

export function awaitInteraction(): Promise<number | null> {
  return (window as unknown as { __benchPending: Promise<number | null> }).__benchPending;
}

/** Records main-thread long tasks from page start (installed with addInitScript). */
export function recordLongTasks(): void {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Long tasks that started between `from` and `to` (performance.now() times). */
export function longTasksBetween([from, to]: [number, number]): { count: number; maxMs: number } {
  const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
    (t) => t.start >= from && t.start <= to,
  );
  return { count: tasks.length, maxMs: Math.max(0, ...tasks.map((t) => t.duration)) };
}
