/** Who may do what (README "Roles"). */
export enum Role {
  /** Users, configuration, associations, everything. */
  ADMIN = 'ADMIN',
  /** One organization and a unit subtree: its own roster. */
  SECRETARIAT = 'SECRETARIAT',
  /** Ban Dân vận: reads across organizations, decides link reviews. */
  DAN_VAN = 'DAN_VAN',
  /** Reports and aggregate figures only. */
  AUDITOR = 'AUDITOR',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.ADMIN]: 'Quản trị viên',
  [Role.SECRETARIAT]: 'Văn phòng tổ chức',
  [Role.DAN_VAN]: 'Ban Dân vận',
  [Role.AUDITOR]: 'Kiểm tra (chỉ số liệu tổng hợp)',
};

export const isRole = (v: string): v is Role => (Object.values(Role) as string[]).includes(v);
