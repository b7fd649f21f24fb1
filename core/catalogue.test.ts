import { describe, expect, it } from 'vitest';
import { LAYER_IDS, LAYERS, SIGNAL_IDS, SIGNALS, signalsOfLayer } from './catalogue.ts';

describe('signal catalogue', () => {
  it('describes every signal once, under its own id', () => {
    expect(new Set(SIGNAL_IDS).size).toBe(24);
    for (const signal of SIGNAL_IDS) {
      expect(SIGNALS[signal].id).toBe(signal);
      expect(SIGNALS[signal].label.length).toBeGreaterThan(0);
      expect(SIGNALS[signal].description.length).toBeGreaterThan(0);
    }
    expect(Object.keys(SIGNALS).sort()).toEqual([...SIGNAL_IDS].sort());
  });

  it('groups the signals into the four layers of the scoring rules', () => {
    expect(LAYER_IDS.map((layer) => LAYERS[layer].id)).toEqual([...LAYER_IDS]);
    expect(signalsOfLayer('usage')).toEqual([
      'usage_trend',
      'license_utilization',
      'feature_adoption_depth',
      'login_frequency',
      'workflow_completion',
      'data_volume_trend',
      'integration_activity',
    ]);
    expect(signalsOfLayer('engagement')).toHaveLength(7);
    expect(signalsOfLayer('relationship')).toEqual([
      'champion_active',
      'exec_sponsor_engaged',
      'multi_threaded',
      'stakeholder_sentiment',
      'leadership_stable',
    ]);
    expect(signalsOfLayer('outcome')).toEqual([
      'roi_documented',
      'goals_on_track',
      'reported_value',
      'renewal_intent',
      'nps',
    ]);
  });

  it('lists signals grouped by layer, in layer order', () => {
    const layerOrder = SIGNAL_IDS.map((signal) => LAYER_IDS.indexOf(SIGNALS[signal].layer));
    expect(layerOrder).toEqual([...layerOrder].sort((a, b) => a - b));
  });
});
