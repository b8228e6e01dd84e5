import type { Metadata } from "next";
import { cache } from "react";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { loadOr404 } from "@/lib/server/pages";
import { openReview } from "@/lib/server/review";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** One lookup per request, shared by the metadata and the page. */
const load = cache((token: string) => loadOr404(() => openReview(getDb(), token)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load((await params).token);
  // The tab names the design; the card a pasted link unfolds into (Open Graph) is generic: a link
  // preview must not reveal what is being reviewed.
  return {
    title: `Review: ${view.name}`,
    robots: { index: false, follow: false },
    referrer: "no-referrer",
    openGraph: {
      type: "website",
      siteName: "Quorum Studio",
      title: "Design review",
      description: "A read-only design review in Quorum Studio: open the link to see the topology and its analysis.",
      images: [{ url: "/og.png", width: 1200, height: 630, alt: "Quorum Studio" }],
    },
  };
}

/** The review page: the whole studio, read-only, for whoever holds the link. */
export default async function ReviewPage({ params }: Props) {
  const { token } = await params;
  const view = await load(token);
  return (
    <Studio
      init={{
        designId: "",
        design: view.document,
        version: view.version,
        viewer: { kind: "reviewer", token, pinned: view.pinned, expiresAt: view.link.expiresAt },
      }}
    />
  );
}
