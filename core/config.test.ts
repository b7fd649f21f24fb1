import { describe, expect, it } from 'vitest';
import { LAYER_IDS, SIGNAL_IDS, SIGNALS } from './catalogue.ts';
import { DEFAULT_MODEL, guardrails, parseModelConfig, type ModelConfig } from './config.ts';

function edited(change: (config: ModelConfig) => void): ModelConfig {
  const copy = structuredClone(DEFAULT_MODEL);
  change(copy);
  return copy;
}

function errorsOf(json: unknown): string[] {
  const result = parseModelConfig(json);
  return result.ok ? [] : result.errors;
}

describe('DEFAULT_MODEL', () => {
  it('passes its own schema and survives a JSON round trip', () => {
    const result = parseModelConfig(JSON.parse(JSON.stringify(DEFAULT_MODEL)));
    expect(result).toEqual({ ok: true, config: DEFAULT_MODEL });
  });

  it('enables exactly the ten default signals with their weights', () => {
    const enabled = Object.fromEntries(
      SIGNAL_IDS.filter((signal) => DEFAULT_MODEL.signals[signal].enabled).map((signal) => [
        signal,
        DEFAULT_MODEL.signals[signal].weight,
      ]),
    );
    expect(enabled).toEqual({
      usage_trend: 50,
      license_utilization: 30,
      feature_adoption_depth: 20,
      email_response_time: 60,
      support_sentiment: 40,
      champion_active: 30,
      exec_sponsor_engaged: 20,
      multi_threaded: 25,
      nps: 50,
      renewal_intent: 50,
    });
  });

  it('weights the layers 40 / 25 / 20 / 15', () => {
    expect(LAYER_IDS.map((layer) => DEFAULT_MODEL.layers[layer].weight)).toEqual([40, 25, 20, 15]);
  });

  it('carries every catalogue signal, the disabled ones with a weight to switch on', () => {
    for (const signal of SIGNAL_IDS) {
      expect(DEFAULT_MODEL.signals[signal].weight).toBeGreaterThan(0);
    }
    expect(Object.keys(DEFAULT_MODEL.signals).sort()).toEqual([...SIGNAL_IDS].sort());
  });

  it('weights relationship items by their checklist points', () => {
    const relationship = SIGNAL_IDS.filter((signal) => SIGNALS[signal].layer === 'relationship');
    expect(relationship.map((signal) => DEFAULT_MODEL.signals[signal].weight)).toEqual([
      30, 20, 25, 15, 10,
    ]);
  });

  it('holds the override, RAG, coverage and velocity parameters', () => {
    expect(DEFAULT_MODEL.overrides.zeroUsage.score).toBe(10);
    expect(DEFAULT_MODEL.overrides.championDeparted.cap).toBe(40);
    expect(DEFAULT_MODEL.overrides.activeEscalation.cap).toBe(50);
    expect(DEFAULT_MODEL.overrides.renewalRisk).toMatchObject({ windowDays: 60, scoreBelow: 60 });
    expect(DEFAULT_MODEL.rag).toEqual({ greenFrom: 70, yellowFrom: 40 });
    expect(DEFAULT_MODEL.lowCoverageBelowPercent).toBe(50);
    expect(DEFAULT_MODEL.urgentVelocityDrop).toBe(20);
  });
});

