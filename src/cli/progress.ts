import cliProgress from "cli-progress";

/*
 * Progress on stderr (R-SCALE-2): a long run on a terminal says what it is
 * doing. The commands report stages to a `Progress`; whether anything is shown
 * is decided here, from a clock and the stream that main.ts hands over, so
 * tests drive it with a fake clock and a fake terminal. The drawing is
 * cli-progress's: no escape codes of our own.
 */

/** The stages of `fenhuo allocate`, in order. */
export const STAGES = ["reading", "parsing", "allocating", "writing"] as const;
export type Stage = (typeof STAGES)[number];

/** What a stage shows besides its name. */
export interface StageDetail {
  /** Words after the stage's name: `wave.json`, `1,000,000 order lines`. */
  readonly about?: string;
  /** When known, what the stage counts up to with {@link Progress.advance}: a bar is shown. */
  readonly total?: number;
  /** What is counted (`rows`). */
  readonly unit?: string;
}

/** Where a command reports how far it got. */
export interface Progress {
  /** A stage starts. */
  stage(stage: Stage, detail?: StageDetail): void;
  /** `count` more of the current stage's total are done. */
  advance(count: number): void;
  /** The command is over: the bar, if one is shown, is cleared. Safe to call twice. */
  stop(): void;
}

/**
 * Progress that shows nothing: for a stderr that is not a terminal, and for tests.
 *
 * @example
 * ```ts
 * import { NO_PROGRESS } from "./progress.js";
 * NO_PROGRESS.stage("reading"); // undefined
 * ```
 */
export const NO_PROGRESS: Progress = { stage() {}, advance() {}, stop() {} };

/** A stream cli-progress can draw on, and whether it is a terminal. */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/** How {@link terminalProgress} decides and draws. */
export interface TerminalProgressOptions {
  /** Where the bar goes: process.stderr. Nothing is shown unless it is a terminal. */
  readonly stream: ProgressStream;
  /** Milliseconds on a monotonic clock (`performance.now`); read at the start and at each report. */
  readonly now: () => number;
  /** How long a command runs before the bar appears, in milliseconds (default 1000). */
  readonly delayMs?: number;
}

/**
 * Progress on a terminal: nothing for the first second (`delayMs`) of the
 * command, then one cli-progress line with the stage, a bar and the count when
 * the stage has a total. Nothing at all when the stream is not a terminal.
 * The bar appears at the first report after the delay.
 *
 * @example
 * ```ts
 * import { terminalProgress } from "./progress.js";
 * let clock = 0;
 * const written: string[] = [];
 * const stream = { isTTY: false, write: (text: string) => written.push(text) };
 * const progress = terminalProgress({ stream: stream as never, now: () => clock });
 * clock = 5000;
 * progress.stage("writing", { total: 10, unit: "rows" });
 * progress.stop();
 * written; // []
 * ```
 */
export function terminalProgress(options: TerminalProgressOptions): Progress {
  const { stream, now } = options;
  const start = now();
  const delay = options.delayMs ?? 1000;
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  let current: { stage: Stage; detail: StageDetail; done: number } | undefined;

  const payload = (): LinePayload => ({
    stage: current?.stage ?? "",
    about: current?.detail.about ?? "",
    unit: current?.detail.unit ?? "",
    counted: current?.detail.total !== undefined,
  });
  const show = (): void => {
    if (stopped || current === undefined) return;
    if (bar === undefined) {
      if (stream.isTTY !== true || now() - start <= delay) return;
      bar = new cliProgress.SingleBar({
        stream,
        format: progressLine,
        clearOnComplete: true,
        hideCursor: false,
        fps: 5,
      });
      bar.start(current.detail.total ?? 0, current.done, payload());
      return;
    }
    bar.setTotal(current.detail.total ?? 0);
    bar.update(current.done, payload());
  };

  return {
    stage(stage, detail = {}) {
      current = { stage, detail, done: 0 };
      show();
    },
    advance(count) {
      if (current === undefined) return;
      current.done += count;
      show();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}

/** What the bar's line shows, handed to cli-progress as its payload. */
interface LinePayload {
  readonly stage: string;
  readonly about: string;
  readonly unit: string;
  readonly counted: boolean;
}

/** `fenhuo: writing [=====-----] 52% 520,000/1,000,000 rows` or `fenhuo: allocating 1,000,000 order lines`. */
const progressLine: cliProgress.GenericFormatter = (options, params, payload) => {
  const { stage, about, unit, counted } = payload as LinePayload;
  const words = `fenhuo: ${stage}${about === "" ? "" : ` ${about}`}`;
  if (!counted) return `${words} …`;
  const bar = cliProgress.Format.BarFormat(params.progress, options);
  const percent = Math.floor(params.progress * 100);
  return `${words} [${bar}] ${percent}% ${formatCount(params.value)}/${formatCount(params.total)}${unit === "" ? "" : ` ${unit}`}`;
};

/**
 * `1,000,000`: a count as a person reads it.
 *
 * @example
 * ```ts
 * import { formatCount } from "./progress.js";
 * formatCount(1000000); // "1,000,000"
 * ```
 */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
