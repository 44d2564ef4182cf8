// Accessibility pieces of the officer's screens: a wide table scrolls
// sideways inside its own labelled region, never the page (while it
// overflows, the region takes keyboard focus so the arrow keys scroll it);
// live regions (status lines, error alerts) that are in the page before their
// message, so screen readers announce the message when it appears; the
// document title following the screen's heading.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { pageTitle } from "./page-state.js";

/** Whether the box is narrower than what it holds (followed as either is resized), when asked to watch. */
export function useOverflowing(ref: RefObject<HTMLDivElement | null>, watch: boolean): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!watch || !element) return;
    const check = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    check();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref, watch]);
  return watch && overflowing;
}

export function ScrollRegion({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(ref, true);
  return (
    <div ref={ref} className="scroll" role="region" aria-label={label} tabIndex={overflowing ? 0 : undefined} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * How long a live region is in the page, empty, before its content goes in:
 * screen readers announce changes to regions they already track, not a region
 * that arrives together with its text.
 */
export const ANNOUNCE_DELAY_MS = 120;

/** False until the component has been mounted for ANNOUNCE_DELAY_MS. */
export function useRegionReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setReady(true), ANNOUNCE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return ready;
}

/**
 * A live region that renders empty and fills in once it is in the page, so
 * its message is announced even when the region and the message appear at
 * once ({error && <LiveRegion .../>}). Later changes are announced as usual.
 */
export function LiveRegion({ role, className, children, as = "div", testId }: { role: "status" | "alert"; className?: string; children: ReactNode; as?: "div" | "p"; testId?: string }) {
  const ready = useRegionReady();
  const Tag = as;
  return (
    <Tag className={className} role={role} data-testid={testId}>
      {ready ? children : null}
    </Tag>
  );
}

/** A polite live region, always rendered (empty when there is nothing to say). */
export function StatusLine({ message }: { message: string | null | undefined }) {
  return (
    <LiveRegion role="status" as="p" className="notice">
      {message ?? ""}
    </LiveRegion>
  );
}

/**
 * Keeps document.title on "<the h1 inside #main> | <appName>" as screens
 * change, load and switch language; `fallback` names the screen until its
 * heading is there (while it loads).
 */
export function useDocumentTitle(fallback: string, appName: string): void {
  useEffect(() => {
    const main = document.getElementById("main");
    const apply = () => {
      const heading = main?.querySelector("h1")?.textContent;
      const next = pageTitle(heading || fallback, appName);
      if (document.title !== next) document.title = next;
    };
    apply();
    if (!main || typeof MutationObserver === "undefined") return;
    const observer = new MutationObserver(apply);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [fallback, appName]);
}
