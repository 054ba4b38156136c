// The line check beside the engine: a file whose lines are all plain (no quote, as wide as the
// header, number and date cells in one strict spelling) is read by DuckDB's typed read; any other
// goes to attain's reader. Checked against a reference written with regular expressions, on any
// text cut into chunks anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDelimited } from '../../../src/sources/read/delimited.js';
import { lineChecker, plainCell, type CellShape, type LineCheck, type LinePlan } from '../../../src/sources/read/line-check.js';

const SHAPES: CellShape[] = ['date', 'text', 'count', 'number', 'text', 'text'];
const PLAN: LinePlan = { delimiter: 44, shapes: SHAPES, comment: Buffer.from('#') };
const HEADER = 'day,client,visits,revenue,note,channel';

const SPELLING: Readonly<Record<CellShape, RegExp>> = {
  date: /^([1-9]\d{3}-\d{2}-\d{2})?$/,
  count: /^\d*$/,
  number: /^(-?\d+(\.\d{1,6})?)?$/,
  text: /^/,
};

/** Empty lines after the first line, as attain's delimited scanner sees them. */
function scannerEmpty(text: string): number {
  let n = 0;
  let first = true;
  for (const row of scanDelimited(text, ',')) {
    if (!first && row.cells.length === 0) n++;
    first = false;
  }
  return n;
}

/** The reference: the same rules, line by line, with regular expressions. */
function reference(text: string, plan: LinePlan): Omit<LineCheck, 'emptyLines'> {
  const lines = text.split(/\r\n|\r|\n/).slice(1);
  let blankRows = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (line.includes('"') || (plan.comment !== undefined && line.startsWith(plan.comment.toString()))) return { plain: false, blankRows };
    const cells = line.split(String.fromCharCode(plan.delimiter));
    if (cells.length !== plan.shapes.length) return { plain: false, blankRows };
    if (!cells.every((c, i) => SPELLING[plan.shapes[i] as CellShape].test(c))) return { plain: false, blankRows };
    if (cells.every((c) => c === '')) blankRows++;
    // Blank-looking (every cell trims to nothing, but not all empty): attain's reader decides.
    else if (cells.every((c) => c.trim() === '')) return { plain: false, blankRows };
  }
  return { plain: true, blankRows };
}

