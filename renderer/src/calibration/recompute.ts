/**
 * The view's side of the recompute: a worker when one can start, the same
 * calculator on the main thread otherwise. Only the latest config waiting is
 * sent once the worker is free, so a fast drag never builds a queue.
 */
import type { ModelConfig } from '../../../core/config.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { Calibrator, type CalibrationResult } from './compute.ts';
import type { RecomputeReply, RecomputeRequest } from './protocol.ts';

export interface Recompute {
  setMatrix(matrix: SignalMatrix): void;
  setReference(config: ModelConfig): void;
  /** Asks for a result and returns the request's id; a newer request replaces one still waiting. */
  request(config: ModelConfig, suggestWeights: boolean): number;
  dispose(): void;
}

/** Every buffer under a value: the matrix's columns, transferred rather than copied. */
function buffersOf(value: unknown, into: Set<ArrayBuffer>): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) into.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object') buffersOf(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) buffersOf(item, into);
  }
  return into;
}

/** Starts a recompute whose results go to `onResult` (with the request's id) or `onFailure`. */
export function createRecompute(
  onResult: (id: number, result: CalibrationResult) => void,
  onFailure: (message: string) => void,
): Recompute {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./recompute.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  const local = worker === null ? new Calibrator() : null;
  let nextId = 0;
  let busy = false;
  let waiting: { config: ModelConfig; suggestWeights: boolean; id: number } | null = null;

  const post = (message: RecomputeRequest, transfer: Transferable[] = []) =>
    worker?.postMessage(message, transfer);

  const pump = () => {
    if (busy || waiting === null) return;
    const next = waiting;
    waiting = null;
    busy = true;
    if (worker !== null) {
      post({ kind: 'evaluate', ...next });
      return;
    }
    // Off the current event, so the slider's own redraw comes first.
    setTimeout(() => {
      try {
        onResult(next.id, (local as Calibrator).evaluate(next.config, next.suggestWeights));
      } catch (error) {
        onFailure(error instanceof Error ? error.message : String(error));
      }
      busy = false;
      pump();
    }, 0);
  };

  if (worker !== null) {
    worker.onmessage = (event: MessageEvent<RecomputeReply>) => {
      busy = false;
      const reply = event.data;
      if (reply.kind === 'result') onResult(reply.id, reply.result);
      else onFailure(reply.message);
      pump();
    };
    worker.onerror = (event) => {
      busy = false;
      onFailure(event.message || 'The recompute worker failed');
    };
  }

  return {
    setMatrix(matrix) {
      if (worker !== null) post({ kind: 'matrix', matrix }, [...buffersOf(matrix, new Set())]);
      else local?.setMatrix(matrix);
    },
    setReference(config) {
      if (worker !== null) post({ kind: 'reference', config });
      else local?.setReference(config);
    },
    request(config, suggestWeights) {
      nextId += 1;
      waiting = { config, suggestWeights, id: nextId };
      pump();
      return nextId;
    },
    dispose() {
      worker?.terminate();
    },
  };
}
