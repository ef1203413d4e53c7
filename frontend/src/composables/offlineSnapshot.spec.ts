import { afterEach, describe, expect, it, vi } from "vitest";
import { ItemsDocument, UserDocument } from "@/graphql/generated";
import { createApolloClient } from "@/apollo";
import { connection } from "./useConnection";
import { makeItem, makeUser } from "@/test-utils";
import { forgetSnapshot, saveSnapshot } from "./offlineSnapshot";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  connection.retrying = false;
  localStorage.clear();
});

describe("offline snapshot", () => {
  it("shows the last list seen when the server cannot be reached", async () => {
    const user = makeUser({ email: "ann@example.com" });
    const items = [makeItem({ text: "Saved task" })];
    const online = createApolloClient();
    online.writeQuery({ query: UserDocument, data: { user } });
    online.writeQuery({ query: ItemsDocument, variables: { page: 1 }, data: { items } });
    saveSnapshot(online);

    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const offline = createApolloClient({ offlineSnapshot: true, retryDelay: 1, maxDelay: 5 });
    const seen: (string | undefined)[] = [];
    const subscription = offline.watchQuery({ query: UserDocument }).subscribe((r) => seen.push(r.data?.user?.email));
    await vi.waitFor(() => expect(seen).toContain("ann@example.com"));
    expect(connection.retrying).toBe(true);
    expect(offline.readQuery({ query: ItemsDocument, variables: { page: 1 } })?.items[0].text).toBe("Saved task");
    subscription.unsubscribe();
  });

  it("is forgotten at sign-out and when nobody is signed in", () => {
    const client = createApolloClient();
    client.writeQuery({ query: UserDocument, data: { user: makeUser() } });
    saveSnapshot(client);
    expect(localStorage.getItem("autofocus.snapshot")).not.toBeNull();
    forgetSnapshot();
    expect(localStorage.getItem("autofocus.snapshot")).toBeNull();

    saveSnapshot(client);
    client.writeQuery({ query: UserDocument, data: { user: null } });
    saveSnapshot(client);
    expect(localStorage.getItem("autofocus.snapshot")).toBeNull();
  });
});
