/// <reference lib="webworker" />
import { analyze } from "../analysis/index";
import type { Design } from "../design/schema";

self.onmessage = (event: MessageEvent<{ id: number; design: Design }>) => {
  try {
    self.postMessage({ id: event.data.id, analysis: analyze(event.data.design) });
  } catch (error) {
    // The studio shows the error in the console and keeps the last analysis.
    self.postMessage({ id: event.data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
