/**
 * A unit's commune where its name does not say it (null when it does, or it has none): a province has many "Chi hội 1"
 * and four communes a "Chi hội … thôn Trung". "Cơ sở Hội Nông dân xã Si Pa Phìn" says Xã Si Pa Phìn.
 */
export function unsaidCommune(name: string, commune: string | null | undefined): string | null {
  return commune && !name.toLowerCase().includes(commune.toLowerCase()) ? commune : null;
}

/** A unit as a list names it: "Chi hội bản Nậm Chẩn (Xã Si Pa Phìn)", its commune where its name does not say it. */
export function unitLabel(name: string, commune: string | null | undefined): string {
  const unsaid = unsaidCommune(name, commune);
  return unsaid ? `${name} (${unsaid})` : name;
}

/** The row of a unit's own members, in none of the units under it (the dashboard's table and its Excel). */
export const ownMembersLabel = (name: string): string => `Hội viên trực tiếp của ${name} (không ở chi hội nào bên dưới)`;
