/**
 * How the workbench names the model every view scores with: the saved version
 * the edit started from (the default model before any), and, once the edit has
 * moved away from it, that it is edited and not saved, with the changes in words.
 * The header's badge, the Backtest and Drift views and the report all name it so.
 */
import type { ModelVersion } from '../../../core/api.ts';
import { DEFAULT_MODEL, type ModelConfig } from '../../../core/config.ts';
import { configDifferences } from '../calibration/diff.ts';

export interface ActiveModel {
  /** The saved version's name, or the default model's while none was saved or restored. */
  readonly baseName: string;
  /** Every change from that version, one phrase each (configDifferences); empty when none. */
  readonly unsavedChanges: readonly string[];
  readonly unsaved: boolean;
  /** The name for the config itself: the base name, with "(edited, unsaved)" after any change. */
  readonly label: string;
}

/** The name of a config that differs from the version called `baseName`. */
export function editedModelName(baseName: string): string {
  return `${baseName} (edited, unsaved)`;
}

/**
 * The config under edit named against `savedVersion` (the version last saved or
 * restored, null for the default model): unsaved when configDifferences finds
 * any change from that version's config. The config's own `name` field is not
 * used, since saving names the version and not the config being edited.
 */
export function describeActiveModel(
  config: ModelConfig,
  savedVersion: ModelVersion | null,
): ActiveModel {
  const reference = savedVersion?.config ?? DEFAULT_MODEL;
  const baseName = savedVersion?.name ?? DEFAULT_MODEL.name;
  const unsavedChanges = configDifferences(reference, config);
  const unsaved = unsavedChanges.length > 0;
  return {
    baseName,
    unsavedChanges,
    unsaved,
    label: unsaved ? editedModelName(baseName) : baseName,
  };
}
