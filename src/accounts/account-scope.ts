import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import type { OrganizationsService } from '../membership/organization/organizations.service.js';
import type { UnitsService } from '../membership/unit/units.service.js';
import { Role } from '../access/role.js';

/** An account's or a service token's role and scope. */
export interface ScopeInput {
  role: Role;
  organization?: string | null;
  unit?: string | null;
}

/** Why a secretariat cannot be given an organization whose members are organizations (the Mặt trận). */
const NO_ROSTER = (name: string) =>
  `${name} không giữ danh sách hội viên cá nhân (hội viên là các tổ chức): chọn tổ chức mà văn phòng này giữ danh sách; người theo dõi số liệu của cả Mặt trận dùng vai trò DAN_VAN`;

/** SECRETARIAT needs an organization (and may narrow to a unit); other roles take neither. Problems are added to `problems`. */
export async function checkScope(
  organizations: OrganizationsService,
  units: UnitsService,
  input: ScopeInput,
  problems: FieldProblem[],
): Promise<{ organization: string | null; unitId: string | null }> {
  const org = input.organization?.trim().toUpperCase() || null;
  const unit = input.unit?.trim() || null;
  if (input.role !== Role.SECRETARIAT) {
    if (org || unit)
      problems.push({
        field: 'organization',
        value: org ?? unit,
        message: `Vai trò ${input.role} không gắn với tổ chức hay đơn vị (chỉ SECRETARIAT)`,
      });
    return { organization: null, unitId: null };
  }
  if (!org) {
    problems.push({ field: 'organization', value: null, message: 'Vai trò SECRETARIAT cần mã tổ chức (--org, ví dụ DTN)' });
    return { organization: null, unitId: null };
  }
  try {
    const def = await organizations.get(org);
    // The Mặt trận's members are organizations: a secretariat of it would have no roster to keep.
    if (!def.hasIndividualMembers) {
      problems.push({ field: 'organization', value: org, message: NO_ROSTER(def.name) });
      return { organization: null, unitId: null };
    }
  } catch (e) {
    problems.push({ field: 'organization', value: org, message: e instanceof Error ? e.message : String(e) });
    return { organization: null, unitId: null };
  }
  if (!unit) return { organization: org, unitId: null };
  // A code as typed, or in capitals (codes are written so: "dtn-03325" is DTN-03325).
  const u = (await units.findByCodeOrNull(org, unit)) ?? (await units.findByCodeOrNull(org, unit.toUpperCase()));
  if (u) return { organization: org, unitId: u.id };
  const elsewhere = (await units.organizationsWithCode(unit)).filter((o) => o !== org);
  problems.push({
    field: 'unit',
    value: unit,
    message: elsewhere.length
      ? `Đơn vị '${unit}' thuộc tổ chức ${elsewhere.join(', ')}, không thuộc ${org}: chọn đúng tổ chức của đơn vị, hoặc một đơn vị của ${org} (lienthong org units --org ${org})`
      : `Không có đơn vị '${unit}' trong tổ chức ${org}: tạo đơn vị trước (văn phòng cả tổ chức hoặc quản trị: màn hình "Chi hội / đơn vị" → "Thêm đơn vị cơ sở", hoặc createUnit), rồi dùng mã của nó`,
  });
  return { organization: org, unitId: null };
}

/**
 * Refuses to leave the province without an administrator who can log in: the last one not locked is
 * not locked, nor given another role (from the server's command line, which may do either to anyone).
 */
export async function keepAnAdministrator(
  em: EntityManager,
  user: { id: string; username: string; role: Role },
  what: string,
): Promise<void> {
  if (user.role !== Role.ADMIN) return;
  const [{ others }] = await em.query<{ others: number }[]>(
    `SELECT count(*)::int AS others FROM app_user WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1`,
    [user.id],
  );
  if (!others)
    throw new DomainError(
      'BAD_USER_INPUT',
      `Không thể ${what} '${user.username}': đây là quản trị viên duy nhất còn dùng được. Tạo hoặc mở khóa một quản trị viên khác trước (lienthong user create --role ADMIN), rồi làm lại.`,
    );
}
