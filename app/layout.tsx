import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "@xyflow/react/dist/style.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Quorum Studio", template: "%s · Quorum Studio" },
  description: "Design distributed systems with the math on the drawing: quorums, CAP/PACELC, latency, availability.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request renders every page per request, so each carries its own CSP nonce (proxy.ts).
  await headers();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
