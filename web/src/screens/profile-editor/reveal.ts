// "Go to the field" for a form path the page may not show yet: an indicator
// past the ones listed, a table entry on another page of its table. The
// part of the form that holds the path takes the event (preventDefault),
// brings the field into view and focuses it; otherwise the input is focused
// where it is.
import { inputId } from "../../profile-errors.js";

export const REVEAL_EVENT = "pe-reveal";

/** Focuses the input of a form path, or the first input inside it (an indicator → its code). */
function focusInput(path: string): void {
  const id = inputId(path);
  const element = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${id}"]:is(input, select, textarea)`);
  element?.focus();
}

export function revealPath(path: string): void {
  const taken = !document.dispatchEvent(new CustomEvent<string>(REVEAL_EVENT, { detail: path, cancelable: true }));
  if (!taken) focusInput(path);
}

/** The path of a reveal event. */
export const revealedPath = (event: Event): string | null => (event instanceof CustomEvent && typeof event.detail === "string" ? event.detail : null);
