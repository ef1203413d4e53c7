/** The person's time zone: the browser's at sign-up, a choice in Settings. */

/** The browser's IANA time zone, or undefined when it cannot tell. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Every zone the browser knows, UTC and `current` included, sorted. */
export function timeZoneChoices(current?: string | null): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    zones = [];
  }
  const all = new Set([...zones, "UTC"]);
  const local = browserTimeZone();
  if (local) all.add(local);
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}
