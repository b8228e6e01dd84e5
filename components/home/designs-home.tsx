"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { SignOutButton } from "@/components/home/access-controls";
import { BrandMark } from "@/components/icons";
import { ThemeToggle } from "@/components/theme-toggle";
import { ApiError, createDesign, deleteDesign, type DesignSummary } from "@/lib/client/api";
import { emptyDesign, unusedName } from "@/lib/design/commands";
import { EXAMPLES } from "@/lib/design/examples/index";
import { formatProblem, type Problem } from "@/lib/design/validate";
import { formatRelativeTime } from "@/lib/client/format";

interface ImportFailure {
  file: string;
  message: string;
  problems: Problem[];
}

export function DesignsHome({ designs, canSignOut }: { designs: DesignSummary[]; canSignOut: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [examplesOpen, setExamplesOpen] = useState(false);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const now = useNow();

  useEffect(() => {
    if (!examplesOpen) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !menuRef.current?.contains(e.target as Node)) setExamplesOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [examplesOpen]);

  async function open(create: () => Promise<{ id: string }>, file = "") {
    setBusy(true);
    setFailure(null);
    try {
      const created = await create();
      router.push(`/designs/${created.id}`);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) setFailure({ file, message: error.message, problems: error.problems });
      else setFailure({ file, message: error instanceof Error ? error.message : String(error), problems: [] });
    }
  }

  async function onImport(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) {
      setFailure({ file: file.name, message: "The file is larger than 2 MB", problems: [] });
      return;
    }
    const text = await file.text();
    await open(() => createDesign(text), file.name);
  }

  async function onDelete(design: DesignSummary) {
    if (!window.confirm(`Delete “${design.name}” and its history? This cannot be undone.`)) return;
    await deleteDesign(design.id);
    router.refresh();
  }

  return (
    <main className="page">
      <header className="home-header">
        <Link href="/" className="brand">
          <BrandMark /> Quorum Studio
        </Link>
        <div className="home-actions" ref={menuRef}>
          <button className="btn primary" disabled={busy} onClick={() => open(() => createDesign(emptyDesign(unusedName("Untitled design", designs.map((d) => d.name)))))}>
            New design
          </button>
          <button className="btn" disabled={busy} aria-haspopup="menu" aria-expanded={examplesOpen} onClick={() => setExamplesOpen((v) => !v)}>
            New from example ▾
          </button>
          <button className="btn" disabled={busy} onClick={() => fileInput.current?.click()}>
            Import JSON
          </button>
          <ThemeToggle />
          {canSignOut && <SignOutButton />}
          <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Design file to import" onChange={onImport} data-testid="import-file" />
          {examplesOpen && (
            <div className="menu" role="menu" aria-label="Examples">
              {EXAMPLES.map((example) => (
                <button
                  key={example.slug}
                  role="menuitem"
                  onClick={() => {
                    setExamplesOpen(false);
                    void open(() => createDesign({ ...example.design, name: unusedName(example.design.name, designs.map((d) => d.name)) }));
                  }}
                >
                  <strong>{example.title}</strong>
                  <span>{example.blurb}</span>
                </button>
              ))}
            </div>
          )}
        </div>
      </header>
      <p className="home-intro">
        Draw regions, zones and nodes, group replicas into stores, list the operations your system performs — and see what
        each one costs in latency, what it survives, and whether it gets the consistency it needs.
      </p>

      {failure && (
        <section className="problems" role="alert" aria-labelledby="import-problems-title">
          <button className="btn small close" onClick={() => setFailure(null)} aria-label="Dismiss">
            ✕
          </button>
          <h2 id="import-problems-title">{failure.file ? `Could not import ${failure.file}` : "Could not create the design"}</h2>
          <div>{failure.message}{failure.problems.length > 0 && ` — ${failure.problems.length} problem${failure.problems.length === 1 ? "" : "s"}:`}</div>
          {failure.problems.length > 0 && (
            <ul>
              {failure.problems.map((p, i) => (
                <li key={i}>{formatProblem(p)}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {designs.length === 0 ? (
        <div className="empty-state">
          <p>No designs yet.</p>
          <p>Start with <strong>New from example</strong> to see what the studio does, or <strong>New design</strong> to draw your own.</p>
        </div>
      ) : (
        <table className="designs" aria-label="Designs">
          <thead>
            <tr>
              <th>Name</th>
              <th>Verdict</th>
              <th>Nodes</th>
              <th>Last edited</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {designs.map((design) => (
              <tr key={design.id}>
                <td>
                  <Link className="design-link" href={`/designs/${design.id}`}>
                    {design.name}
                  </Link>
                </td>
                <td>
                  {design.verdict && (
                    <span className={`verdict-chip ${design.verdict === "SOUND" ? "ok" : "bad"}`} title={`${design.errors} errors, ${design.warnings} warnings`}>
                      {design.verdict === "SOUND" ? "✔ SOUND" : "✖ NEEDS REVISION"}
                    </span>
                  )}
                </td>
                <td className="num">{design.nodeCount}</td>
                <td>
                  <time suppressHydrationWarning dateTime={design.updatedAt} title={new Date(design.updatedAt).toLocaleString()}>
                    {formatRelativeTime(design.updatedAt, now)}
                  </time>
                </td>
                <td style={{ textAlign: "right" }}>
                  <button className="btn small danger" onClick={() => onDelete(design)} aria-label={`Delete ${design.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** The current time, refreshed each minute (relative times stay right on an open tab). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
