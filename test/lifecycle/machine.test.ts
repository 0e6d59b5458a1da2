import { describe, expect, it } from "vitest";
import { LIFECYCLE } from "../../src/index.js";

describe("the machine as data", () => {
  it("declares every event's allowed states and target", () => {
    expect(Object.keys(LIFECYCLE.events)).toHaveLength(18);
    expect(LIFECYCLE.events.cancel.from).toEqual([
      "received",
      "verified",
      "approved",
      "fulfilling",
    ]);
  });
});
