import { message } from '../../src/model/index.js';

/** A reproduction's Region when the test does not care where it came from: as if given with --region. */
export const REGION_GIVEN = message('message-region-from', { source: '--region', region: 'us-east-1' });
