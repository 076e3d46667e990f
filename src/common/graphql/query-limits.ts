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
 * variable, by the default page size when absent on a paged field).
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
const PAGED_FIELDS = new Set(['memberRecords', 'auditEvents', 'communes']);

export function queryLimitRules(limits: QueryLimits = QUERY_LIMITS): ValidationRule[] {
  return [(ctx: ValidationContext): ASTVisitor => checkDocument(ctx, limits)];
}

function checkDocument(ctx: ValidationContext, limits: QueryLimits): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  let reported = false;
  const report = (message: string) => {
    if (!reported) ctx.reportError(new GraphQLError(message));
    reported = true;
  };

  /** Depth and cost of a selection set; fragments are followed, a cycle stops (graphql-js reports it). */
  const walk = (set: SelectionSetNode, depth: number, multiplier: number, seen: Set<string>): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (!sel.selectionSet) continue;
        const m = multiplier * pageSize(sel, limits);
        const below = walk(sel.selectionSet, depth + 1, m, seen);
        cost += multiplier + below.cost;
        maxDepth = Math.max(maxDepth, below.depth);
      } else {
        let inner: SelectionSetNode | undefined;
        if (sel.kind === Kind.INLINE_FRAGMENT) inner = sel.selectionSet;
        else if (!seen.has(sel.name.value)) inner = fragments.get(sel.name.value)?.selectionSet;
        if (!inner) continue;
        const next = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen;
        const below = walk(inner, depth, multiplier, next);
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
      const { depth, cost } = walk(op.selectionSet, 1, 1, new Set());
      if (depth > limits.maxDepth) report(`Truy vấn lồng quá sâu: ${depth} tầng (tối đa ${limits.maxDepth}).`);
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
