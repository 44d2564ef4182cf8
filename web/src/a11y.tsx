// Accessibility pieces of the officer's screens: a wide table scrolls
// sideways inside its own labelled region, never the page (while it
// overflows, the region takes keyboard focus so the arrow keys scroll it);
// a status line that is in the page before its message, so screen readers
// announce the message when it appears.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function ScrollRegion({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    check();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="scroll" role="region" aria-label={label} tabIndex={overflowing ? 0 : undefined} data-testid={testId}>
      {children}
    </div>
  );
}

/** A polite live region, always rendered (empty when there is nothing to say). */
export function StatusLine({ message }: { message: string | null | undefined }) {
  return (
    <p className="notice" role="status">
      {message ?? ""}
    </p>
  );
}
