import { buildSchema, graphql } from 'graphql';
import { vietnameseGraphqlMessage } from './graphql-messages.js';

// The messages come from graphql-js itself (the version installed), so a change of its wording shows here.
describe('a refused query is told in Vietnamese', () => {
  const schema = buildSchema(`
    input MemberInput { fullName: String! birthYear: Int }
    type Member { id: ID! fullName: String! unit: Unit }
    type Unit { code: String! }
    type Query { member(id: ID!): Member search(input: MemberInput, first: Int): [Member!]! }
  `);
  const said = async (source: string, variableValues?: Record<string, unknown>) => {
    const r = await graphql({ schema, source, variableValues });
    expect(r.errors?.length).toBeGreaterThan(0);
    return vietnameseGraphqlMessage(r.errors![0].message);
  };

  it.each([
    [
      '{ member(id: "1") { fullname } }',
      undefined,
      'Kiểu "Member" không có trường "fullname" (có phải "fullName"?). Xem các trường trong schema.graphql.',
    ],
    ['{ member { id } }', undefined, 'Trường "member" cần tham số "id" (kiểu ID!) nhưng yêu cầu chưa gửi.'],
    ['{ search(frist: 5) { id } }', undefined, 'Trường "Query.search" không có tham số "frist" (có phải "first"?).'],
    ['{ member(id: "1") }', undefined, 'Trường "member" (kiểu Member) cần chọn các trường con: viết "member { … }".'],
    ['{ member(id: "1") { fullName { x } } }', undefined, 'Trường "fullName" (kiểu String!) không có trường con: bỏ phần "{ … }" sau nó.'],
    ['query($id: ID!) { member(id: $id) { id } }', {}, 'Biến "$id" (kiểu ID!) là bắt buộc nhưng chưa được gửi trong \'variables\'.'],
    [
      'query($n: Int) { search(first: $n) { id } }',
      { n: 'mười' },
      'Biến "$n" có giá trị không hợp lệ "mười": cần một giá trị kiểu Int, nhận "mười".',
    ],
    [
      'query($i: MemberInput) { search(input: $i) { id } }',
      { i: { birthYear: 1990 } },
      'Biến "$i" có giá trị không hợp lệ { birthYear: 1990 }: thiếu trường bắt buộc "fullName" (kiểu String!).',
    ],
    [
      'query($i: MemberInput) { search(input: $i) { id } }',
      { i: { fullName: 'A', birthYear: 'x' } },
      'Biến "$i" có giá trị không hợp lệ "x" ở "i.birthYear": cần một giá trị kiểu Int, nhận "x".',
    ],
    [
      'query($i: MemberInput) { search(input: $i) { id } }',
      { i: { fullName: 'A', ten: 'B' } },
      'Biến "$i" có giá trị không hợp lệ { fullName: "A", ten: "B" }: kiểu MemberInput không có trường "ten".',
    ],
    [
      '{ member(id: "1") { id }',
      undefined,
      'Lỗi cú pháp trong truy vấn GraphQL (Expected Name, found <EOF>). Kiểm tra dấu ngoặc và tên trường.',
    ],
  ])('%s', async (source, variables, message) => {
    expect(await said(source, variables)).toBe(message);
  });

  it('keeps our own Vietnamese messages, and opens any other in Vietnamese with its words kept', () => {
    expect(vietnameseGraphqlMessage('Truy vấn dùng quá nhiều bí danh')).toBe('Truy vấn dùng quá nhiều bí danh');
    expect(vietnameseGraphqlMessage('Something new.')).toBe('Truy vấn GraphQL không hợp lệ: Something new.');
  });
});
