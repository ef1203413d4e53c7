/** Resolves in a task of its own (after whatever the browser has queued, a paint included). */
export const nextTask = (): Promise<void> => new Promise<void>((go) => setTimeout(go, 0));
