import { notFound } from "next/navigation";
import { BareFlow } from "./bare-flow";

/**
 * The baseline of `npm run bench:browser` (scripts/bench-browser.mjs): React Flow alone with
 * `?nodes=N` plain nodes, to compare the studio canvas's drag frame rate against. Served only
 * when the server was started with QUORUM_BENCH=1 (the benchmark does); a 404 otherwise.
 */
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ nodes?: string }> };

export default async function BenchReactFlowPage({ searchParams }: Props) {
  if (process.env.QUORUM_BENCH !== "1") notFound();
  const n = Number((await searchParams).nodes ?? 100);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) notFound();
  return <BareFlow count={n} />;
}
