import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("async-data-loss", () => {
  it("warns on every primary-async store", () => {
    expect(findingsOf("async-data-loss", oneStore({ n: 2, replication: "primary-async", store: { fencing: true } }))).toMatchObject([{ severity: "warning", target: "s" }]);
  });
  it("is silent for synchronous replication", () => {
    expect(findingsOf("async-data-loss", oneStore({ n: 2, replication: "primary-sync", store: { fencing: true } }))).toEqual([]);
  });
});
