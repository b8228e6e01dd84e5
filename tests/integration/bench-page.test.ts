/**
 * The bare React Flow page of `npm run bench:browser` (app/bench/react-flow) exists only on a
 * server started with QUORUM_BENCH=1: a studio started as the README says answers 404 there.
 */
import { afterEach, describe, expect, it } from "vitest";
import BenchReactFlowPage from "@/app/bench/react-flow/page";

const nodes = (n: string) => ({ searchParams: Promise.resolve({ nodes: n }) });

afterEach(() => {
  delete process.env.QUORUM_BENCH;
});

describe("the benchmark's baseline page", () => {
  it("is a 404 unless the server was started for the benchmark", async () => {
    await expect(BenchReactFlowPage(nodes("100"))).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    process.env.QUORUM_BENCH = "0";
    await expect(BenchReactFlowPage(nodes("100"))).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });

  it("renders the given number of plain nodes for the benchmark, and refuses absurd counts", async () => {
    process.env.QUORUM_BENCH = "1";
    const element = await BenchReactFlowPage(nodes("500"));
    expect(element.props).toEqual({ count: 500 });
    await expect(BenchReactFlowPage(nodes("1e9"))).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });
});
