export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
  "NETWORK",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

interface MaybeApolloError {
  graphQLErrors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
  networkError?: unknown;
}

/** The server's `extensions.code` of an error, or NETWORK / INTERNAL_SERVER_ERROR. */
export function errorCode(error: unknown): ErrorCode {
  const e = (error ?? {}) as MaybeApolloError;
  for (const g of e.graphQLErrors ?? []) {
    const code = g.extensions?.code;
    if (typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code)) {
      return code as ErrorCode;
    }
  }
  if (e.networkError) {
    const status = (e.networkError as { statusCode?: number }).statusCode;
    if (status === 403) return "UNAUTHENTICATED";
    if (status === 429) return "RATE_LIMITED";
    if (status === undefined) return "NETWORK";
  }
  return "INTERNAL_SERVER_ERROR";
}
