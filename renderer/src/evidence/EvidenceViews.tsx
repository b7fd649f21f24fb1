/**
 * The Backtest and Drift views as the shell mounts them: one shared fetch of the
 * month-end history, and the model being edited (with an optional version to
 * compare with), both from the shared model state.
 */
import { useMemo } from 'react';
import { useActiveModel, useModel } from '../model/ModelContext.tsx';
import { ErrorBanner } from '../shell/ErrorBanner.tsx';
import { BacktestView, type CompareVersion } from './BacktestView.tsx';
import { DriftView } from './DriftView.tsx';
import { useHistoryMatrix } from './useHistoryMatrix.ts';

interface EvidenceViewsProps {
  /** Which view is showing; null when neither is. */
  readonly active: 'backtest' | 'drift' | null;
  /** Whether each has been opened (an opened view stays mounted). */
  readonly opened: { readonly backtest: boolean; readonly drift: boolean };
  readonly workspaceLabel: string | null;
  readonly generation: number;
}

export function EvidenceViews({ active, opened, workspaceLabel, generation }: EvidenceViewsProps) {
  const { config, compareWith, versions } = useModel();
  const activeModel = useActiveModel();
  const compare = useMemo((): CompareVersion | null => {
    const version = versions.find((candidate) => candidate.id === compareWith);
    return version ? { name: version.name, config: version.config } : null;
  }, [versions, compareWith]);
  const history = useHistoryMatrix(opened.backtest || opened.drift, generation);
  const error = history.error ? (
    <ErrorBanner what="The snapshot history could not be read." error={history.error} />
  ) : null;
  return (
    <>
      {opened.backtest ? (
        <div
          id="view-backtest"
          role="tabpanel"
          aria-labelledby="tab-backtest"
          className="view"
          hidden={active !== 'backtest'}
        >
          {error}
          <BacktestView
            matrix={history.matrix}
            config={config}
            name={activeModel.label}
            unsavedChanges={activeModel.unsavedChanges}
            compare={compare}
            workspaceLabel={workspaceLabel}
          />
        </div>
      ) : null}
      {opened.drift ? (
        <div
          id="view-drift"
          role="tabpanel"
          aria-labelledby="tab-drift"
          className="view"
          hidden={active !== 'drift'}
        >
          {error}
          <DriftView matrix={history.matrix} config={config} name={activeModel.label} />
        </div>
      ) : null}
    </>
  );
}
