export interface LineLabels {
  done: string;
  reenter: string;
  edit: string;
  save: string;
  cancel: string;
  taskText: string;
  stateDone: string;
  stateReentered: string;
  stateDismissed: string;
}

type Translate = (key: string) => string;

const known = new WeakMap<Translate, Map<string, LineLabels>>();

/**
 * The words every line of the list shows, translated once per language rather than on each of
 * a page's lines (each translation builds a message context: a page of them slows its render).
 */
export function lineLabels(t: Translate, locale: string): LineLabels {
  let byLocale = known.get(t);
  if (!byLocale) known.set(t, (byLocale = new Map()));
  let labels = byLocale.get(locale);
  if (!labels) {
    labels = {
      done: t("list.done"),
      reenter: t("list.reenter"),
      edit: t("list.edit"),
      save: t("list.save"),
      cancel: t("list.cancel"),
      taskText: t("list.taskText"),
      stateDone: t("list.stateDone"),
      stateReentered: t("list.stateReentered"),
      stateDismissed: t("list.stateDismissed"),
    };
    byLocale.set(locale, labels);
  }
  return labels;
}