function check(text: string, cuts: readonly number[] = [], plan = PLAN): LineCheck {
  const bytes = Buffer.from(text, 'latin1');
  const checker = lineChecker(plan);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    checker.feed(bytes.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  checker.feed(bytes.subarray(at));
  return checker.finish();
}

describe('plainCell', () => {
  const cell = (shape: CellShape, text: string) => plainCell(shape, text);
  it.each(['2026-01-05', '1000-12-31', ''])('takes the date %j', (t) => expect(cell('date', t)).toBe(true));
  it.each(['2026-1-5', '26-01-05', '0999-01-05', '2026-01-05x', ' 2026-01-05', '2026/01/05', '2026-01-05T10:00'])('refuses the date %j', (t) => expect(cell('date', t)).toBe(false));
  it.each(['0', '12', '0005', ''])('takes the count %j', (t) => expect(cell('count', t)).toBe(true));
  it.each(['5.0', '5.5', '-3', '+4', ' 7', '1e2', '1_000', '0x10'])('refuses the count %j', (t) => expect(cell('count', t)).toBe(false));
  it.each(['0', '-12.5', '1.123456', '1000000', ''])('takes the number %j', (t) => expect(cell('number', t)).toBe(true));
  it.each(['1.1234567', '.5', '5.', '+3', '1e-7', '1.5E3', ' 1.5', '1_0.5', '1,5', '-', '--1', 'inf'])('refuses the number %j', (t) => expect(cell('number', t)).toBe(false));
});

describe('lineChecker', () => {
  it('takes plain lines and counts rows of empty cells', () => {
    const r = check(`${HEADER}\n2026-01-05,a,3,1.5,x y,site\n,,,,,\n\n2026-01-06,,,,,\r\n2026-01-07,b,4,-2,,vk`);
    expect(r).toEqual({ plain: true, blankRows: 1, emptyLines: 1 });
  });

  it.each([
    ['a trailing delimiter (DuckDB drops the empty cells, attain counts them)', '2026-01-05,a,3,1.5,x,site,'],
    ['two trailing delimiters', '2026-01-05,a,3,1.5,x,site,,'],
    ['a missing cell', '2026-01-05,a,3,1.5,site'],
    ['a quote', '2026-01-05,"a",3,1.5,x,site'],
    ['a comment line', '# 2026-01-05,a,3,1.5,x,site'],
    ['an odd count', '2026-01-05,a,3.0,1.5,x,site'],
    ['an odd date', '2026-1-5,a,3,1.5,x,site'],
    ['a seventh decimal', '2026-01-05,a,3,1.1234567,x,site'],
  ])('refuses %s', (_, line) => {
    expect(check(`${HEADER}\n2026-01-04,a,1,1,x,site\n${line}\n`).plain).toBe(false);
  });

  it('does not look into the header (quotes and all)', () => {
    expect(check(`"day","client",visits,revenue,note,channel\n2026-01-05,a,3,1.5,x,site\n`).plain).toBe(true);
  });

  it('refuses a line carried over more than 1 MiB', () => {
    const text = `${HEADER}\n2026-01-05,a,3,1.5,${'x'.repeat(1_500_000)},site\n`;
    expect(check(text, [100, 600_000]).plain).toBe(true);
    expect(check(text, [100, 1_200_000]).plain).toBe(false);
  });

  it('agrees with the reference on any text, cut into chunks anywhere (property)', () => {
    const cell = fc.constantFrom('', '2026-01-05', '2026-1-5', '0999-01-01', '12', '5.5', '-3', '1.1234567', '1e5', ' 7', 'a', 'x y', '"q"', '#', '-', '.5', '  ', '\t');
    const line = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom('2026-01-05', '2026-02-01', ''), fc.constantFrom('a', 'b b', ''), fc.constantFrom('3', '0', ''), fc.constantFrom('1.5', '-2', '10', ''), fc.constantFrom('x', '', 'a b'), fc.constantFrom('site', '')).map((cells) => cells.join(',')) },
      { weight: 2, arbitrary: fc.array(cell, { minLength: 1, maxLength: 8 }).map((cells) => cells.join(',')) },
      { weight: 1, arbitrary: fc.constantFrom('', ',,,,,', ',,,,,,', '# c', '2026-01-05,a,3,1.5,x,site,', ',  ,,,,', ',,,, ,\t', ', ,3,,,') },
    );
    const text = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([lines, nl, final]) => `${[HEADER, ...lines].join(nl)}${final ? nl : ''}`);
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 3 }), (t, cuts) => {
        const want = reference(t, PLAN);
        const got = check(t, cuts.map((c) => c % (t.length + 1)));
        expect(got.plain).toBe(want.plain);
        if (want.plain) expect(got.blankRows).toBe(want.blankRows);
        if (want.plain) expect(got.emptyLines).toBe(scannerEmpty(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('checks every cell when no column is text, and reads a file of one column', () => {
    const plan: LinePlan = { delimiter: 59, shapes: ['date', 'count'] };
    expect(check('d;n\n2026-01-05;3\n;\n', [], plan)).toEqual({ plain: true, blankRows: 1, emptyLines: 0 });
    expect(check('d;n\n2026-01-05;3;\n', [], plan).plain).toBe(false);
    expect(check('d;n\n2026-01-05\n', [], plan).plain).toBe(false);
    expect(check('n\n3\n\n4\n', [], { delimiter: 44, shapes: ['count'] })).toEqual({ plain: true, blankRows: 0, emptyLines: 1 });
    expect(check('n\n3\n4,\n', [], { delimiter: 44, shapes: ['count'] }).plain).toBe(false);
  });

  it("counts the empty lines attain's scanner finds, however the text is cut (property)", () => {
    const text = fc.array(fc.constantFrom('a', ',', '1', '\n', '\r', '\r\n'), { minLength: 1, maxLength: 30 }).map((parts) => `h${parts.join('')}`);
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 3 }), (t, cuts) => {
        const got = check(t, cuts.map((c) => c % (t.length + 1)), { delimiter: 59, shapes: ['text'] });
        expect(got.plain).toBe(true);
        expect(got.emptyLines).toBe(scannerEmpty(t));
      }),
      { numRuns: 1000 },
    );
  });
});
