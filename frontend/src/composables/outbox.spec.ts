import { describe, expect, it } from "vitest";
import { get } from "idb-keyval";
import { createStore } from "idb-keyval";
import { Outbox, newActionId, type OutboxEntry, type OutboxHandlers, type SendOutcome } from "./outbox";
import { flushPromises } from "@/test-utils";

function entry(name: OutboxEntry["name"], extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id: newActionId(), account: "ann@example.com", name, variables: {}, tab: "t", at: Date.now(), ...extra };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A server whose answers the test gives one by one. */
function server() {
  const calls: { entry: OutboxEntry; answer: ReturnType<typeof deferred<SendOutcome>> }[] = [];
  const handlers: OutboxHandlers = {
    send(e) {
      const answer = deferred<SendOutcome>();
      calls.push({ entry: e, answer });
      return answer.promise;
    },
  };
  return { calls, handlers };
}

const stored = () => get<OutboxEntry[]>("outbox:ann@example.com", createStore("autofocus", "outbox"));

describe("the outbox", () => {
  it("keeps actions in IndexedDB until the server has them, and a reload shows them again", async () => {
    const tab = server();
    const outbox = new Outbox(tab.handlers);
    await outbox.open("ann@example.com");
    const first = entry("createItem", { text: "One" });
    const second = entry("completeItem", { variables: { id: "7" } });
    void outbox.add(first);
    void outbox.add(second);
    await flushPromises();
    expect((await stored())?.map((e) => e.id)).toEqual([first.id, second.id]);

    // The tab is closed while the first action is on its way: a new tab takes over.
    outbox.close();
    tab.calls[0].answer.reject(new Error("tab closed"));
    const reloaded = server();
    const again = new Outbox(reloaded.handlers);
    await again.open("ann@example.com");
    expect(again.entries.value.map((e) => e.id)).toEqual([first.id, second.id]);
    await flushPromises();
    // Sent again with the same id: the server applies an id once.
    expect(reloaded.calls.map((c) => c.entry.id)).toEqual([first.id]);
  });

  it("sends in order, one at a time, and forgets each action once answered", async () => {
    const tab = server();
    const outbox = new Outbox(tab.handlers);
    await outbox.open("ann@example.com");
    const actions = [entry("createItem"), entry("nextPage"), entry("undo")];
    const answers = actions.map((a) => outbox.add(a));
    await flushPromises();
    for (const [index, action] of actions.entries()) {
      expect(tab.calls.map((c) => c.entry.id)).toEqual(actions.slice(0, index + 1).map((a) => a.id));
      tab.calls[index].answer.resolve({ kind: "done", data: { n: index } });
      expect(await answers[index]).toEqual({ kind: "done", data: { n: index } });
      await flushPromises();
      expect(outbox.entries.value.map((e) => e.id)).not.toContain(action.id);
    }
    expect(await stored()).toBeUndefined(); // nothing of the account is left behind
  });

  it("drops a refused action with a report, and never sends it again", async () => {
    const tab = server();
    const refused: string[] = [];
    const outbox = new Outbox({ ...tab.handlers, refused: (e, code) => refused.push(`${e.text}: ${code}`) });
    await outbox.open("ann@example.com");
    const answer = outbox.add(entry("completeItem", { text: "Buy milk", variables: { id: "3" } }));
    await flushPromises();
    tab.calls[0].answer.resolve({ kind: "refused", code: "CONFLICT" });
    expect(await answer).toEqual({ kind: "refused", code: "CONFLICT" });
    await flushPromises();
    expect(refused).toEqual(["Buy milk: CONFLICT"]);
    expect(outbox.entries.value).toEqual([]);
    expect(await stored()).toBeUndefined();
    expect(tab.calls).toHaveLength(1);
  });

  it("keeps the actions when the session ended, for when the account signs in again", async () => {
    const tab = server();
    let signedOut = 0;
    const outbox = new Outbox({ ...tab.handlers, signedOut: () => (signedOut += 1) });
    await outbox.open("ann@example.com");
    const action = entry("createItem");
    void outbox.add(action);
    await flushPromises();
    tab.calls[0].answer.resolve({ kind: "signedOut" });
    await flushPromises();
    expect(signedOut).toBe(1);
    expect((await stored())?.map((e) => e.id)).toEqual([action.id]);
  });

  it("is shared by the tabs: one sends, every tab shows the action and its answer", async () => {
    const one = server();
    const other = server();
    const done: string[] = [];
    const first = new Outbox({ ...one.handlers, done: (e) => done.push(`first ${e.id}`) });
    const second = new Outbox({ ...other.handlers, done: (e) => done.push(`second ${e.id}`) });
    await first.open("ann@example.com");
    await second.open("ann@example.com");
    const action = entry("createItem", { text: "From the first tab" });
    void first.add(action);
    await flushPromises();
    expect(second.entries.value.map((e) => e.text)).toEqual(["From the first tab"]);
    second.flush(); // the other tab wakes up too: it must not send the action again
    await flushPromises();
    expect(one.calls.length + other.calls.length).toBe(1);
    const sender = one.calls.length ? one : other;
    sender.calls[0].answer.resolve({ kind: "done", data: {} });
    await flushPromises();
    expect(done.sort()).toEqual([`first ${action.id}`, `second ${action.id}`]);
    expect(first.entries.value).toEqual([]);
    expect(second.entries.value).toEqual([]);
    expect(one.calls.length + other.calls.length).toBe(1);
  });

  it("forgets an account's actions in every tab at sign-out", async () => {
    const first = new Outbox(server().handlers);
    const second = new Outbox(server().handlers);
    await first.open("ann@example.com");
    await second.open("ann@example.com");
    void first.add(entry("createItem"));
    await flushPromises();
    expect(second.entries.value).toHaveLength(1);
    await first.clear("ann@example.com");
    await flushPromises();
    expect(await stored()).toBeUndefined();
    expect(first.entries.value).toEqual([]);
    expect(second.entries.value).toEqual([]);
  });
});
