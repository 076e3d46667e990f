import { hasReason } from '../../common/errors/domain-error.js';

/**
 * How the scheduled catch-up reads a failure: BUSY when another report held the lock (it runs on the
 * next tick, nothing to log), FAILED for anything else, other CONFLICTs included.
 */
export function catchUpFailure(e: unknown): 'BUSY' | 'FAILED' {
  return hasReason(e, 'REPORT_BUSY') ? 'BUSY' : 'FAILED';
}
