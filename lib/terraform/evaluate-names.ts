/**
 * Evaluates the naming expressions of the Terraform track outside Terraform: strings of literal text and
 * `${ref}` or `${replace(ref, "from", "to")}` interpolations, the only forms the modules' names.tf use.
 * Anything else is refused by name, so a name that needs real Terraform cannot pass unnoticed.
 */
export type Lookup = (reference: string) => unknown;

const INTERPOLATION = /\$\{([^}]*)\}/g;
const REPLACE = /^replace\(([\w.]+), "([^"]*)", "([^"]*)"\)$/;
const REFERENCE = /^[\w.-]+$/;

/** The value of one HCL string `template` under `lookup`. */
export function evaluateString(template: string, lookup: Lookup, where: string): string {
  return template.replace(INTERPOLATION, (_, inner: string) => {
    const call = inner.trim().match(REPLACE);
    if (call) {
      const [, reference = '', from = '', to = ''] = call;
      return text(lookup(reference), reference, where).replaceAll(from, to);
    }
    if (REFERENCE.test(inner.trim())) return text(lookup(inner.trim()), inner, where);
    throw new Error(
      `${where}: "\${${inner}}" is not a plain reference or replace(ref, "a", "b"); keep names to those so lib/terraform/parity.test.ts can evaluate them.`,
    );
  });
}

/** Evaluates a string, or each string of a map of strings (a names local). */
export function evaluateNames(value: unknown, lookup: Lookup, where: string): Record<string, string> {
  if (typeof value === 'string') return { '': evaluateString(value, lookup, where) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, evaluateString(String(v), lookup, `${where}.${key}`)]),
    );
  }
  throw new Error(`${where}: expected a string or a map of strings, found ${JSON.stringify(value)}`);
}

function text(value: unknown, reference: string, where: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`${where}: ${reference} has no string value here (found ${JSON.stringify(value)}).`);
}

/** `a.b.c` of a nested object, or undefined. */
export function dig(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );
}
