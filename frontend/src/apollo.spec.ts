import { afterEach, describe, expect, it, vi } from "vitest";
import { UserDocument } from "@/graphql/generated";
import { createApolloClient, csrfFetch, isRetryable, readCookie } from "./apollo";
import { connection } from "@/composables/useConnection";

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const userPayload = { data: { user: null } };

afterEach(() => {
  vi.unstubAllGlobals();
  connection.retrying = false;
  connection.busy = false;
});

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("csrftoken", "a=1; csrftoken=abc%3D; b=2")).toBe("abc=");
    expect(readCookie("csrftoken", "a=1")).toBeNull();
  });
});

describe("CSRF header", () => {
  it("is read from the cookie on every request", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(userPayload));
    vi.stubGlobal("fetch", fetchMock);

    document.cookie = "csrftoken=first-token; path=/";
    await csrfFetch("/graphql", { method: "POST", body: "{}" });
    document.cookie = "csrftoken=rotated-at-login; path=/";
    await csrfFetch("/graphql", { method: "POST", body: "{}" });

    const sent = fetchMock.mock.calls.map((call) => new Headers((call as unknown as [string, RequestInit])[1].headers).get("X-CSRFToken"));
    expect(sent).toEqual(["first-token", "rotated-at-login"]);
  });

  it("is sent by the Apollo client, following a rotated cookie", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(userPayload));
    vi.stubGlobal("fetch", fetchMock);
    const client = createApolloClient({ uri: "/graphql" });

    document.cookie = "csrftoken=before; path=/";
    await client.query({ query: UserDocument, fetchPolicy: "network-only" });
    document.cookie = "csrftoken=after; path=/";
    await client.query({ query: UserDocument, fetchPolicy: "network-only" });

    expect(fetchMock).toHaveBeenCalledTimes(2);
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([, init]) => new Headers(init.headers).get("X-CSRFToken"))).toEqual(["before", "after"]);
    expect(calls[0][0]).toBe("/graphql");
    expect(calls[0][1].method).toBe("POST");
    expect(calls[0][1].credentials).toBe("same-origin");
  });
});

describe("lost connection", () => {
  it("retries a request that got no answer and says so meanwhile", async () => {
    let attempts = 0;
    const seen: boolean[] = [];
    const fetchMock = vi.fn(async () => {
      attempts += 1;
      seen.push(connection.retrying);
      if (attempts < 3) throw new TypeError("Failed to fetch");
      return jsonResponse(userPayload);
    });
    vi.stubGlobal("fetch", fetchMock);
    const client = createApolloClient({ retryDelay: 1, maxDelay: 2 });

    const result = await client.query({ query: UserDocument, fetchPolicy: "network-only" });

    expect(result.data.user).toBeNull();
    expect(attempts).toBe(3);
    expect(seen).toEqual([false, true, true]);
    expect(connection.retrying).toBe(false);
  });

  it("retries while the server is busy (503) and says the server is busy, not offline", async () => {
    let attempts = 0;
    const seen: Array<[boolean, boolean]> = [];
    const fetchMock = vi.fn(async () => {
      attempts += 1;
      seen.push([connection.busy, connection.retrying]);
      if (attempts < 3) {
        return jsonResponse({ errors: [{ message: "busy", extensions: { code: "SERVICE_UNAVAILABLE" } }] }, 503);
      }
      return jsonResponse(userPayload);
    });
    vi.stubGlobal("fetch", fetchMock);
    const client = createApolloClient({ retryDelay: 1, maxDelay: 2 });

    const result = await client.query({ query: UserDocument, fetchPolicy: "network-only" });

    expect(result.data.user).toBeNull();
    expect(seen).toEqual([
      [false, false],
      [true, false],
      [true, false],
    ]);
    expect(connection.busy).toBe(false);
  });

  it("does not retry answers from the server", () => {
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
    expect(isRetryable({ statusCode: 503 })).toBe(true);
    expect(isRetryable({ statusCode: 400 })).toBe(false);
    expect(isRetryable({ statusCode: 403 })).toBe(false);
  });
});

describe("mutation order", () => {
  it("sends a mutation only after the previous one has been answered", async () => {
    const { CompleteItemDocument, UndoDocument } = await import("@/graphql/generated");
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstAnswered = new Promise<void>((r) => (releaseFirst = r));
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const name = JSON.parse(String(init.body)).operationName as string;
      order.push(`start ${name}`);
      if (name === "CompleteItem") await firstAnswered;
      order.push(`end ${name}`);
      if (name === "CompleteItem") {
        return jsonResponse({ errors: [{ message: "gone", extensions: { code: "NOT_FOUND" } }] });
      }
      return jsonResponse({ data: { undo: { __typename: "UndoPayload", ok: true, user: null } } });
    });
    vi.stubGlobal("fetch", fetchMock);
    const client = createApolloClient();

    const first = client.mutate({ mutation: CompleteItemDocument, variables: { id: "1" } }).catch(() => "refused");
    const second = client.mutate({ mutation: UndoDocument }).catch(() => "refused");
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(["start CompleteItem"]);
    releaseFirst();
    expect(await first).toBe("refused");
    await second;
    expect(order).toEqual(["start CompleteItem", "end CompleteItem", "start Undo", "end Undo"]);
  });
});
