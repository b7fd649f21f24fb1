/**
 * The views' data, fetched through the typed API and scored here: the workspace
 * summary, the matrix at the as-of date, and the snapshot history. Each hook
 * keeps the last good value while a new one loads, and drops answers that
 * arrive after a newer request.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, SnapshotHistory, WorkspaceSummary } from '../../../core/api.ts';
import type { ModelConfig } from '../../../core/config.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { api } from '../api/client.ts';
import type { HistoryScores } from '../detail/history.ts';
import { rowsByAccount, scoreAll, scoreAsOf, type AsOfScores } from './scoring.ts';

export interface Loaded<T> {
  readonly value: T | null;
  readonly loading: boolean;
  readonly error: ApiError | null;
}

/** The open workspace; `reload` asks again (after an import, say). */
export function useWorkspaceSummary(): Loaded<WorkspaceSummary> & { reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const state = useRequest(() => api.getWorkspace(), [generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

/** The accounts scored at `asOf` (`YYYY-MM-DD`); nothing is fetched while it is null. */
export function useAsOfScores(
  asOf: string | null,
  config: ModelConfig,
  generation: number,
): Loaded<AsOfScores> {
  const state = useRequest<SignalMatrix>(asOf === null ? null : () => api.getMatrix({ asOf }), [
    asOf,
    generation,
  ]);
  const scores = useMemo(
    () => (state.value === null ? null : scoreAsOf(state.value, config)),
    [state.value, config],
  );
  return { ...state, value: scores };
}

/**
 * Every account scored at every month end, fetched once `enabled`. Scored only
 * while `config` is given: no view needs the whole history rescored while no
 * account is open, and it is the larger of the two matrices.
 */
export function useHistoryScores(
  enabled: boolean,
  config: ModelConfig | null,
  generation: number,
): Loaded<HistoryScores> {
  const state = useRequest<SnapshotHistory>(
    enabled ? () => api.getSnapshots({ every: 'month' }) : null,
    [enabled, generation],
  );
  const history = useMemo(() => {
    const snapshots = state.value;
    if (snapshots === null || config === null) return null;
    return {
      ...scoreAll(snapshots.matrix, config),
      snapshotDates: snapshots.snapshotDates,
      rowsOf: rowsByAccount(snapshots.matrix),
    };
  }, [state.value, config]);
  return { ...state, value: history };
}

type Request<T> = () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>;

function useRequest<T>(request: Request<T> | null, keys: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [loading, setLoading] = useState(request !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (request === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    void request().then((result) => {
      if (ticket !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setError(null);
      } else if (result.error.kind !== 'cancelled') {
        setError(result.error);
      }
    });
    // The keys say when to ask again; the request closure is new on every render.
  }, keys);

  return { value, loading, error };
}
