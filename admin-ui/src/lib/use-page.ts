import { useState } from 'react';

/**
 * The 1-based page of a server-paged table, back to page 1 whenever `query` (search, filter, sort, page
 * size: anything that changes which rows there are) changes.
 */
export function usePage(query: unknown): [number, (page: number) => void] {
  const key = JSON.stringify(query);
  const [state, setState] = useState({ key, page: 1 });
  if (state.key !== key) {
    setState({ key, page: 1 });
  }
  const page = state.key === key ? state.page : 1;
  return [page, (next: number) => setState((s) => ({ ...s, page: next }))];
}
