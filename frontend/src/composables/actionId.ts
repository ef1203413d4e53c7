import { ACTION_ID_PATTERN } from "@/limits";

/** A new client-made id for one action: the server applies an action with a given id once. */
export function newActionId(random: () => number = Math.random): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  const id = uuid
    ? uuid.replace(/-/g, "")
    : Array.from({ length: 24 }, () => Math.floor(random() * 36).toString(36)).join("");
  if (!ACTION_ID_PATTERN.test(id)) throw new Error(`bad action id ${id}`);
  return id;
}
