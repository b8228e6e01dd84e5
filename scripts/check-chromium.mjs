// Browser tests need Debian's Chromium; say how to get it instead of failing obscurely.
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(`Chromium not found at ${path}.
The browser tests run in Debian's Chromium (Playwright's own browser download is not used).
Install it with:   sudo apt-get install -y chromium
or point CHROMIUM_PATH at another Chromium/Chrome binary.`);
  process.exit(1);
}
