// Analysts may write regular expressions; a careless one (`(a+)+$`) would
// let one manifest line stall a scoring worker for minutes (catastrophic
// backtracking). We accept only a subset whose backtracking stays polynomial
// and small, and we bound the text a pattern ever sees.

export const MAX_PATTERN_LENGTH = 200;
/** Text longer than this is cut before matching: it bounds the worst case. */
export const MAX_MATCH_INPUT = 200;
/**
 * Backtracking over k adjacent overlapping wide quantifiers costs about
 * n^(k+1) steps on n characters (V8 measured: `a*a*a*b` on 300 characters
 * takes ~1 s). Two wide quantifiers on 200 characters stay near 10 ms worst case.
 */
const MAX_WIDE_QUANTIFIERS = 2;
/** A counted repeat above this is as costly as an unbounded one. */
const WIDE_REPEAT = 20;
const MAX_REPEAT_COUNT = 100;

interface Frame {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

interface Atom {
  kind: "simple" | "group";
  innerQuantifier: boolean;
  innerAlternation: boolean;
}

const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

/** Undefined when the pattern is safe to compile, else why it is not. */
export function checkSafePattern(pattern: string, flags: string | undefined): string | undefined {
  if (pattern.length === 0) return "pattern is empty";
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (flags !== undefined && flags !== "" && flags !== "i") return "only the flag 'i' is allowed";
  const stack: Frame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let last: Atom | undefined;
  let wide = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? "";
    const frame = stack[stack.length - 1] ?? { hasQuantifier: false, hasAlternation: false };
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k") return "back-references are not allowed";
      last = { kind: "simple", innerQuantifier: false, innerAlternation: false };
      i += 2;
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      if (j >= pattern.length) return "unterminated character class";
      last = { kind: "simple", innerQuantifier: false, innerAlternation: false };
      i = j + 1;
      continue;
    }
    if (c === "(") {
      if (pattern[i + 1] === "?") {
        if (pattern[i + 2] !== ":") return "look-around and named groups are not allowed (only (?:...))";
        i += 3;
      } else {
        i += 1;
      }
      stack.push({ hasQuantifier: false, hasAlternation: false });
      last = undefined;
      continue;
    }
    if (c === ")") {
      if (stack.length <= 1) return "unbalanced ')'";
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.hasQuantifier ||= frame.hasQuantifier;
        parent.hasAlternation ||= frame.hasAlternation;
      }
      last = { kind: "group", innerQuantifier: frame.hasQuantifier, innerAlternation: frame.hasAlternation };
      i += 1;
      continue;
    }
    if (c === "|") {
      frame.hasAlternation = true;
      last = undefined;
      i += 1;
      continue;
    }
    let quantifierLength = 0;
    let max = 1;
    if (c === "*" || c === "+") {
      quantifierLength = 1;
      max = Infinity;
    } else if (c === "?") {
      quantifierLength = 1;
    } else if (c === "{") {
      const m = QUANTIFIER_BRACES.exec(pattern.slice(i));
      if (m !== null) {
        quantifierLength = m[0].length;
        const min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) return `repeat counts above ${MAX_REPEAT_COUNT} are not allowed`;
      }
    }
    if (quantifierLength > 0) {
      if (last === undefined) return "quantifier without anything to repeat";
      if (last.kind === "group" && last.innerQuantifier && max > 1) return "nested quantifiers are not allowed";
      if (last.kind === "group" && last.innerAlternation && max > 1) return "a repeated group may not contain alternatives";
      if (max > WIDE_REPEAT && ++wide > MAX_WIDE_QUANTIFIERS) return `at most ${MAX_WIDE_QUANTIFIERS} wide quantifiers (*, +, {n,} or {n,m} with m > ${WIDE_REPEAT})`;
      frame.hasQuantifier = true;
      i += quantifierLength;
      if (pattern[i] === "?") i += 1; // lazy variant
      last = undefined; // "a**" is a syntax error; a quantifier cannot be quantified
      continue;
    }
    last = { kind: "simple", innerQuantifier: false, innerAlternation: false };
    i += 1;
  }
  if (stack.length !== 1) return "unbalanced '('";
  try {
    new RegExp(pattern, flags ?? "");
  } catch (err) {
    return `invalid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

/** Compiles a pattern already accepted by checkSafePattern into a bounded test. */
export function compileSafePattern(pattern: string, flags: string | undefined): (text: string) => boolean {
  const problem = checkSafePattern(pattern, flags);
  if (problem !== undefined) throw new Error(`unsafe pattern: ${problem}`);
  // Never "g" or "y": those make test() stateful through lastIndex.
  const re = new RegExp(pattern, flags === "i" ? "i" : "");
  return (text) => re.test(text.length > MAX_MATCH_INPUT ? text.slice(0, MAX_MATCH_INPUT) : text);
}
