import { shallowRef, type ShallowRef } from "vue";
import { createStore, del, get, promisifyRequest, update, type UseStore } from "idb-keyval";

/**
 * The durable outbox: list actions the server has not confirmed yet.
 *
 * - An action is written to IndexedDB (one list per account) before it is sent, so it
 *   survives a reload, a closed tab and a browser restart.
 * - Actions are sent in order, one at a time, each with its own action id: a retry sends
 *   the same id, and the server applies an id once.
 * - One sender for the whole browser: the tab that holds the `navigator.locks` lock sends;
 *   the others wait behind it and take over when it closes. Tabs tell each other about
 *   changes on a BroadcastChannel, so every tab shows the same pending actions and results.
 * - An action the server refuses leaves the outbox (never retried); an ended session stops
 *   sending and keeps the actions for when the account signs in again.
 */

export type ActionName =
  | "createItem"
  | "completeItem"
  | "reenterItem"
  | "restoreItem"
  | "editItem"
  | "deleteItem"
  | "nextPage"
  | "undo"
  | "updateSettings";

export interface OutboxEntry {
  /** The action id sent to the server. */
  id: string;
  account: string;
  name: ActionName;
  variables: Record<string, unknown>;
  /** The task's text, to show and to name in messages. */
  text?: string;
  /** Where a line this action adds lands (create, re-enter, restore). */
  page?: number;
  repeats?: number;
  /** Whether the page counted as acted on before this action (put back on refusal). */
  acted?: boolean;
  /** The task as shown when it was edited (an edit refused as a conflict is compared with it). */
  item?: unknown;
  /** The tab that made the action. */
  tab: string;
  at: number;
}

export type SendOutcome =
  | { kind: "done"; data: unknown }
  | { kind: "refused"; code: string }
  | { kind: "signedOut" };

export interface OutboxHandlers {
  /** Sends one action; resolves once the server answered (retrying network failures).
   * `signal` aborts it when the account is closed (signed out) meanwhile. */
  send(entry: OutboxEntry, signal: AbortSignal): Promise<SendOutcome>;
  /** Runs in every tab when the server applied an action. */
  done?(entry: OutboxEntry, data: unknown): void;
  /** Runs in every tab when the server refused an action. */
  refused?(entry: OutboxEntry, code: string): void;
  /** The server says nobody is signed in. */
  signedOut?(): void;
}

type Message =
  | { type: "changed"; account: string }
  | { type: "done"; entry: OutboxEntry; data: unknown }
  | { type: "refused"; entry: OutboxEntry; code: string };

export interface OutboxOptions {
  dbName?: string;
  channelName?: string;
  lockName?: string;
}

/** Locks for browsers without Web Locks (and tests): one holder at a time in this realm. */
const fallbackTails = new Map<string, Promise<void>>();
function withLock(name: string, run: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks) return locks.request(name, () => run()).then(() => undefined);
  const result = (fallbackTails.get(name) ?? Promise.resolve()).then(run);
  fallbackTails.set(name, result.catch(() => undefined));
  return result;
}

/** Tests: a new test starts with no tab holding the sender lock. */
export function forgetFallbackLocks(): void {
  fallbackTails.clear();
}

import { newActionId } from "./actionId";
export { newActionId };

export const tabId = newActionId();

export class Outbox {
  /** The pending actions of the open account, oldest first. */
  readonly entries: ShallowRef<OutboxEntry[]> = shallowRef([]);
  account: string | null = null;
  private readonly store: UseStore;
  private readonly channel: BroadcastChannel | null;
  private readonly lockName: string;
  private generation = 0;
  private sending: AbortController | null = null;
  private waiters = new Map<string, (outcome: SendOutcome) => void>();
  /** Actions shown already, still being written to IndexedDB. */
  private writing = new Map<string, OutboxEntry>();

  constructor(
    private readonly handlers: OutboxHandlers,
    options: OutboxOptions = {},
  ) {
    this.store = createStore(options.dbName ?? "autofocus", "outbox");
    this.lockName = options.lockName ?? "autofocus-outbox";
    this.channel =
      typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(options.channelName ?? "autofocus-outbox") : null;
    this.channel?.addEventListener("message", (event: MessageEvent<Message>) => void this.receive(event.data));
  }

