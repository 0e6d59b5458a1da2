import type { Issue, Path, Result } from "./issues.js";

/*
 * A `safe…` function never throws, whatever it is given.
 * JSON cannot throw, but a JavaScript value can: a getter that throws, a Proxy
 * whose traps throw, a revoked Proxy. Parsing reads the input as it is, at no
 * cost; only when that reading throws is the input copied here, place by
 * place, into plain data — each place that cannot be read becomes an
 * `unreadable` issue at its path — and the copy parsed instead, so every
 * other problem is still found.
 */

/** Deeper than this, a value is not read on (no JSON input of fenhuo nests so deep). */
const MAX_DEPTH = 64;

/**
 * `parse(input)`, or — when reading `input` throws — `parse` of a plain copy
 * of it, with every place that could not be read as an `unreadable` issue and
 * no other issue under such a place. Never throws (unless `parse` throws on
 * plain data, which is a fault of `parse`). Never mutates `input`. `prefix`
 * is where `input` stands in what `parse` reports (`["arrivals"]` for an
 * argument reported under that name).
 */
export function readSafely<T>(
  input: unknown,
  parse: (input: unknown) => Result<T>,
  prefix: Path = [],
): Result<T> {
  try {
    return parse(input);
  } catch {
    return parseCopy(input, parse, prefix);
  }
}

/** `parse` of a plain copy of `input`: what {@link readSafely} does when reading threw. */
function parseCopy<T>(
  input: unknown,
  parse: (input: unknown) => Result<T>,
  prefix: Path,
): Result<T> {
  const unreadable: Issue[] = [];
  const copy = plainCopy(input, prefix, new Set(), unreadable);
  let parsed: Result<T>;
  try {
    parsed = parse(copy);
  } catch {
    // A value read once may throw the next time (a getter with a counter): say so, at the root.
    parsed = { ok: false, issues: [unreadableAt(prefix, "could not be read the same way twice")] };
  }
  if (unreadable.length === 0) return parsed;
  const inside = (path: Path) => unreadable.some((found) => startsWith(path, found.path));
  const others = parsed.ok ? [] : parsed.issues.filter((found) => !inside(found.path));
  return { ok: false, issues: [...unreadable, ...others] };
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

function unreadableAt(path: Path, why: string): Issue {
  return { path, code: "unreadable", message: `cannot be read: ${why}` };
}

/** What a thrown value says, without trusting it (it may itself throw when read). */
function reason(error: unknown): string {
  try {
    if (error instanceof Error) return `reading it threw ${error.name}`;
  } catch {
    // a Proxy posing as an error
  }
  return "reading it threw";
}

/**
 * A plain copy of `value`: objects and arrays copied own enumerable string key
 * by key (a `__proto__` key stays a key), anything else as it is. A place
 * that throws when read, a cycle, or nesting deeper than {@link MAX_DEPTH} is
 * left out, with an `unreadable` issue at its path.
 */
function plainCopy(value: unknown, path: Path, open: Set<object>, issues: Issue[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (open.has(value)) {
    issues.push(unreadableAt(path, "it contains itself (a cycle), which JSON cannot hold"));
    return undefined;
  }
  if (path.length >= MAX_DEPTH) {
    issues.push(unreadableAt(path, `nested more than ${MAX_DEPTH} levels deep`));
    return undefined;
  }
  let list: boolean;
  let keys: string[];
  try {
    list = Array.isArray(value);
    keys = Object.keys(value);
  } catch (error) {
    issues.push(unreadableAt(path, reason(error)));
    return undefined;
  }
  open.add(value);
  const copy: Record<string, unknown> | unknown[] = list ? [] : {};
  for (const key of keys) {
    const at = list && /^\d+$/.test(key) ? Number(key) : key;
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch (error) {
      issues.push(unreadableAt([...path, at], reason(error)));
      continue;
    }
    Object.defineProperty(copy, key, {
      value: plainCopy(item, [...path, at], open, issues),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  open.delete(value);
  return copy;
}
