#!/usr/bin/env node
/**
 * The `fenhuo` command: `fenhuo allocate | validate | explain | schema`.
 * This file is the only one that touches `process`: it hands the arguments and
 * the real files and streams to `run`, and sets the exit code it returns.
 */
import { performance } from "node:perf_hooks";
import { EXIT, nodeIo, packageVersion } from "./io.js";
import { NO_PROGRESS, terminalProgress } from "./progress.js";
import { run, unexpectedLine } from "./run.js";

// Whatever escapes `run` (it should not): one line, exit code 70, never a stack trace.
const fail = (error: unknown): void => {
  process.stderr.write(`${unexpectedLine(error)}\n`);
  process.exit(EXIT.unexpected);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

// Write errors of stdout are reported where the writing is (io.ts): this
// listener only keeps an "error" event from ending the process with a trace.
process.stdout.on("error", () => {});

// Progress only where a person watches: stderr is a terminal (R-SCALE-2).
const progress = process.stderr.isTTY
  ? terminalProgress({ stream: process.stderr, now: () => performance.now() })
  : NO_PROGRESS;
const io = nodeIo({ progress, stdoutIsTerminal: process.stdout.isTTY === true });
process.exitCode = await run(process.argv.slice(2), { io, version: packageVersion });
