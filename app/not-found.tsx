import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page narrow">
      <h1>Not found</h1>
      <p>There is no design at this address. It may have been deleted, or the link is incomplete.</p>
      <p>
        <Link href="/">Back to your designs</Link>
      </p>
    </main>
  );
}
