// Use case: check a profile document without saving it, for the editor.
// A document is an answer here, not an error: 200 with every path to fix.
import { validateProfile } from "../../profiling/dsl/validate.js";

export function validateDefinition(definition: unknown): { valid: boolean; errors: { path: string; message: string }[]; indicators: number | null } {
  const checked = validateProfile(definition);
  if (checked.ok) return { valid: true, errors: [], indicators: checked.profile.indicators.length };
  return { valid: false, errors: checked.errors, indicators: null };
}
