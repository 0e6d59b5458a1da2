import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * The edge of the CLI: the only code of fenhuo that touches files, stdin and
 * stdout. The commands get an `Io` and never import node:fs themselves, so the
 * logic stays testable and the library stays pure.
 */

/** Exit codes: 0 done, 1 the input is invalid or unreadable, 2 the command line is wrong. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
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
  /** Whether `path` is a directory (a CSV bundle); false when it does not exist. */
  isDirectory(path: string): Promise<boolean>;
  /** The names of the files in a directory. */
  listFiles(path: string): Promise<string[]>;
  /** Writes a text file (`--out`). Fails with exit code 1. */
  writeText(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The real world: node:fs, process.stdin, process.stdout and process.stderr. */
export function nodeIo(): Io {
  return {
    async readText(path) {
      try {
        if (path === "-") return await readStdin();
        return await readFile(path, "utf8");
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
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
  };
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
  return error instanceof Error ? error.message : String(error);
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
