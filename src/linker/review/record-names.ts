import { Injectable } from '@nestjs/common';
import { GeographyService } from '../../geography/geography.service.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { flagLabel } from '../model/phantom.js';

/** What a listed record's codes say in words: its organization's and commune's names, its flags'. */
@Injectable()
export class RecordNames {
  constructor(
    private readonly geography: GeographyService,
    private readonly organizations: OrganizationsService,
  ) {}

  organization(code: string): string {
    return this.organizations.list().find((o) => o.definition.code === code)?.definition.name ?? code;
  }

  commune(code: string | null): string | null {
    return code ? (this.geography.commune(code)?.name ?? null) : null;
  }

  flags(codes: string[] | null): string[] | null {
    return codes?.map(flagLabel) ?? null;
  }
}
