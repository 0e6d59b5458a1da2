/**
 * `fenhuo example [name] [--out folder]`: the sample inputs the package ships,
 * written where a consumer can run every command on them.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import springWave from "../../examples/data/spring-wave.json" with { type: "json" };
import { nodeIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";
import { type AllocationInput, allocate } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const version = async () => "0";

/** nodeIo with stdout and stderr kept. */
function capturing() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    ...nodeIo(),
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
  };
  return { io, out, err };
}

describe("fenhuo example", () => {
  it("writes every sample into the folder, and allocate runs on what it wrote", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "fenhuo-example-")), "samples");
    const { io, out } = capturing();
    expect(await run(["example", "--out", folder], { io, version })).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([
      "season.json",
      "spring-wave-csv",
      "spring-wave.json",
    ]);
    expect(readdirSync(join(folder, "spring-wave-csv")).sort()).toContain("orders.csv");
    expect(out.join("")).toContain(`${folder}/spring-wave.json`);
    expect(JSON.parse(readFileSync(join(folder, "spring-wave.json"), "utf8"))).toEqual(springWave);
    const plan = join(folder, "plan.json");
    const second = capturing();
    expect(
      await run(["allocate", join(folder, "spring-wave-csv"), "--format", "json", "--out", plan], {
        io: second.io,
        version,
      }),
    ).toBe(0);
    const written = JSON.parse(readFileSync(plan, "utf8"));
    expect(written.planId).toBeDefined();
    expect(written.franchiseeAllocations).toEqual(
      allocate(springWave as AllocationInput).franchiseeAllocations,
    );
  });

  it("one sample by name; an unknown name is a usage error naming the samples", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fenhuo-example-"));
    const { io } = capturing();
    expect(await run(["example", "season", "-o", folder], { io, version })).toBe(0);
    expect(readdirSync(folder)).toEqual(["season.json"]);
    const usage = memoryIo();
    expect(await run(["example", "winter"], { io: usage, version })).toBe(2);
    expect(usage.stderrText()).toContain(
      'no sample "winter": the samples are spring-wave, spring-wave-csv, season',
    );
  });
});
