/** Messages between the Calibration view and its recompute worker. */
import type { ModelConfig } from '../../../core/config.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import type { CalibrationResult } from './compute.ts';

export type RecomputeRequest =
  | { readonly kind: 'matrix'; readonly matrix: SignalMatrix }
  | { readonly kind: 'reference'; readonly config: ModelConfig }
  | {
      readonly kind: 'evaluate';
      readonly id: number;
      readonly config: ModelConfig;
      readonly suggestWeights: boolean;
    };

export type RecomputeReply =
  | { readonly kind: 'result'; readonly id: number; readonly result: CalibrationResult }
  | { readonly kind: 'failure'; readonly id: number; readonly message: string };
