/**
 * The model every view scores with, in the header: the saved version it was
 * saved as or restored from (the default model before either), and whether the
 * edit has moved away from it since.
 */
import { formatLongDay } from '../format.ts';
import { parseIsoDate } from '../../../core/dates.ts';
import { useActiveModel, useModel, versionEffectiveDay } from '../model/ModelContext.tsx';
import './shell.css';

export function ModelBadge() {
  const { savedVersion } = useModel();
  const { baseName: name, unsavedChanges: differences, unsaved } = useActiveModel();
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
