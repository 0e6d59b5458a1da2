import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finished, pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import type { Progress } from "./progress.js";

/*
 * The edge of the CLI: the only code of fenhuo that touches files, stdin and
 * stdout. The commands get an `Io` and never import node:fs themselves, so the
 * logic stays testable and the library stays pure.
 */

/**
 * Exit codes: 0 done; 1 the input is invalid or unreadable, or the output
 * cannot be written; 2 the command line is wrong; 70 an unexpected error of
 * fenhuo itself (a bug to report; 70 is EX_SOFTWARE of sysexits.h).
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, unexpected: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with an exit code and a message on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** What the commands may do to the world. */
export interface Io {
  /** A text file's content (UTF-8); `-` is stdin. Fails with exit code 1. */
  readText(path: string): Promise<string>;
  /**
   * A file's bytes (`-`: stdin's) in chunks, as they are read: how a JSON
   * input is read, so that one too big for a string can be scanned
   * (R-SCALE-2). Fails like {@link Io.readText}. Without it, JSON inputs are
   * read with `readText`.
   */
  readChunks?(path: string): AsyncIterable<Uint8Array>;
  /** A file's bytes, whole: how a CSV file is read, to be decoded (encoding.ts). Fails like {@link Io.readText}. */
  readBytes?(path: string): Promise<Uint8Array>;
  /**
   * JSON files of more bytes than this are scanned element by element; the
   * default is BIG_JSON_BYTES (256 MiB, jsonRead.ts). Tests set it low.
   */
  readonly bigJsonBytes?: number;
  /** Whether `path` is a directory (a CSV bundle); false when it does not exist. */
  isDirectory(path: string): Promise<boolean>;
  /** The names of the files in a directory. */
  listFiles(path: string): Promise<string[]>;
  /** Writes a text file (`--out`). Fails with exit code 1. */
  writeText(path: string, text: string): Promise<void>;
  /** Makes a folder and the folders above it, when missing. Fails with exit code 1. */
  makeDirectory?(path: string): Promise<void>;
  /**
   * Writes `chunks` one after the other to the file `path` (`--out`), or to
   * stdout when `path` is undefined, pulling the next chunk only when the
   * stream has room for it (R-SCALE-2: the output is never one string). A
   * failed write ends the command with exit code 1 and leaves no partial
   * file; stdout closed by its reader (`fenhuo … | head`) ends the writing
   * quietly.
   */
  writeChunks(path: string | undefined, chunks: Iterable<string>): Promise<void>;
  /**
   * Writes a binary file (`--out F.xlsx`) from `chunks` as they come. A failed
   * write ends the command with exit code 1 and leaves no partial file.
   */
  writeBytes(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where a long command shows how far it got; nothing when absent. */
  readonly progress?: Progress;
  /** Whether stdout is a terminal: progress is then cleared before a plan is printed there. */
  readonly stdoutIsTerminal?: boolean;
}

/** The size of the chunks a file is read in: 1 MiB. */
const READ_CHUNK = 1 << 20;

/** What main.ts knows about the terminal. */
export interface NodeIoOptions {
  readonly progress?: Progress;
  readonly stdoutIsTerminal?: boolean;
}

/** The real world: node:fs, process.stdin, process.stdout and process.stderr. */
export function nodeIo(options: NodeIoOptions = {}): Io {
  return {
    ...options,
    async readText(path) {
      try {
        if (path === "-") return await readStdin();
        return await readFile(path, "utf8");
      } catch (error) {
        throw new CliError(`cannot read ${describe(path)}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async makeDirectory(path) {
      try {
        await mkdir(path, { recursive: true });
      } catch (error) {
        throw new CliError(`cannot make the folder ${path}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async readBytes(path) {
      try {
        return await readFile(path);
      } catch (error) {
        throw new CliError(`cannot read ${describe(path)}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async *readChunks(path) {
      try {
        const stream =
          path === "-" ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK });
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (error) {
        throw new CliError(`cannot read ${describe(path)}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async isDirectory(path) {
      if (path === "-") return false;
      try {
        return (await stat(path)).isDirectory();
      } catch {
        return false;
      }
    },
    async listFiles(path) {
      try {
        const entries = await readdir(path, { withFileTypes: true });
        return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch (error) {
        throw new CliError(`cannot read folder ${path}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async writeText(path, text) {
      try {
        await writeFile(path, text, "utf8");
      } catch (error) {
        throw new CliError(`cannot write ${path}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async writeChunks(path, chunks) {
      if (path === undefined) {
        try {
          await writeAll(process.stdout, chunks);
        } catch (error) {
          // The reader went away (`| head`): what it wanted is written; not a failure.
          if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
          throw new CliError(`cannot write to stdout: ${reason(error)}`, EXIT.invalid);
        }
        return;
      }
      const file = createWriteStream(path);
      try {
        await writeAll(file, chunks);
        file.end();
        await finished(file);
      } catch (error) {
        file.destroy();
        await removePartial(path);
        throw new CliError(`cannot write ${path}: ${reason(error)}`, EXIT.invalid);
      }
    },
    async writeBytes(path, chunks) {
      try {
        await pipeline(chunks, createWriteStream(path));
      } catch (error) {
        await removePartial(path);
        throw new CliError(`cannot write ${path}: ${reason(error)}`, EXIT.invalid);
      }
    },
    stdout: (text) => {
      process.stdout.write(text, (error) => {
        // `fenhuo … | head` closing stdout early is not a failure; a full disk is.
        if (error === undefined || error === null) return;
        if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
        process.stderr.write(`fenhuo: cannot write to stdout: ${reason(error)}\n`);
        process.exitCode = EXIT.invalid;
      });
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
  };
}

/**
 * Writes the chunks to `stream` in order, waiting for "drain" whenever the
 * stream's buffer is full, so that at most a chunk or two is held at a time.
 * Rejects with the stream's error as soon as one is reported.
 *
 * @example
 * ```ts
 * import { writeAll } from "./io.js";
 * const seen: string[] = [];
 * const sink = { write: (chunk: string) => seen.push(chunk) > 0, on() {}, once() {}, removeListener() {} };
 * writeAll(sink as never, ["a", "b"]); // a Promise, settled once the stream took everything
 * seen; // ["a", "b"]
 * ```
 */
export async function writeAll(
  stream: NodeJS.WritableStream,
  chunks: Iterable<string>,
): Promise<void> {
  let failure: unknown;
  let wake: (() => void) | undefined;
  const onError = (error: unknown): void => {
    failure ??= error;
    wake?.();
  };
  stream.on("error", onError);
  try {
    for (const chunk of chunks) {
      if (failure !== undefined) break;
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          stream.once("drain", resolve);
        });
        stream.removeListener("drain", wake as () => void);
        wake = undefined;
        if (failure !== undefined) break;
      }
    }
    // An error of the last write may be reported after it returned.
    if (failure === undefined) await new Promise<void>((resolve) => setImmediate(resolve));
  } finally {
    stream.removeListener("error", onError);
  }
  if (failure !== undefined) throw failure;
}

/** Removes what a failed `--out` left, if it is a plain file: no half-written plan stays behind. */
async function removePartial(path: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) await unlink(path);
  } catch {
    // nothing there, or not ours to remove
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function describe(path: string): string {
  return path === "-" ? "stdin" : path;
}

/** `ENOENT: no such file or directory` rather than the full Node message with the path again. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  if (code === "ENOSPC") return "no space left on device";
  if (code === "EPIPE") return "the reading end was closed (EPIPE)";
  return error instanceof Error ? error.message : String(error);
}

/** The folder of fenhuo's own package.json (above `dist/` when built, `src/cli/` under tsx), if found. */
export async function packageRoot(): Promise<string | undefined> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
      };
      if (manifest.name === "fenhuo") return dir;
    } catch {
      // no package.json here: look one folder up
    }
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * The package's version, from the package.json next to the code: `dist/` when
 * built, `src/cli/` under tsx. "unknown" if none is found.
 */
export async function packageVersion(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "fenhuo" && typeof manifest.version === "string")
        return manifest.version;
    } catch {
      // no package.json here: look one folder up
    }
    dir = dirname(dir);
  }
  return "unknown";
}
