/**
 * How app instances tell each other about live sessions (docs/adr/0007-live-sessions.md).
 *
 * On a PostgreSQL server: LISTEN/NOTIFY on one channel, over a dedicated connection (a pooled one
 * may be handed to someone else between notifications). An update's notification is sent inside
 * the transaction that stores it, so it is delivered exactly when the update is durable. Presence
 * travels in the notification itself (it is small and never stored). On PGlite — one process by
 * construction — an in-process emitter does the same job.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Peer } from "../collab/protocol";

export const CHANNEL = "quorum_live";
/** This process, so it can skip its own notifications. */
export const INSTANCE = randomUUID();

export type BusMessage =
  | { kind: "update"; design: string; seq: number; from: string; instance: string }
  | { kind: "presence"; design: string; peer: Peer; left?: boolean; instance: string }
  | { kind: "version"; design: string; version: number; instance: string }
  | { kind: "kick"; conn: string; code: string; message: string; instance: string }
  /** The listener reconnected: notifications may have been missed, so every room catches up. */
  | { kind: "resync"; instance: string };

export interface Bus {
  /** True when other processes may exist (PostgreSQL); notifications of updates are then sent in SQL. */
  readonly shared: boolean;
  /** To this process's listeners and, when shared, to the other processes. */
  publish(message: BusMessage): Promise<void>;
  /** To this process's listeners only (the others heard it from the transaction's NOTIFY). */
  emitLocal(message: BusMessage): void;
  subscribe(listener: (message: BusMessage) => void): () => void;
}

class LocalBus implements Bus {
  readonly shared: boolean = false;
  protected readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(message: BusMessage): Promise<void> {
    this.emitLocal(message);
  }
  emitLocal(message: BusMessage): void {
    this.emitter.emit("message", message);
  }
  subscribe(listener: (message: BusMessage) => void): () => void {
    this.emitter.on("message", listener);
    return () => this.emitter.off("message", listener);
  }
}

/** NOTIFY's payload limit is 8000 bytes; presence is validated far below it. */
const MAX_PAYLOAD = 7900;

class PostgresBus extends LocalBus {
  override readonly shared = true;
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 250;

  constructor(private readonly url: string) {
    super();
    void this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
      client.on("notification", (n) => {
        if (n.channel !== CHANNEL || !n.payload) return;
        try {
          const message = JSON.parse(n.payload) as BusMessage;
          // This process delivered its own messages already.
          if (message.instance !== INSTANCE) this.emitter.emit("message", message);
        } catch {
          // Not ours.
        }
      });
      const lost = () => {
        if (this.client !== client) return;
        this.client = null;
        client.end().catch(() => {});
        setTimeout(() => void this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      };
      client.on("error", lost);
      client.on("end", lost);
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        const reconnected = this.client === null && this.retryMs > 250;
        this.client = client;
        this.retryMs = 250;
        if (reconnected) this.emitter.emit("message", { kind: "resync", instance: INSTANCE } satisfies BusMessage);
      } catch (error) {
        console.error("live: cannot listen for other instances' updates; retrying", error instanceof Error ? error.message : error);
        client.end().catch(() => {});
        setTimeout(() => void this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  override async publish(message: BusMessage): Promise<void> {
    // Deliver here at once; other processes hear it through PostgreSQL.
    this.emitter.emit("message", message);
    const payload = JSON.stringify(message);
    if (payload.length > MAX_PAYLOAD) return;
    if (!this.client) await this.connect();
    await this.client?.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]).catch((error: unknown) => {
      console.error("live: notify failed", error instanceof Error ? error.message : error);
    });
  }
}

const globalForBus = globalThis as unknown as { quorumLiveBus?: Bus };

/** The process's bus (one for every route bundle, like the database client). */
export function getBus(): Bus {
  const url = process.env.DATABASE_URL;
  globalForBus.quorumLiveBus ??= url && /^postgres(ql)?:\/\//.test(url) ? new PostgresBus(url) : new LocalBus();
  return globalForBus.quorumLiveBus;
}

/** The payload that tells other instances of a stored update (NOTIFY'd inside its transaction). */
export function updateNotice(design: string, seq: number, from: string): string {
  return JSON.stringify({ kind: "update", design, seq, from, instance: INSTANCE } satisfies BusMessage);
}
