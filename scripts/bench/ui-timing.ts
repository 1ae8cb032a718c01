/**
 * In-page timing of an interaction: from the input event's timestamp to the first animation
 * frame after the page shows the result, i.e. after an attribute of the watched element
 * differs from its value when the measurement was armed (the page may keep animating
 * after that; the first frame with the new data is what counts). These functions run inside
 * the page (page.evaluate), so they use only the DOM.
 */

export interface Watch {
  /** Element whose attribute tells that the new result is drawn. */
  selector: string;
  attribute: string;
  /** The event that starts the clock. */
  eventType: string;
  /** Give up after this many ms. */
  timeoutMs: number;
}

/** Arms a measurement for the next `eventType` event; a later evaluate awaits it (awaitInteraction). */
export function armInteraction(watch: Watch): void {
  const read = () => document.querySelector(watch.selector)?.getAttribute(watch.attribute) ?? null;
  const before = read();
  if (before === null) throw new Error(`nothing matches ${watch.selector}[${watch.attribute}]`);
  const w = window as unknown as { __benchPending?: Promise<number | null> };
  w.__benchPending = new Promise((resolve) => {
    let start = -1;
    const observer = new MutationObserver(() => {
      if (start < 0 || read() === before) return;
      observer.disconnect();
      // An animation frame callback runs just before that frame is painted.
      requestAnimationFrame(() => resolve(performance.now() - start));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener(
      watch.eventType,
      (e) => {
        start = e.timeStamp;
        setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, watch.timeoutMs);
      },
      { capture: true, once: true },
    );
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
