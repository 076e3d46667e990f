import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { QUERY_LIMITS, queryLimitRules } from './query-limits.js';

const schema = buildSchema(`
  type Query { memberRecords(first: Int): Page, node: Node, organizations: [Org], overlap(scope: String): Overlap, flagCounts: [Org] }
  type Overlap { people: Int }
  type Page { nodes: [Node] }
  type Node { id: ID, child: Node, history: [Node] }
  type Org { code: String }
`);
const limits = { maxDepth: 5, maxAliases: 3, maxCost: 300, maxPage: 500, defaultPage: 50 };
const errors = (q: string) => validate(schema, parse(q), queryLimitRules(limits)).map((e) => e.message);

describe('query limits', () => {
  it('lets ordinary queries through', () => {
    expect(errors('{ organizations { code } memberRecords(first: 5) { nodes { id history { id } } } }')).toEqual([]);
  });

  it('refuses deep nesting, also through fragments', () => {
    expect(errors('{ node { child { child { child { child { id } } } } } }')[0]).toMatch(/lồng quá sâu: 6 tầng \(tối đa 5\)/);
    expect(errors('{ node { ...A } } fragment A on Node { child { child { child { child { id } } } } }')[0]).toMatch(/lồng quá sâu/);
  });

  it('counts aliases', () => {
    expect(errors('{ a: organizations { code } b: organizations { code } c: organizations { code } }')).toEqual([]);
    expect(
      errors('{ a: organizations { code } b: organizations { code } c: organizations { code } d: organizations { code } }')[0],
    ).toMatch(/bí danh.*4 \(tối đa 3\)/);
  });

  it('multiplies cost by page size (a variable counts as the largest page)', () => {
    expect(errors('{ memberRecords(first: 5) { nodes { child { id } } } }')).toEqual([]);
    expect(errors('{ memberRecords(first: 200) { nodes { child { id } } } }')[0]).toMatch(/chi phí ước tính \d+ \(tối đa 300\)/);
    expect(errors('query ($n: Int) { memberRecords(first: $n) { nodes { id } } }')[0]).toMatch(/chi phí/);
  });

  it('does not loop on a fragment cycle (graphql-js reports the cycle itself)', () => {
    const e = validate(schema, parse('{ node { ...A } } fragment A on Node { child { ...A } }'), [
      ...specifiedRules,
      ...queryLimitRules(limits),
    ]);
    expect(e.map((x) => x.message).join()).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('gives fields that aggregate a province their real weight: one such field a request', () => {
    const real = (q: string) => validate(schema, parse(q), queryLimitRules(QUERY_LIMITS)).map((e) => e.message);
    expect(real('{ overlap(scope: "province") { people } }')).toEqual([]);
    expect(real('{ a: overlap(scope: "province") { people } b: overlap(scope: "org:DTN") { people } }')[0]).toMatch(/chi phí ước tính/);
    expect(real('{ overlap { people } flagCounts { code } }')[0]).toMatch(/chi phí ước tính/);
  });

  it("lets the query page's own introspection through when introspection is on, and only then", () => {
    const introspection = parse(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(validate(schema, introspection, queryLimitRules(QUERY_LIMITS, { introspection: true }))).toEqual([]);
    expect(validate(schema, introspection, queryLimitRules(QUERY_LIMITS))[0].message).toMatch(/lồng quá sâu/);
    const deep = `{ __schema { types { ${'fields { type { '.repeat(8)}name${' } }'.repeat(8)} } } }`;
    expect(validate(schema, parse(deep), queryLimitRules(QUERY_LIMITS, { introspection: true }))[0].message).toMatch(
      /introspection lồng quá sâu/,
    );
  });
});
