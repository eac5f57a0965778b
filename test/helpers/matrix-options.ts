import type { MatrixOptions } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';

/** The options of a test matrix: us-east-1, both invoke actions, a fixed clock and tool version. */
export function matrixOptions(models: readonly string[], extra: Partial<MatrixOptions> = {}): MatrixOptions {
  return {
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    catalog: shippedCatalog(),
    now: new Date('2026-06-01T00:00:00Z'),
    toolVersion: 'test',
    models,
    ...extra,
  };
}
