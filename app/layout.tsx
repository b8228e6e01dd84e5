import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "@xyflow/react/dist/style.css";
import { THEME_BOOT_SCRIPT } from "@/lib/client/theme-boot";
import "./globals.css";

const DESCRIPTION = "Design distributed systems with the math on the drawing: quorums, CAP/PACELC, latency, availability.";

/** Absolute URLs (the Open Graph image) name the host the request came to; proxy.ts only lets known hosts in. */
export async function generateMetadata(): Promise<Metadata> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return {
    metadataBase: new URL(`${proto}://${host}`),
    title: { default: "Quorum Studio", template: "%s · Quorum Studio" },
    description: DESCRIPTION,
    manifest: "/manifest.webmanifest",
    icons: { apple: "/icons/apple-touch-icon.png" },
    openGraph: { type: "website", siteName: "Quorum Studio", title: "Quorum Studio", description: DESCRIPTION, images: [{ url: "/og.png", width: 1200, height: 630 }] },
    twitter: { card: "summary_large_image" },
  };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request renders every page per request, so each carries its own CSP nonce (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script sets data-theme on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
