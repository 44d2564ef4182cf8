// Validation errors name the place in the document the analyst must fix, in
// the notation they read in the editor: `indicators[2].when.values[0]`.

export interface ProfileError {
  path: string;
  message: string;
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && PLAIN_KEY.test(seg)) out += out.length === 0 ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** Collects errors up to a cap, so a hostile document cannot make the report itself huge. */
export class ErrorCollector {
  readonly errors: ProfileError[] = [];
  private dropped = 0;

  constructor(private readonly cap: number) {}

  add(path: readonly PropertyKey[], message: string): void {
    if (this.errors.length < this.cap) this.errors.push({ path: formatPath(path), message });
    else this.dropped++;
  }

  get count(): number {
    return this.errors.length + this.dropped;
  }

  /** The errors, with a last line saying how many were left out. */
  result(): ProfileError[] {
    if (this.dropped === 0) return this.errors;
    return [...this.errors, { path: "", message: `${this.dropped} more errors not shown` }];
  }
}
