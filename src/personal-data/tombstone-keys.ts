import type { IdNumberVault } from './id-number-vault.js';

/** The keyed hashes an erased person leaves behind: of the ID number, and of full name + exact birth date. */
export function tombstoneKeys(
  vault: Pick<IdNumberVault, 'hash'>,
  r: {
    idNumber?: string | null;
    idNumberHash?: Buffer | null;
    nameFolded: string | null;
    birthDate: string | null;
    birthDatePrecision: string | null;
  },
): { kind: 'ID_NUMBER' | 'NAME_BIRTH'; hash: Buffer }[] {
  const keys: { kind: 'ID_NUMBER' | 'NAME_BIRTH'; hash: Buffer }[] = [];
  const idHash = r.idNumberHash ?? (r.idNumber ? vault.hash(r.idNumber) : null);
  if (idHash) keys.push({ kind: 'ID_NUMBER', hash: idHash });
  if (r.nameFolded && r.birthDate && r.birthDatePrecision === 'DAY')
    keys.push({ kind: 'NAME_BIRTH', hash: vault.hash(`name-birth:${r.nameFolded}|${r.birthDate}`) });
  return keys;
}
