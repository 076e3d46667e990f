import type { OrganizationDefinition } from '../membership/organization/organization-definition.js';
import { CCB } from './ccb/ccb.organization.js';
import { CD } from './cd/cd.organization.js';
import { DTN } from './dtn/dtn.organization.js';
import { HND } from './hnd/hnd.organization.js';
import { HPN } from './hpn/hpn.organization.js';
import { MTTQ } from './mttq/mttq.organization.js';
import { NCT } from './nct/nct.organization.js';

/** The organizations with rules in code. Adding one: a folder and a line here. */
export const BUILT_IN_ORGANIZATIONS: OrganizationDefinition[] = [MTTQ, CD, DTN, HPN, HND, CCB, NCT];
