import { SIDE_FILES, sideFile, sideFileName } from './side-files.js';

describe('side files', () => {
  it('names each kind', () => {
    expect(SIDE_FILES).toEqual({ errors: 'loi', result: 'ma', missing: 'thieu' });
  });

  it.each([
    ['ds.xlsx', 'errors', 'ds.loi.csv'],
    ['ds.csv', 'result', 'ds.ma.csv'],
    ['ds.csv', 'missing', 'ds.thieu.csv'],
    ['danh sách 2025.xlsx', 'errors', 'danh sách 2025.loi.csv'],
    ['ds', 'errors', 'ds.loi.csv'],
    ['ds.v2.csv', 'result', 'ds.v2.ma.csv'],
    ['/data/tinh/ds.xlsx', 'missing', 'ds.thieu.csv'],
  ] as const)('%j, %s → %j', (source, kind, name) => {
    expect(sideFileName(source, kind)).toBe(name);
  });

  it.each([
    ['/data/tinh/ds.xlsx', 'errors', '/data/tinh/ds.loi.csv'],
    ['ds.csv', 'result', 'ds.ma.csv'],
    ['./in/ds.csv', 'missing', 'in/ds.thieu.csv'],
    ['../ds.xlsx', 'errors', '../ds.loi.csv'],
  ] as const)('beside %j, %s → %j', (input, kind, file) => {
    expect(sideFile(input, kind)).toBe(file);
  });
});