describe('guardrails', () => {
  it('says nothing about a backtested default model', () => {
    expect(guardrails(DEFAULT_MODEL, { backtested: true })).toEqual([]);
  });

  it('warns about a model never backtested', () => {
    expect(guardrails(DEFAULT_MODEL, { backtested: false }).map((g) => g.id)).toEqual([
      'never_backtested',
    ]);
  });

  it('warns at eleven enabled signals, not at ten', () => {
    const eleven = edited((config) => {
      config.signals.login_frequency.enabled = true;
    });
    expect(guardrails(eleven, { backtested: true }).map((g) => g.id)).toEqual(['too_many_signals']);
  });

  it('counts an enabled signal of weight 0 towards the ten', () => {
    const eleven = edited((config) => {
      config.signals.login_frequency.enabled = true;
      config.signals.login_frequency.weight = 0;
    });
    expect(guardrails(eleven, { backtested: true }).map((g) => g.id)).toEqual(['too_many_signals']);
  });

  it('warns when every layer in use has the same weight', () => {
    const equal = edited((config) => {
      for (const layer of LAYER_IDS) config.layers[layer].weight = 25;
    });
    expect(guardrails(equal, { backtested: true }).map((g) => g.id)).toEqual([
      'equal_layer_weights',
    ]);
  });

  it('ignores a layer without enabled signals when judging equal weights', () => {
    const threeEqual = edited((config) => {
      config.layers.usage.weight = 30;
      config.layers.engagement.weight = 30;
      config.layers.relationship.weight = 30;
      config.layers.outcome.weight = 10;
      config.signals.nps.enabled = false;
      config.signals.renewal_intent.enabled = false;
    });
    expect(guardrails(threeEqual, { backtested: true }).map((g) => g.id)).toEqual([
      'equal_layer_weights',
    ]);
  });

  it('warns when layer weights do not sum to 100', () => {
    const off = edited((config) => {
      config.layers.outcome.weight = 20;
    });
    const warnings = guardrails(off, { backtested: true });
    expect(warnings.map((g) => g.id)).toEqual(['layer_weights_not_100']);
    expect(warnings[0]?.message).toContain('105');
  });
});

describe('parseModelConfig', () => {
  it('rejects a fractional weight, naming its path', () => {
    const errors = errorsOf(
      edited((config) => {
        config.signals.usage_trend.weight = 12.5;
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^signals\.usage_trend\.weight: /);
  });

  it('rejects a missing signal and an unknown one', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_MODEL));
    delete json.signals.nps;
    json.signals.happiness = { enabled: true, weight: 10 };
    const errors = errorsOf(json);
    expect(errors.some((error) => error.startsWith('signals.nps: '))).toBe(true);
    expect(errors.some((error) => error.startsWith('signals.happiness: '))).toBe(true);
  });

  it('rejects an unknown field inside a band', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_MODEL));
    json.bands.usage_trend.typo = 3;
    expect(errorsOf(json)).toEqual(['bands.usage_trend.typo: unknown field']);
  });

  it('rejects tiers out of order at the tier that breaks it', () => {
    const errors = errorsOf(
      edited((config) => {
        const tiers = config.bands.license_utilization.tiers;
        if (tiers[1]) tiers[1].atLeast = 85;
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^bands\.license_utilization\.tiers\.1: /);
  });

  it('rejects a fractional percent threshold and points above 100', () => {
    const errors = errorsOf(
      edited((config) => {
        config.bands.usage_trend.expandingAbove = 10.5;
        config.bands.support_sentiment.positive = 101;
      }),
    );
    expect(errors.map((error) => error.split(':')[0]).sort()).toEqual([
      'bands.support_sentiment.positive',
      'bands.usage_trend.expandingAbove',
    ]);
  });

  it('rejects trend edges and RAG thresholds in the wrong order', () => {
    const errors = errorsOf(
      edited((config) => {
        config.bands.usage_trend.decliningFrom = 0;
        config.rag.yellowFrom = 80;
      }),
    );
    expect(errors.map((error) => error.split(':')[0]).sort()).toEqual([
      'bands.usage_trend.decliningFrom',
      'rag.yellowFrom',
    ]);
  });

  it('rejects something that is not a config at all', () => {
    expect(errorsOf('model')).toEqual([expect.stringMatching(/^\(root\): /)]);
  });
});

describe('DEFAULT_MODEL independence', () => {
  it('shares no band object between signals, so editing a copy of one leaves the others', () => {
    const copy = edited((config) => {
      config.bands.usage_trend.expandingAbove = 15;
    });
    expect(copy.bands.data_volume_trend.expandingAbove).toBe(10);
  });
});
