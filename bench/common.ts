/**
 * What the two benchmark drivers (allocate.bench.ts, cli.bench.ts) share: reading
 * sizes from the command line, starting a fresh child process and keeping the tail of
 * its stderr, and formatting figures.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export const MIB = 1024 * 1024;

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A figure with thousands separators and a fixed number of decimals. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function verdict(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}

/** A positive integer from the command line: `1000000`, `1_000_000`, `100k`, `1M`, `1e6`. */
export function positiveInt(text: string | undefined, flag: string): number {
  const match = /^([0-9._e]+)([kKmM]?)$/.exec(text?.trim() ?? "");
  const scale = { "": 1, k: 1e3, m: 1e6 }[match?.[2]?.toLowerCase() ?? ""] ?? 1;
  const value = Number(match?.[1]?.replaceAll("_", "")) * scale;
  if (match === null || !Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${flag} expects a positive integer (1000000, 1M, 100k), got ${text}`);
  return value;
}

/** A list of flags and their values, `--flag value` or `--flag=value`. */
export function* flagsOf(argv: readonly string[]): Generator<[string, () => string | undefined]> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const equals = arg.indexOf("=");
    const flag = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    const inline = flag === arg ? undefined : arg.slice(equals + 1);
    yield [flag, () => inline ?? argv[++i]];
  }
}

/** How a child process ended. */
export interface ChildOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** The last lines of its stderr (which is also forwarded to ours as it comes). */
  readonly stderrTail: string;
  readonly wallMs: number;
}

const TAIL_CHARS = 16_000;

/**
 * Runs `command` in a fresh process, forwarding its stderr live and keeping its tail, and
 * resolves when it ends — never rejects for a failing child (the caller reports it).
 * NODE_OPTIONS is removed from its environment so that no heap flag reaches it unseen.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ChildOutcome> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_OPTIONS;
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: childEnv });
    let stdout = "";
    let tail = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      process.stderr.write(text);
      tail = (tail + text).slice(-TAIL_CHARS);
    });
    const done = (code: number | null, signal: NodeJS.Signals | null, extra = "") =>
      resolve({
        code,
        signal,
        stdout,
        stderrTail: tail + extra,
        wallMs: performance.now() - start,
      });
    child.on("error", (error) => done(null, null, `\n${error.message}`));
    child.on("close", (code, signal) => done(code, signal));
  });
}

/**
 * Why a child failed: its exit code or signal and the end of its stderr — for an out of
 * memory crash, V8's FATAL ERROR line rather than the native stack trace after it.
 */
export function failureOf(outcome: ChildOutcome, lines = 6): string {
  const ended = outcome.signal === null ? `exit ${outcome.code}` : `signal ${outcome.signal}`;
  const how = `${ended} after ${(outcome.wallMs / 1000).toFixed(0)} s`;
  const all = outcome.stderrTail.trimEnd().split("\n");
  const fatal = all.find((line) => /FATAL ERROR|heap out of memory/i.test(line));
  if (fatal !== undefined) return `${how} (out of memory): ${fatal.trim()}`;
  const tail = all.slice(-lines).join("\n    ");
  return `${how}${tail === "" ? "" : `; stderr ends:\n    ${tail}`}`;
}
