import { useEffect, useRef, useState, type ReactNode } from 'react';

const PAGE = 120;

/**
 * Renders a long list a page at a time: more cards are added when the end comes into view, so a
 * library of thousands of titles stays quick on a small device.
 */
export function GrowingGrid<T>({ items, render, resetKey }: { items: T[]; render: (item: T) => ReactNode; resetKey: string }) {
  const [count, setCount] = useState(PAGE);
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => setCount(PAGE), [resetKey]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || count >= items.length || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setCount((c) => c + PAGE);
      },
      { rootMargin: '600px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [count, items.length]);

  return (
    <>
      <div className="grid">{items.slice(0, count).map(render)}</div>
      {count < items.length && <div ref={sentinel} className="grid-sentinel" aria-hidden="true" />}
    </>
  );
}
