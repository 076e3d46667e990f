import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits on the shape of a query, checked before anything runs (README "API limits"): how deep,
 * how many aliases, how costly. Cost counts every object field once per row it may return: a
 * field with a `first` argument multiplies what is below it (by the page cap when `first` is a
 * variable, by the default page size when absent on a paged field). Fields whose database work
 * does not show in their shape (an aggregation over a province, a count) add their own weight
 * (`FIELD_COSTS`): `overlap` and `flagCounts` cost more than half the limit, so a request has one.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Largest page size any `first` accepts. */
  maxPage: number;
  /** Page size assumed for a paged field without `first`. */
  defaultPage: number;
}

/** Tokens in one query document: a parse that stops early on a huge body. */
export const MAX_QUERY_TOKENS = 5000;

export const QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxCost: 5000, maxPage: 500, defaultPage: 50 };

/** Fields that return pages (they take `first`). */
const PAGED_FIELDS = new Set(['memberRecords', 'auditEvents', 'communes', 'reportRows', 'reportPhantoms', 'flaggedRecords', 'reviewQueue']);

/** The database work of a field beyond its rows, in the units of `maxCost` (5000 by default). */
export const FIELD_COSTS: Record<string, number> = {
  overlap: 3000,
  flagCounts: 3000,
  possibleDuplicates: 1000,
  totalCount: 500,
  report: 300,
  reports: 300,
  reportRows: 300,
  reportPhantoms: 500,
  flaggedRecords: 500,
  reviewQueue: 500,
  person: 200,
  memberRecord: 50,
};

/** The deepest introspection query allowed when introspection is on (the query page's own is 13 deep). */
export const MAX_INTROSPECTION_DEPTH = 16;

export function queryLimitRules(limits: QueryLimits = QUERY_LIMITS, options: { introspection?: boolean } = {}): ValidationRule[] {
  return [(ctx: ValidationContext): ASTVisitor => checkDocument(ctx, limits, options.introspection === true)];
}

function checkDocument(ctx: ValidationContext, limits: QueryLimits, introspection: boolean): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  let introspectionDepth = 0;
  let reported = false;
  const report = (message: string) => {
    if (!reported) ctx.reportError(new GraphQLError(message));
    reported = true;
  };

  /**
   * Depth and cost of a selection set; fragments are followed, a cycle stops (graphql-js reports
   * it). `multiplier`: rows the set may be evaluated for; `objects`: the objects that hold it (a
   * page's `totalCount` is counted once per page, not once per row).
   */
  const walk = (
    set: SelectionSetNode,
    depth: number,
    multiplier: number,
    seen: Set<string>,
    objects: number,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        cost += objects * (FIELD_COSTS[sel.name.value] ?? 0);
        if (!sel.selectionSet) continue;
        const m = multiplier * pageSize(sel, limits);
        const below = walk(sel.selectionSet, depth + 1, m, seen, multiplier);
        if (introspection && sel.name.value.startsWith('__')) {
          // Introspection reads the schema in memory: its own depth limit, no database cost.
          introspectionDepth = Math.max(introspectionDepth, below.depth - depth + 1);
          continue;
        }
        cost += multiplier + below.cost;
        maxDepth = Math.max(maxDepth, below.depth);
      } else {
        let inner: SelectionSetNode | undefined;
        if (sel.kind === Kind.INLINE_FRAGMENT) inner = sel.selectionSet;
        else if (!seen.has(sel.name.value)) inner = fragments.get(sel.name.value)?.selectionSet;
        if (!inner) continue;
        const next = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen;
        const below = walk(inner, depth, multiplier, next, objects);
        cost += below.cost;
        maxDepth = Math.max(maxDepth, below.depth);
      }
      if (cost > limits.maxCost * 10) break;
    }
    return { depth: maxDepth, cost };
  };

  return {
    OperationDefinition(op) {
      aliases = 0;
      introspectionDepth = 0;
      const { depth, cost } = walk(op.selectionSet, 1, 1, new Set(), 1);
      if (introspectionDepth > MAX_INTROSPECTION_DEPTH)
        report(`Truy vấn introspection lồng quá sâu: ${introspectionDepth} tầng (tối đa ${MAX_INTROSPECTION_DEPTH}).`);
      else if (depth > limits.maxDepth) report(`Truy vấn lồng quá sâu: ${depth} tầng (tối đa ${limits.maxDepth}).`);
      else if (aliases > limits.maxAliases) report(`Truy vấn dùng quá nhiều bí danh (alias): ${aliases} (tối đa ${limits.maxAliases}).`);
      else if (cost > limits.maxCost)
        report(`Truy vấn quá lớn: chi phí ước tính ${cost} (tối đa ${limits.maxCost}); giảm 'first' hoặc bớt trường lồng nhau.`);
    },
  };
}

function pageSize(field: FieldNode, limits: QueryLimits): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return PAGED_FIELDS.has(field.name.value) ? limits.defaultPage : 1;
  if (first.value.kind === Kind.INT) return Math.max(1, Math.min(Number(first.value.value), limits.maxPage));
  return limits.maxPage;
}
