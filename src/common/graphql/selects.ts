import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether a selection asks for `field` (through fragments too). */
export function selects(set: SelectionSetNode | undefined, field: string, info: GraphQLResolveInfo): boolean {
  return (set?.selections ?? []).some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === field;
    if (s.kind === Kind.INLINE_FRAGMENT) return selects(s.selectionSet, field, info);
    return selects(info.fragments[s.name.value]?.selectionSet, field, info);
  });
}

/** Whether the field being resolved asks for `field` among its own. */
export const asksFor = (info: GraphQLResolveInfo, field: string): boolean =>
  info.fieldNodes.some((n) => selects(n.selectionSet, field, info));
