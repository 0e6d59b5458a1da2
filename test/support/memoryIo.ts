/**
 * An in-memory `Io` for running the CLI in process: files from a map, the
 * chunks written to stdout and to `--out` files collected, a fake progress
 * that records the stages, and a way to make writing fail.
 */
import { CliError, EXIT, type Io } from "../../src/cli/io.js";
import type { Progress, Stage, StageDetail } from "../../src/cli/progress.js";

export interface MemoryIo extends Io {
  /** Each chunk written to stdout (by `stdout` or `writeChunks`). */
  readonly stdoutChunks: string[];
  readonly stderrText: () => string;
  readonly stdoutText: () => string;
  /** `--out` path → the chunks written there. */
  readonly files: Map<string, string[]>;
  /** `--out` path → the bytes of a binary file written there (an .xlsx). */
  readonly binaries: Map<string, Buffer>;
  /** The stages reported, with their details, and the advances. */
  readonly stages: { stage: Stage; detail: StageDetail | undefined; advanced: number }[];
}

export interface MemoryIoOptions {
  /** Input files by path. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Input files given as bytes (a GBK CSV), by path; read by `readBytes` only. */
  readonly bytes?: Readonly<Record<string, Uint8Array>>;
  /** When set, `writeChunks` throws it after the given number of chunks. */
  readonly failWrite?: { readonly after: number; readonly error: Error };
  readonly stdoutIsTerminal?: boolean;
  /** Folders (CSV bundles) by path: the names of their files (each in `inputs` or `bytes` as `folder/name`). */
  readonly folders?: Readonly<Record<string, readonly string[]>>;
}

export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const stdoutChunks: string[] = [];
  const stderrChunks: string[] = [];
  const files = new Map<string, string[]>();
  const binaries = new Map<string, Buffer>();
  const stages: MemoryIo["stages"] = [];
  const progress: Progress = {
    stage: (stage, detail) => {
      stages.push({ stage, detail, advanced: 0 });
    },
    advance: (count) => {
      const last = stages.at(-1);
      if (last !== undefined) last.advanced += count;
    },
    stop: () => {},
  };
  return {
    stdoutChunks,
    files,
    binaries,
    stages,
    progress,
    ...(options.stdoutIsTerminal === undefined
      ? {}
      : { stdoutIsTerminal: options.stdoutIsTerminal }),
    stderrText: () => stderrChunks.join(""),
    stdoutText: () => stdoutChunks.join(""),
    async readText(path) {
      const text = options.inputs?.[path];
      if (text === undefined) throw new CliError(`cannot read ${path}: no such file`, EXIT.invalid);
      return text;
    },
    async readBytes(path) {
      const bytes = options.bytes?.[path];
      if (bytes !== undefined) return bytes;
      const text = options.inputs?.[path];
      if (text === undefined) throw new CliError(`cannot read ${path}: no such file`, EXIT.invalid);
      return new TextEncoder().encode(text);
    },
    async isDirectory(path) {
      return options.folders?.[path] !== undefined;
    },
    async listFiles(path) {
      return [...(options.folders?.[path] ?? [])];
    },
    async writeText(path, text) {
      files.set(path, [text]);
    },
    async writeChunks(path, chunks) {
      const target = path === undefined ? stdoutChunks : [];
      if (path !== undefined) files.set(path, target);
      for (const chunk of chunks) {
        if (options.failWrite !== undefined && target.length >= options.failWrite.after) {
          throw options.failWrite.error;
        }
        target.push(chunk);
      }
    },
    async writeBytes(path, chunks) {
      const parts: Buffer[] = [];
      for await (const chunk of chunks) parts.push(Buffer.from(chunk));
      binaries.set(path, Buffer.concat(parts));
    },
    stdout: (text) => {
      stdoutChunks.push(text);
    },
    stderr: (text) => {
      stderrChunks.push(text);
    },
  };
}
