#!/usr/bin/env node
/**
 * The `fenhuo` command: `fenhuo allocate | validate | explain | schema`.
 * This file is the only one that touches `process`: it hands the arguments and
 * the real files and streams to `run`, and sets the exit code it returns.
 */
import { nodeIo, packageVersion } from "./io.js";
import { run } from "./run.js";

// `fenhuo allocate … | head` closes stdout early: that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

try {
  process.exitCode = await run(process.argv.slice(2), { io: nodeIo(), version: packageVersion });
} catch (error) {
  // Not a problem of the input or the command line: a bug of fenhuo.
  process.stderr.write(
    `fenhuo: unexpected error — please report it\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
