/**
 * The colour theme: "system" (follow the OS), "light" or "dark", chosen per browser. The effective
 * theme lives in `<html data-theme="light|dark">`, set before the first paint by THEME_BOOT_SCRIPT
 * (layout.tsx) and kept current here and on OS changes; the CSS and every theme-aware view (the
 * Mermaid diagram, the charts) read it from there.
 */
import { useSyncExternalStore } from "react";
import { THEME_KEY as KEY } from "./theme-boot";

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

export function themeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // private mode: the choice lasts for this page
  }
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

/** Calls `onChange` whenever the effective theme changes (the choice or the OS). */
export function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

export const isDarkTheme = () => document.documentElement.dataset.theme === "dark";

/** Whether the page is dark right now (re-renders on change). */
export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribeTheme, isDarkTheme, () => false);
}

/** The stored choice (re-renders on change). */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribeTheme, themeChoice, () => "system");
}
