/// <reference lib="webworker" />
import { analyze } from "../analysis/index";
import type { Design } from "../design/schema";

self.onmessage = (event: MessageEvent<{ id: number; design: Design }>) => {
  self.postMessage({ id: event.data.id, analysis: analyze(event.data.design) });
};
