/**
 * The model every view scores with, in the header: the saved version it was
 * saved as or restored from (the default model before either), and whether the
 * edit has moved away from it since.
 */
import { useMemo } from 'react';
import { DEFAULT_MODEL } from '../../../core/config.ts';
import { configDifferences } from '../calibration/diff.ts';
import { formatLongDay } from '../format.ts';
import { parseIsoDate } from '../../../core/dates.ts';
import { useModel, versionEffectiveDay } from '../model/ModelContext.tsx';
import './shell.css';

export function ModelBadge() {
  const { config, savedVersion } = useModel();
  const reference = savedVersion?.config ?? DEFAULT_MODEL;
  const differences = useMemo(() => configDifferences(reference, config), [reference, config]);
  const name = savedVersion?.name ?? DEFAULT_MODEL.name;
  const unsaved = differences.length > 0;
  const since =
    savedVersion === null ? null : (parseIsoDate(versionEffectiveDay(savedVersion)) ?? null);
  const status = unsaved
    ? 'unsaved changes'
    : since === null
      ? 'built in'
      : `saved ${formatLongDay(since)}`;
  const title = unsaved
    ? `Every view scores with the edit of “${name}”, changed since: ${differences.join('; ')}`
    : `Every view scores with “${name}”`;

  return (
    <div
      className="model-badge"
      data-testid="active-model"
      data-name={name}
      data-unsaved={unsaved ? 'true' : 'false'}
      title={title}
    >
      <span className="model-badge-kicker">Model</span>
      <span className="model-badge-text">
        <span className="model-badge-name">{name}</span>
        <span className={`model-badge-status${unsaved ? ' model-badge-unsaved' : ''}`}>
          {status}
        </span>
      </span>
    </div>
  );
}
