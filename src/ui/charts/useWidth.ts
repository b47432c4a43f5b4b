import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

/** The element's content width in px, kept current with a ResizeObserver. */
export function useWidth<T extends HTMLElement>(fallbackPx = 480): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallbackPx);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(0, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