  private key(account: string): string {
    return `outbox:${account}`;
  }

  /** Loads the account's pending actions and starts sending them. */
  async open(account: string): Promise<void> {
    if (this.account === account) return;
    this.account = account;
    this.generation += 1;
    await this.reload();
    this.flush();
  }

  /** Stops sending; the stored actions stay. */
  close(): void {
    this.account = null;
    this.generation += 1;
    this.sending?.abort();
    this.sending = null;
    this.entries.value = [];
  }

  /** Forgets the account's pending actions, here and in every tab. */
  async clear(account: string): Promise<void> {
    if (this.account === account) this.close();
    await del(this.key(account), this.store);
    this.post({ type: "changed", account });
  }

  /** Stores an action and sends it in turn; resolves with the server's answer. */
  async add(entry: OutboxEntry): Promise<SendOutcome> {
    const answered = new Promise<SendOutcome>((resolve) => this.waiters.set(entry.id, resolve));
    this.entries.value = [...this.entries.value, entry];
    this.writing.set(entry.id, entry);
    try {
      await update<OutboxEntry[]>(this.key(entry.account), (list) => [...(list ?? []), entry], this.store);
    } finally {
      this.writing.delete(entry.id);
    }
    this.post({ type: "changed", account: entry.account });
    this.flush();
    return answered;
  }

  /** Drops one action; an empty outbox is deleted, leaving no trace of the account. */
  private remove(account: string, id: string): Promise<void> {
    const key = this.key(account);
    return this.store("readwrite", (store) =>
      new Promise<void>((resolve, reject) => {
        const request = store.get(key);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const rest = ((request.result as OutboxEntry[] | undefined) ?? []).filter((e) => e.id !== id);
          if (rest.length) store.put(rest, key);
          else store.delete(key);
          resolve(promisifyRequest(store.transaction));
        };
      }),
    );
  }

  private async read(account: string): Promise<OutboxEntry[]> {
    return (await get<OutboxEntry[]>(this.key(account), this.store)) ?? [];
  }

  private async reload(): Promise<void> {
    const account = this.account;
    if (!account) return;
    const list = await this.read(account);
    const stored = new Set(list.map((e) => e.id));
    const unsaved = [...this.writing.values()].filter((e) => e.account === account && !stored.has(e.id));
    if (this.account === account) this.entries.value = [...list, ...unsaved];
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  private async receive(message: Message): Promise<void> {
    if (message.type === "changed") {
      if (message.account === this.account) await this.reload();
      return;
    }
    if (message.entry.account !== this.account) return;
    this.settle(message.entry, message.type === "done" ? { kind: "done", data: message.data } : { kind: "refused", code: message.code });
  }

  /** An action has its answer: every tab updates its list and forgets the action. */
  private settle(entry: OutboxEntry, outcome: SendOutcome): void {
    if (outcome.kind === "done") this.handlers.done?.(entry, outcome.data);
    else if (outcome.kind === "refused") this.handlers.refused?.(entry, outcome.code);
    this.entries.value = this.entries.value.filter((e) => e.id !== entry.id);
    this.waiters.get(entry.id)?.(outcome);
    this.waiters.delete(entry.id);
  }

  /** Sends the stored actions, one at a time, while this tab holds the sender lock. */
  flush(): void {
    const account = this.account;
    const generation = this.generation;
    if (!account) return;
    void withLock(this.lockName, async () => {
      while (this.generation === generation) {
        const [entry] = await this.read(account);
        if (!entry) return;
        const sending = new AbortController();
        this.sending = sending;
        const outcome = await this.handlers.send(entry, sending.signal);
        if (this.generation !== generation) return; // signed out meanwhile: the list is gone
        if (outcome.kind === "signedOut") {
          this.handlers.signedOut?.();
          return;
        }
        await this.remove(account, entry.id);
        this.post(
          outcome.kind === "done" ? { type: "done", entry, data: outcome.data } : { type: "refused", entry, code: outcome.code },
        );
        this.post({ type: "changed", account });
        if (this.account === account) this.settle(entry, outcome);
      }
    }).catch(() => undefined);
  }
}
