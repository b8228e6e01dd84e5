/// <reference lib="webworker" />
import { analyze, type Analysis } from "../analysis/index";
import type { Design } from "../design/schema";
import { PatchReceiver, PatchSender, sameStructure, type Patch } from "./patch";

/** The other side of lib/client/analyzer.ts's channels: designs come in, and analyses go out, as differences. */
const designs = new PatchReceiver<Design>();
const analyses = new PatchSender<Analysis>(sameStructure);

self.onmessage = (event: MessageEvent<{ id: number; design: Patch }>) => {
  const design = designs.receive(event.data.design);
  try {
    self.postMessage({ id: event.data.id, analysis: analyses.send(analyze(design)) });
  } catch (error) {
    // The studio shows the error in the console and keeps the last analysis.
    self.postMessage({ id: event.data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
