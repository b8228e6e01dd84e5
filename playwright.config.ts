import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const dataRoot = port === 3100 ? ".e2e-data" : `.e2e-data-${port}`;
const dataDir = `${dataRoot}/pglite`;
/** The owner's signed-in browser state, written by e2e/sign-in.setup.ts. */
export const ownerState = `${dataRoot}/owner-state.json`;

/**
 * Browser tests in Debian's Chromium at /usr/bin/chromium (Playwright's own browser download is
 * never used: these machines reach only the npm registry and Debian). The server is the production build on a throwaway PGlite directory,
 * started the way the README's run command starts it: private, with a generated owner key. The
 * "sign-in" project signs in once with the link the server prints; the tests reuse that session.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "sign-in", testMatch: /sign-in\.setup\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
    { name: "chromium", dependencies: ["sign-in"], use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, storageState: ownerState } },
  ],
  webServer: {
    command: `rm -rf ${dataRoot} && DATA_DIR=${dataDir} npm run db:migrate && DATA_DIR=${dataDir} npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    // Started as the README starts it: no owner key given, so the server generates one.
    env: { QUORUM_OWNER_KEY: "", QUORUM_OPEN: "", QUORUM_ALLOWED_HOSTS: "" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
