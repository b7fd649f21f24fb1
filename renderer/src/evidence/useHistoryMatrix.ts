/**
 * The month-end history matrix for the evidence views, fetched the first time one of
 * them is opened (and again after an import), since a large workspace's history is
 * not fetched up front.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../core/api.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { api } from '../api/client.ts';

export interface HistoryMatrix {
  readonly matrix: SignalMatrix | null;
  readonly error: ApiError | null;
}

/** Every eligible account at every month end; nothing is fetched while `enabled` is false. */
export function useHistoryMatrix(enabled: boolean, generation: number): HistoryMatrix {
  const [state, setState] = useState<HistoryMatrix>({ matrix: null, error: null });
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const ticket = ++latest.current;
    void api.getSnapshots({ every: 'month' }).then((result) => {
      if (ticket !== latest.current) return;
      if (result.ok) setState({ matrix: result.value.matrix, error: null });
      else if (result.error.kind !== 'cancelled')
        setState((old) => ({ ...old, error: result.error }));
    });
  }, [enabled, generation]);
  return state;
}
