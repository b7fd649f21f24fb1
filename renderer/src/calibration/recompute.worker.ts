/**
 * The recompute worker: keeps the history matrix (sent once, its buffers
 * transferred) and answers each config with a calibration result, so scoring
 * 10,000 accounts × 24 snapshots never blocks the page.
 */
import { Calibrator } from './compute.ts';
import type { RecomputeReply, RecomputeRequest } from './protocol.ts';

const calibrator = new Calibrator();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RecomputeRequest>) => void) | null;
  postMessage(message: RecomputeReply): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'matrix') {
    calibrator.setMatrix(request.matrix);
    return;
  }
  if (request.kind === 'reference') {
    calibrator.setReference(request.config);
    return;
  }
  try {
    const result = calibrator.evaluate(request.config, request.suggestWeights);
    scope.postMessage({ kind: 'result', id: request.id, result });
  } catch (error) {
    scope.postMessage({
      kind: 'failure',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
