import { unitToCreate } from './import-preview.js';

describe('a row whose unit the confirmation creates', () => {
  const created = { 'u-new': 'Chi hội bản Co Mạn' };
  const row = { fate: 'CREATED' as const, changed: [], unitNew: null, unitAfter: null };

  it('names a new member’s chi hội, which no unit has yet, and says it is made on confirming', () => {
    expect(unitToCreate(row, 'u-new', created)).toEqual({ unitNew: 'Chi hội bản Co Mạn', unitAfter: null, unitCreated: true });
  });

  it('names where a member moves to when that chi hội is new', () => {
    const moving = { ...row, fate: 'UPDATED' as const, changed: ['unitId'], unitAfter: null };
    expect(unitToCreate(moving, 'u-new', created)).toEqual({ unitNew: null, unitAfter: 'Chi hội bản Co Mạn', unitCreated: true });
  });

  it('leaves a row alone whose unit exists, or that does not move', () => {
    expect(unitToCreate({ ...row, unitNew: 'Chi hội bản Hua Thanh' }, 'u-old', created)).toEqual({
      unitNew: 'Chi hội bản Hua Thanh',
      unitAfter: null,
      unitCreated: false,
    });
    expect(unitToCreate({ ...row, fate: 'UPDATED' as const }, 'u-new', created).unitCreated).toBe(false);
    // A plan made before the names were kept by id.
    expect(unitToCreate(row, 'u-new', undefined).unitCreated).toBe(false);
    // Not a name the prototype of an object has.
    expect(unitToCreate(row, 'toString', created).unitCreated).toBe(false);
  });
});
