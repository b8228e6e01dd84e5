/** The theme's storage key and its boot script: no React here, so the root layout (a server component) can import it. */
export const THEME_KEY = "qs-theme";

/** Runs inline in <head>, before anything paints (no flash of the wrong theme); follows OS changes and other tabs. */
export const THEME_BOOT_SCRIPT = `(()=>{const m=matchMedia("(prefers-color-scheme: dark)");const a=()=>{let c="system";try{c=localStorage.getItem("${THEME_KEY}")||"system"}catch(e){}document.documentElement.dataset.theme=c==="system"?(m.matches?"dark":"light"):c};a();m.addEventListener("change",a);addEventListener("storage",a)})()`;
