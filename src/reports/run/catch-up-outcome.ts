import { hasReason } from '../../common/errors/domain-error.js';

/**
 * How the scheduled catch-up reads a failure: BUSY when another report held the lock (it runs on the
 * next tick, nothing to log), STOPPED when the server was stopping (its connections closed under it:
 * nothing was written, the next start computes it), FAILED for anything else, other CONFLICTs included.
 */
export function catchUpFailure(e: unknown, stopping = false): 'BUSY' | 'STOPPED' | 'FAILED' {
  if (hasReason(e, 'REPORT_BUSY')) return 'BUSY';
  return stopping ? 'STOPPED' : 'FAILED';
}
