import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../core/api.ts';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { describeActiveModel, editedModelName } from '../../renderer/src/model/activeModel.ts';
import { reportFileName } from '../../renderer/src/report/download.ts';

const usageAt70: ModelConfig = {
  ...DEFAULT_MODEL,
  layers: { ...DEFAULT_MODEL.layers, usage: { weight: 70 } },
};

function version(name: string, config: ModelConfig): ModelVersion {
  // Saving names the stored config after the version.
  return {
    id: 'v1',
    name,
    config: { ...config, name },
    createdAt: '2024-07-15T09:00:00.000Z',
    headline: null,
  };
}

describe('describeActiveModel', () => {
  it('names the untouched default model plainly', () => {
    expect(describeActiveModel(DEFAULT_MODEL, null)).toEqual({
      baseName: 'Default model',
      unsavedChanges: [],
      unsaved: false,
      label: 'Default model',
    });
  });

  it('names an edit of the default model as edited and unsaved, with its change', () => {
    expect(describeActiveModel(usageAt70, null)).toEqual({
      baseName: 'Default model',
      unsavedChanges: ['usage weight 40 → 70'],
      unsaved: true,
      label: 'Default model (edited, unsaved)',
    });
  });

  it('names a saved version by its name, though the config under edit keeps the old one', () => {
    const saved = version('Usage heavy', usageAt70);
    expect(usageAt70.name).toBe('Default model');
    expect(describeActiveModel(usageAt70, saved).label).toBe('Usage heavy');
    expect(describeActiveModel(usageAt70, saved).unsaved).toBe(false);
  });

  it('measures an edit against the saved version, not the default model', () => {
    const saved = version('Usage heavy', usageAt70);
    const back: ModelConfig = { ...usageAt70, layers: DEFAULT_MODEL.layers };
    const active = describeActiveModel(back, saved);
    expect(active.label).toBe('Usage heavy (edited, unsaved)');
    expect(active.unsavedChanges).toEqual(['usage weight 70 → 40']);
  });
});

describe('the report file of an edited model', () => {
  it('says in its name that the model is edited and unsaved', () => {
    expect(editedModelName('Default model')).toBe('Default model (edited, unsaved)');
    expect(reportFileName(editedModelName('Default model'), '2024-06-30')).toBe(
      'health-score-report-default-model-edited-unsaved-2024-06-30.html',
    );
    expect(reportFileName('Default model', '2024-06-30')).toBe(
      'health-score-report-default-model-2024-06-30.html',
    );
  });
});
