import type ExcelJS from 'exceljs';
import { spansOrganizations, type CommuneFigures } from '../counting/commune-people.js';
import { COMMUNE_PEOPLE_NOTE, FIGURE_LABELS, PEOPLE_NOT_SUSPECTED } from '../figures/figure-wording.js';
import { UNKNOWN_COMMUNE } from './wording.js';
import { sheet } from './xlsx-sheet.js';

/** Each commune's people, one in several organizations there once: the dashboard's "Theo xã" and a report's "Số người theo xã". */
export function communePeopleSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  heading: string[],
  communes: CommuneFigures[],
  scope: string,
): void {
  // In one organization's (or unit's) scope nobody is in two: no column of zeros.
  const several = spansOrganizations(scope);
  sheet(
    wb,
    name,
    [...heading, COMMUNE_PEOPLE_NOTE],
    [
      { header: 'Mã xã', width: 9 },
      { header: 'Xã/phường', width: 30 },
      { header: FIGURE_LABELS.memberships, width: 12, number: true },
      { header: FIGURE_LABELS.people, width: 12, number: true },
      { header: PEOPLE_NOT_SUSPECTED.label, width: 16, number: true },
      ...(several ? [{ header: 'Số người ở từ 2 tổ chức (trong xã)', width: 16, number: true }] : []),
      { header: FIGURE_LABELS.suspectedPhantoms, width: 11, number: true },
    ],
    communes.map((c) => [
      c.code,
      c.name ?? UNKNOWN_COMMUNE,
      c.memberships,
      c.people,
      c.peopleNotSuspected,
      ...(several ? [c.peopleInSeveralOrgs] : []),
      c.suspectedPhantoms,
    ]),
  );
}
