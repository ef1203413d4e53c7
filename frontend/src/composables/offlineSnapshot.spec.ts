import { afterEach, describe, expect, it, vi } from "vitest";
import { DismissedCountDocument, ItemsDocument, UserDocument } from "@/graphql/generated";
import { createApolloClient } from "@/apollo";
import { connection } from "./useConnection";
import { makeItem, makeUser } from "@/test-utils";
import { cachedPages, forgetSnapshot, saveSnapshot, takeSnapshot } from "./offlineSnapshot";

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
    online.writeQuery({ query: DismissedCountDocument, data: { dismissedCount: 3 } });
    saveSnapshot(online);

    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const offline = createApolloClient({ offlineSnapshot: true, retryDelay: 1, maxDelay: 5 });
    const seen: (string | undefined)[] = [];
    const subscription = offline.watchQuery({ query: UserDocument }).subscribe((r) => seen.push(r.data?.user?.email));
    await vi.waitFor(() => expect(seen).toContain("ann@example.com"));
    expect(connection.retrying).toBe(true);
    expect(offline.readQuery({ query: ItemsDocument, variables: { page: 1 } })?.items[0].text).toBe("Saved task");
    expect(offline.readQuery({ query: DismissedCountDocument })?.dismissedCount).toBe(3);
    subscription.unsubscribe();
  });

  it("keeps the pages read, and only asks the cache for those, however long the list", () => {
    const client = createApolloClient();
    client.writeQuery({ query: UserDocument, data: { user: makeUser({ pages: 4000 }) } });
    for (const page of [3, 1, 2400]) {
      client.writeQuery({ query: ItemsDocument, variables: { page }, data: { items: [makeItem({ text: `On ${page}` })] } });
    }
    expect(cachedPages(client)).toEqual([1, 3, 2400]);
    const readQuery = vi.spyOn(client, "readQuery");
    const snapshot = takeSnapshot(client);
    expect(Object.keys(snapshot!.pages)).toEqual(["1", "3", "2400"]);
    expect(snapshot!.pages["2400"][0].text).toBe("On 2400");
    expect(readQuery.mock.calls.length).toBeLessThan(10);
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
