/**
 * The model-version operations: list, save and read saved configs. Saving
 * backtests the config over the workspace's monthly history first, so the
 * headline stored with a version is the one core computes, whoever asked.
 */
import type { ModelVersion } from '../../core/api.ts';
import type { ModelConfig } from '../../core/config.ts';
import { evaluateHistory } from '../../core/evaluate.ts';
import { backtestHeadline } from '../../core/headline.ts';
import { rowCount } from '../../core/matrix.ts';
import { getVersion, listVersions, saveVersion } from '../versions.ts';
import type { ApiContext } from './context.ts';
import { getSnapshots } from './get-snapshots.ts';

export { getVersion, listVersions };

/** Saves a named version with the backtest headline of its config (null without history). */
export async function saveVersionOperation(
  context: ApiContext,
  input: { name: string; config: ModelConfig },
): Promise<ModelVersion> {
  const history = await getSnapshots(context.workspace, 'month');
  const headline =
    rowCount(history.matrix) === 0
      ? null
      : backtestHeadline(
          evaluateHistory(history.matrix, input.config, { suggestWeights: false }).backtest,
        );
  return saveVersion(context.workspace, { ...input, headline });
}
