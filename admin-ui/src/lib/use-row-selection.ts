// Checkbox selection of table rows for bulk actions (admins, sessions, jobs, notifications).

import { useState } from 'react';

/** Toggles one id; never grows the selection past `max`. */
export function toggled<K>(selected: ReadonlySet<K>, id: K, max = Infinity): Set<K> {
  const next = new Set(selected);
  if (next.has(id)) {
    next.delete(id);
  } else if (next.size < max) {
    next.add(id);
  }
  return next;
}

/** The header checkbox: every row (at most `max`), or none when all are already selected. */
export function toggledAll<K>(selected: ReadonlySet<K>, ids: readonly K[], max = Infinity): Set<K> {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return all ? new Set() : new Set(ids.slice(0, max));
}

/** The selection without rows that are no longer shown; the same set when nothing went away. */
export function keptOnly<K>(selected: ReadonlySet<K>, ids: readonly K[]): ReadonlySet<K> {
  const next = new Set(ids.filter((id) => selected.has(id)));
  return next.size === selected.size ? selected : next;
}

export interface RowSelection<K> {
  /** The selected ids, in row order. */
  ids: K[];
  selected: ReadonlySet<K>;
  has: (id: K) => boolean;
  toggle: (id: K) => void;
  clear: () => void;
  /** Spread on the header checkbox: checked, indeterminate, disabled and onChange. */
  headerCheckbox: { checked: boolean; indeterminate: boolean; disabled: boolean; onChange: () => void };
}

/**
 * Selection over the rows on screen (`rowIds`: the selectable ones). A selection never outlives its rows:
 * when a row leaves the page (another page, filter, sort, or deleted elsewhere) it leaves the selection.
 */
export function useRowSelection<K extends string | number>(rowIds: readonly K[], max = Infinity): RowSelection<K> {
  const rowsKey = rowIds.join('\u0000');
  const [state, setState] = useState<{ rowsKey: string; selected: ReadonlySet<K> }>({ rowsKey, selected: new Set() });
  let selected = state.selected;
  if (state.rowsKey !== rowsKey) {
    // Adjusting state while rendering (instead of in an effect) keeps a stale selection from ever showing.
    selected = keptOnly(state.selected, rowIds);
    setState({ rowsKey, selected });
  }

  const ids = rowIds.filter((id) => selected.has(id));
  const all = ids.length > 0 && ids.length === rowIds.length;
  const update = (next: (current: ReadonlySet<K>) => ReadonlySet<K>) =>
    setState((s) => ({ rowsKey: s.rowsKey, selected: next(s.selected) }));
  return {
    ids,
    selected,
    has: (id) => selected.has(id),
    toggle: (id) => update((current) => toggled(current, id, max)),
    clear: () => update(() => new Set()),
    headerCheckbox: {
      checked: all,
      indeterminate: ids.length > 0 && !all,
      disabled: rowIds.length === 0,
      onChange: () => update((current) => toggledAll(current, rowIds, max)),
    },
  };
}

/** The background of a selected row (`bg` of Table.Tr); none otherwise. */
export const selectedRowBg = (selected: boolean) => (selected ? 'var(--mantine-primary-color-light)' : undefined);
