/** What a revoked, expired or mistyped review link shows: nothing about any design. */
export default function ReviewLinkNotFound() {
  return (
    <main className="page narrow">
      <h1>This review link does not work</h1>
      <p>It may have been revoked or have expired, or the address is incomplete. Ask the person who shared the design for a new link.</p>
    </main>
  );
}
