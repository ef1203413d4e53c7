import { reactive } from "vue";
import type { Item } from "./useFocus";

/** An edit refused because the task changed elsewhere since it was shown. */
export interface EditConflict {
  item: Item;
  /** The text the person typed. */
  mine: string;
  /** The text saved now, and its version. */
  currentText: string;
  currentVersion: number;
}

/** The conflict waiting for the person's choice (one at a time), shared by the app. */
export const editConflictState = reactive<{ conflict: EditConflict | null }>({ conflict: null });

interface MaybeApolloError {
  graphQLErrors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
}

/** The current text and version carried by a CONFLICT refusal of editItem, if it is one. */
export function conflictOf(error: unknown): { currentText: string; currentVersion: number } | null {
  for (const g of (error as MaybeApolloError | null)?.graphQLErrors ?? []) {
    const x = g.extensions ?? {};
    if (x.code === "CONFLICT" && typeof x.currentText === "string" && typeof x.currentVersion === "number") {
      return { currentText: x.currentText, currentVersion: x.currentVersion };
    }
  }
  return null;
}

export function openEditConflict(conflict: EditConflict): void {
  editConflictState.conflict = conflict;
}

export function closeEditConflict(): void {
  editConflictState.conflict = null;
}
