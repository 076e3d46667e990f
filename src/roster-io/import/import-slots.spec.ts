import { DomainError } from '../../common/errors/domain-error.js';
import { ImportSlots } from './import-slots.js';

describe('turns to run an import', () => {
  it('runs at most two at once; the third waits and gets the first turn given back, in the order asked', async () => {
    const slots = new ImportSlots(2);
    const first = await slots.take();
    const second = await slots.take();
    const order: string[] = [];
    const third = slots.take(1000).then((done) => (order.push('third'), done));
    const fourth = slots.take(1000).then((done) => (order.push('fourth'), done));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    first();
    first(); // given back once only
    const t = await third;
    expect(order).toEqual(['third']);
    second();
    const f = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    // Two running (third and fourth): a fifth waits; one ends, the fifth runs.
    const fifth = slots.take(1000);
    t();
    (await fifth)();
    f();
    // All given back: two run again at once without waiting.
    await Promise.all([slots.take(1), slots.take(1)]);
  });

  it('refuses, saying so in Vietnamese, an import that waited too long; its place in line is freed', async () => {
    const slots = new ImportSlots(1);
    const running = await slots.take();
    const refused = await slots.take(30).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('TOO_MANY_REQUESTS');
    expect((refused as DomainError).message).toMatch(/^Máy chủ đang nhập 1 tệp khác nên chưa nhận thêm tệp này \(chưa ghi gì\)/);
    running();
    // The refused one left the line: the turn given back is free for the next.
    (await slots.take(30))();
  });
});
