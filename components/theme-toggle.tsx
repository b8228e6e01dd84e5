"use client";

import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from "@/lib/client/theme";

const LABELS: Record<ThemeChoice, { icon: string; text: string }> = {
  system: { icon: "◐", text: "System" },
  light: { icon: "☀", text: "Light" },
  dark: { icon: "☾", text: "Dark" },
};

/** System → light → dark: one button that says what it is set to and what a click does. */
export function ThemeToggle() {
  const choice = useThemeChoice();
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length];
  return (
    <button
      type="button"
      className="btn icon theme-toggle"
      aria-label={`Colour theme: ${LABELS[choice].text}`}
      title={`Colour theme: ${LABELS[choice].text} (click for ${LABELS[next].text.toLowerCase()})`}
      data-testid="theme-toggle"
      onClick={() => setThemeChoice(next)}
    >
      <span aria-hidden="true">{LABELS[choice].icon}</span>
    </button>
  );
}
