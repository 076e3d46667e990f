import { foldVi, viOrder as VI_ORDER } from '../../format.ts';
import type { TreeUnit } from './units-query.ts';

export interface UnitBranch {
  unit: TreeUnit;
  /** Members not ended in this unit and every unit under it. */
  total: number;
  children: UnitBranch[];
}

/**
 * Her units as a tree (a unit whose parent she does not see is a root), siblings in Vietnamese
 * order, each with its subtree's member count. She sees whole subtrees (her scope is a subtree),
 * so the units' own counts add up to each branch's.
 */
export function unitBranches(units: TreeUnit[]): UnitBranch[] {
  const nodes = new Map(units.map((u) => [u.code, { unit: u, total: 0, children: [] as UnitBranch[] }]));
  const roots: UnitBranch[] = [];
  for (const u of units) {
    const parent = u.parentCode ? nodes.get(u.parentCode) : undefined;
    (parent ? parent.children : roots).push(nodes.get(u.code)!);
  }
  const settle = (b: UnitBranch): number => {
    b.children.sort((x, y) => VI_ORDER.compare(x.unit.name, y.unit.name) || VI_ORDER.compare(x.unit.code, y.unit.code));
    b.total = (b.unit.memberCount ?? 0) + b.children.reduce((n, c) => n + settle(c), 0);
    return b.total;
  };
  roots.forEach(settle);
  return roots.sort((x, y) => VI_ORDER.compare(x.unit.name, y.unit.name));
}

/**
 * The branches whose name holds what she typed (with or without accents), with the units above
 * them (to show where they are) and everything under them; all of it when she typed nothing.
 */
export function filterBranches(branches: UnitBranch[], typed: string): UnitBranch[] {
  const q = foldVi(typed.trim());
  if (!q) return branches;
  return branches.flatMap((b) => {
    if (foldVi(b.unit.name).includes(q) || foldVi(b.unit.code) === q) return [b];
    const children = filterBranches(b.children, typed);
    return children.length ? [{ ...b, children }] : [];
  });
}
