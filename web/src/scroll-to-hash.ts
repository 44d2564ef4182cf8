// A link to a part of a screen (/units/X/shipments/ID#seizures-h): the
// browser jumps to the #hash when the URL changes, before the screen's data
// and so its target are there, and the shell then starts the new screen at
// its top. The screen calls this with `ready` once the content above the
// target has loaded (so nothing pushes it down afterwards): the page then
// scrolls to the target and focus moves to it, once per visit.
import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

export function useScrollToHash(ready: boolean): void {
  const { hash, key } = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || hash.length < 2 || done.current === key) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    done.current = key;
    target.scrollIntoView({ block: "start" });
    // A heading takes focus with tabIndex -1: keyboard and screen-reader users continue from it.
    target.focus({ preventScroll: true });
  }, [ready, hash, key]);
}
