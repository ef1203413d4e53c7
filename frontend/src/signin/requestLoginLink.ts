/**
 * The sign-in screen's one request, without the Apollo client: the screen a signed-out visitor
 * opens loads only Vue, vue-i18n and this. The documents are the SPA's own .graphql files.
 */
import requestLoginLink from "@/graphql/RequestLoginLink.graphql?raw";
import userFields from "@/graphql/UserFields.graphql?raw";
import { ERROR_CODES, type ErrorCode } from "@/composables/errors";
import { browserTimeZone } from "@/composables/timeZone";

export type RequestOutcome = { signedIn: boolean } | { error: ErrorCode };

function csrfToken(): string {
  const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function knownCode(code: unknown): ErrorCode {
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code)
    ? (code as ErrorCode)
    : "INTERNAL_SERVER_ERROR";
}

export async function requestLoginLinkByFetch(email: string): Promise<RequestOutcome> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({
        query: `${requestLoginLink}\n${userFields}`,
        operationName: "RequestLoginLink",
        variables: { email, timeZone: browserTimeZone() },
      }),
    });
  } catch {
    return { error: "NETWORK" };
  }
  if (response.status === 429) return { error: "RATE_LIMITED" };
  if (response.status === 403) return { error: "UNAUTHENTICATED" };
  let body: { data?: { requestLoginLink?: { signedIn: boolean } | null }; errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = await response.json();
  } catch {
    return { error: "INTERNAL_SERVER_ERROR" };
  }
  if (body.errors?.length) return { error: knownCode(body.errors[0].extensions?.code) };
  const payload = body.data?.requestLoginLink;
  return payload ? { signedIn: payload.signedIn } : { error: "INTERNAL_SERVER_ERROR" };
}
