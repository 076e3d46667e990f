import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { BackupOverviewType, BackupRunType, BackupsArgs } from './backups.types.js';
import { BackupsService } from './backups.service.js';

/** Thin: the backups taken, and one started from the console (administrators only). */
@Resolver()
export class BackupsResolver {
  constructor(private readonly service: BackupsService) {}

  @Allow(Role.ADMIN)
  @Query(() => BackupOverviewType, {
    description: 'Where console backups go, where the key is kept, and the newest backups (console and CLI).',
  })
  backups(@Args() { first }: BackupsArgs): Promise<BackupOverviewType> {
    return this.service.overview(first);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => BackupRunType, {
    description:
      'Starts a backup of the embedded database in the server, in the background, into BACKUP_DIR, without the key (audited once written). ' +
      'CONFLICT while another runs here, with an external database, or when the folder cannot be written.',
  })
  startBackup(@Caller() caller: Principal): BackupRunType {
    return this.service.start(caller);
  }
}
