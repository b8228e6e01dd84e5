// Renders the static images in public/ from the brand mark with Debian's Chromium:
//   node scripts/render-public-assets.mjs
// Icons for the web manifest and Apple devices, and the Open Graph card a pasted review link
// shows: generic on purpose — it reveals nothing of any design.
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const mark = readFileSync("app/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();

for (const size of [180, 192, 512]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0">${mark.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: size === 180 ? "public/icons/apple-touch-icon.png" : `public/icons/icon-${size}.png`, omitBackground: true });
}

await page.setViewportSize({ width: 1200, height: 630 });
await page.setContent(`<html><body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;justify-content:center;
  background:linear-gradient(135deg,#f5f7fb,#e3e9fb);font-family:'DejaVu Sans',sans-serif;color:#1b2233">
  <div style="display:flex;flex-direction:column;align-items:center;gap:28px">
    ${mark.replace("<svg ", '<svg width="140" height="140" ')}
    <div style="font-size:64px;font-weight:700;letter-spacing:-1px">Quorum Studio</div>
    <div style="font-size:30px;color:#4a5570">A design review: the topology, with the math on the drawing</div>
  </div></body></html>`);
await page.screenshot({ path: "public/og.png" });
await browser.close();
console.log("wrote public/icons/*.png and public/og.png");
