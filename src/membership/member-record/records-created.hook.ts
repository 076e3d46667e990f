import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Records that now exist: made by the form (`createMemberRecord`) or committed by an import batch. */
export interface RecordsCreated {
  ids: string[];
  source: 'FORM' | 'IMPORT';
}

/** Work to do once records exist. It runs after their transaction; a failure never undoes them. */
export type RecordsCreatedListener = (event: RecordsCreated) => Promise<void>;

/** Memberships just ended (the form's endMembership, a confirmed flag), and by whom: what follows from them changes. */
export type RecordsEndedListener = (ids: string[], by: string) => Promise<void>;

/** A record moved to another commune's unit (a transfer done or accepted), in the move's transaction. */
export interface RecordMoved {
  id: string;
  /** The unit it went to, by name, and the day the move took effect (yyyy-mm-dd). */
  unitName: string;
  date: string;
}

/** Work that belongs to the move itself: it runs in its transaction (a failure undoes the move). */
export type RecordsMovedListener = (em: EntityManager, moved: RecordMoved, by: string) => Promise<void>;

/**
 * The one hand-off from the membership core to the features above it (the linker links new records
 * at once, and re-reads the persons of ended ones). The core cannot import the linker, so the linker
 * subscribes here (`*.listener.ts`).
 */
@Injectable()
export class RecordsCreatedHook {
  private readonly listeners: RecordsCreatedListener[] = [];
  private readonly endedListeners: RecordsEndedListener[] = [];
  private readonly movedListeners: RecordsMovedListener[] = [];
  private readonly logger = new Logger('MemberRecords');

  subscribe(listener: RecordsCreatedListener): void {
    this.listeners.push(listener);
  }

  subscribeEnded(listener: RecordsEndedListener): void {
    this.endedListeners.push(listener);
  }

  subscribeMoved(listener: RecordsMovedListener): void {
    this.movedListeners.push(listener);
  }

  /** In the move's transaction. */
  async emitMoved(em: EntityManager, moved: RecordMoved, by: string): Promise<void> {
    for (const listener of this.movedListeners) await listener(em, moved, by);
  }

  /** After the ending's transaction: a failure never undoes it (the next link run settles what it left). */
  async emitEnded(ids: string[], by: string): Promise<void> {
    for (const listener of this.endedListeners)
      await listener(ids, by).catch((e: unknown) =>
        this.logger.warn(`after ending ${ids.length} record(s): ${e instanceof Error ? e.message : String(e)}`),
      );
  }

  async emit(event: RecordsCreated): Promise<void> {
    if (!event.ids.length) return;
    for (const listener of this.listeners)
      await listener(event).catch((e: unknown) =>
        this.logger.warn(`after creating ${event.ids.length} record(s): ${e instanceof Error ? e.message : String(e)}`),
      );
  }
}
