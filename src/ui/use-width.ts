/**
 * The content width of an element, kept current with a ResizeObserver, so charts fit 375 px phones and wide screens
 * alike.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The width to use after a measurement: the measured width, rounded down; a zero width (the
 * element hidden or not laid out yet) keeps the previous one instead of jumping to a wide
 * default, which would draw a chart wider than a phone screen.
 */
export const nextWidth = (measured: number, previous: number): number =>
  measured > 0 ? Math.floor(measured) : previous;

export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth((w) => nextWidth(el.clientWidth, w));
    const observer = new ResizeObserver(([entry]) => setWidth((w) => nextWidth(entry.contentRect.width, w)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}
