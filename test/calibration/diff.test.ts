import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { configDifferences } from '../../renderer/src/calibration/diff.ts';

function edited(edit: (config: ModelConfig) => void): ModelConfig {
  const config = structuredClone(DEFAULT_MODEL);
  edit(config);
  return config;
}

describe('configDifferences', () => {
  it('finds nothing between a model and its copy, even renamed', () => {
    expect(
      configDifferences(
        DEFAULT_MODEL,
        edited((c) => (c.name = 'Other name')),
      ),
    ).toEqual([]);
  });

  it('names each change in words, in a fixed order', () => {
    const after = edited((config) => {
      config.rag.greenFrom = 75;
      config.overrides.renewalRisk.windowDays = 90;
      config.overrides.championDeparted.enabled = false;
      config.bands.license_utilization.tiers[0]!.atLeast = 85;
      config.signals.login_frequency.enabled = true;
      config.signals.usage_trend.weight = 60;
      config.layers.usage.weight = 50;
      config.layers.engagement.weight = 15;
    });
    expect(configDifferences(DEFAULT_MODEL, after)).toEqual([
      'usage weight 40 → 50',
      'engagement weight 25 → 15',
      'usage_trend weight 50 → 60',
      'login_frequency enabled',
      'license_utilization tier 1 atLeast 80 → 85',
      'overrides championDeparted disabled',
      'overrides renewalRisk windowDays 60 → 90',
      'rag greenFrom 70 → 75',
    ]);
  });

  it('counts tiers when a ladder gains or loses one', () => {
    const after = edited((config) => {
      config.bands.meeting_attendance.tiers.pop();
    });
    expect(configDifferences(DEFAULT_MODEL, after)).toEqual(['meeting_attendance: 2 → 1 tiers']);
  });

  it('reads the trend bands and the switches back the other way', () => {
    const before = edited((config) => {
      config.signals.nps.enabled = false;
    });
    const after = edited((config) => {
      config.bands.usage_trend.points.declining = 30;
    });
    expect(configDifferences(before, after)).toEqual([
      'nps enabled',
      'usage_trend points declining 40 → 30',
    ]);
  });
});
