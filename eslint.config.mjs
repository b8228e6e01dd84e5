import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Modules the pure core (format, engine, Mermaid, export) must never import. */
const uiAndDb = [
  { name: "react", message: "lib/design, lib/analysis, lib/mermaid, lib/export and lib/review are pure: no React." },
  { name: "react-dom", message: "The pure core has no DOM." },
  { name: "zustand", message: "State lives in lib/store, not in the pure core." },
  { name: "@prisma/client", message: "Persistence lives in lib/server." },
];
const uiAndDbPatterns = [
  { group: ["next", "next/*"], message: "The pure core runs in the CLI and workers too: no Next." },
  { group: ["@xyflow/*", "zustand/*", "@prisma/*", "react/*", "**/server/*", "**/store/*", "**/generated/*"], message: "The pure core imports no UI, store or database code." },
  { group: ["**/client/*", "@/lib/client/*", "@/components/*", "**/components/*"], message: "The pure core runs in Node and in workers: no browser-side modules or components." },
  { group: ["node:*", "fs", "path", "os", "child_process", "worker_threads"], message: "The pure core runs in the browser too: no Node built-ins (file and process work belongs to lib/server or lib/cli)." },
];
/** Browser and process globals the pure core must not touch (it runs in Node, workers and the page). */
const impureGlobals = ["window", "document", "localStorage", "sessionStorage", "navigator", "location", "fetch", "process", "Buffer"].map((name) => ({
  name,
  message: "lib/design, lib/analysis, lib/mermaid, lib/export and lib/review are pure: pass what you need in as data.",
}));

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", ".e2e-data-*/**", "node_modules/**", "lib/server/generated/**", "data/**", ".e2e-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["error", "warn"] }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    files: ["lib/design/**", "lib/analysis/**", "lib/mermaid/**", "lib/export/**", "lib/review/**", "lib/charts/**", "lib/collab/**"],
    ignores: ["**/*.test.ts", "lib/design/testing/**"],
    rules: { "no-restricted-imports": ["error", { paths: uiAndDb, patterns: uiAndDbPatterns }], "no-restricted-globals": ["error", ...impureGlobals] },
  },
  {
    // Canvas view-models (design + analysis → React Flow nodes, edges, badges): data only, types from
    // React Flow, no React, store, server or browser.
    files: ["lib/canvas/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: uiAndDb,
          patterns: uiAndDbPatterns.filter((p) => !p.group.includes("@xyflow/*")).concat([{ group: ["zustand/*", "@prisma/*", "react/*", "**/server/*", "**/store/*", "**/generated/*"], message: "Canvas view-models are data: no store, UI or database code." }]),
        },
      ],
      "no-restricted-globals": ["error", ...impureGlobals],
    },
  },
  {
    files: ["scripts/**", "bin/**", "tests/**", "e2e/**"],
    rules: { "no-console": "off" },
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly" } },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", fetch: "readonly" } },
  },
  {
    // Runs code inside the page through page.evaluate.
    files: ["scripts/measure-edit-latency.mjs"],
    languageOptions: {
      globals: { window: "readonly", document: "readonly", performance: "readonly", MutationObserver: "readonly", requestAnimationFrame: "readonly", setTimeout: "readonly" },
    },
  },
);
