import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/**
 * An input's text while it is being typed, committed `delay` ms after the typing stops. A new `value`
 * from outside (back/forward, a reset) replaces the draft; a draft still settling is never committed
 * over it.
 */
export function useDraft(value: string, commit: (next: string) => void, delay: number): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setDraft(value);
  }
  const [settled] = useDebouncedValue(draft, delay);
  useEffect(() => {
    if (settled === draft && settled !== value) {
      commit(settled);
    }
  }, [settled, draft, value, commit]);
  return [draft, setDraft];
}
