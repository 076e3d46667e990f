import { personFigures } from './person-groups.js';

describe('person figures from groups of persons by their organizations', () => {
  it('counts people, people not suspected, the buckets and the overlap as counting each person would', () => {
    const persons = [
      { orgs: ['HPN'], real: true },
      { orgs: ['HPN'], real: false },
      { orgs: ['HND', 'HPN'], real: true },
      { orgs: ['HND', 'HPN'], real: true },
      { orgs: ['CCB', 'HND', 'NCT'], real: true },
      { orgs: ['CD', 'CCB', 'HND', 'NCT'], real: false },
    ];
    // Grouped as the SQL groups them (same set, same suspicion), in no particular order.
    const groups = [
      { orgs: ['HND', 'HPN'], real: true, n: 2 },
      { orgs: ['HPN'], real: false, n: 1 },
      { orgs: ['CD', 'CCB', 'HND', 'NCT'], real: false, n: 1 },
      { orgs: ['HPN'], real: true, n: 1 },
      { orgs: ['CCB', 'HND', 'NCT'], real: true, n: 1 },
    ];
    const f = personFigures(groups);
    expect(f.people).toBe(persons.length);
    expect(f.realPeople).toBe(persons.filter((p) => p.real).length);
    expect(f.split).toEqual({ one: 2, two: 2, three: 1, fourOrMore: 1, threeOrMore: 2 });
    const both = (a: string, b: string) => persons.filter((p) => p.orgs.includes(a) && p.orgs.includes(b)).length;
    expect(f.overlap.find((o) => o.a === 'HND' && o.b === 'HPN')!.people).toBe(both('HND', 'HPN'));
    expect(f.overlap.find((o) => o.a === 'CCB' && o.b === 'NCT')!.people).toBe(both('CCB', 'NCT'));
    expect(f.overlap.find((o) => o.a === 'HPN' && o.b === 'HPN')!.people).toBe(4);
    expect(f.overlap.find((o) => o.a === 'CD' && o.b === 'HND')!.people).toBe(1);
    expect(f.overlap.map((o) => `${o.a}|${o.b}`)).toEqual(f.overlap.map((o) => `${o.a}|${o.b}`).sort());
  });

  it("counts a commune's persons in the overlap under the organizations they are in there, in the split under all of theirs", () => {
    // An: HPN here, HND in another commune. Bình: HPN and HND here.
    const f = personFigures([
      { orgs: ['HND', 'HPN'], here: ['HPN'], real: true, n: 1 },
      { orgs: ['HND', 'HPN'], here: ['HND', 'HPN'], real: true, n: 1 },
    ]);
    expect(f.overlap).toEqual([
      { a: 'HND', b: 'HND', people: 1 },
      { a: 'HND', b: 'HPN', people: 1 },
      { a: 'HPN', b: 'HPN', people: 2 },
    ]);
    expect(f.split.two).toBe(2);
  });

  it('gives zeros for an area without persons', () => {
    expect(personFigures([])).toEqual({
      people: 0,
      realPeople: 0,
      split: { one: 0, two: 0, three: 0, fourOrMore: 0, threeOrMore: 0 },
      overlap: [],
    });
  });
});
