import { DomainError } from '../errors/domain-error.js';

/**
 * A roster file that cannot be read as a roster: the user's to fix (a 400 over HTTP, a non-zero
 * exit on the CLI), with a Vietnamese message that says what to do.
 */
export class SourceError extends DomainError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
    this.name = 'SourceError';
  }
}
