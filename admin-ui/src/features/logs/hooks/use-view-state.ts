import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseViewState, writeViewState, type ViewState } from '../lib/view-state';

/**
 * The viewer's state, read from and written to the address (see view-state.ts). `replace` for changes
 * made while typing (no history entry per keystroke); a new source, file or opened entry is a step back
 * can undo.
 */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the address's text, not the object
  const state = useMemo(() => parseViewState(params), [key]);
  const update = useCallback(
    (patch: Partial<ViewState>, options: { replace?: boolean } = {}) =>
      setParams((current) => writeViewState({ ...parseViewState(current), ...patch }), {
        replace: options.replace ?? false,
      }),
    [setParams],
  );
  return [state, update];
}
