// Unit tests for the comparison table editor's paste parser
// (articles/static/articles/table-paste.js), run by tests/test_table_paste.py.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import test from 'node:test';

const require = createRequire(import.meta.url);
const { parsePastedTable } = require('../../articles/static/articles/table-paste.js');

const COLUMNS = [
  { name: 'treatment_type', label: 'Treatment type' },
  { name: 'mechanism', label: 'Mechanism' },
  { name: 'administration', label: 'Administration' },
  { name: 'common_side_effects', label: 'Common side effects' },
];
const ROW = ['Cell-Based Therapy', 'Modifies immune cells', 'Infusion', 'Fever, fatigue'];

const parse = (text) => parsePastedTable(text, COLUMNS);

test('spreadsheet cells: tab-separated lines, CRLF, trailing newline', () => {
  const text = `${ROW.join('\t')}\r\nB\tb mech\tb adm\tb se\r\n`;
  assert.deepEqual(parse(text), { kind: 'table', rows: [ROW, ['B', 'b mech', 'b adm', 'b se']] });
});

test('one spreadsheet row is a table', () => {
  assert.deepEqual(parse(ROW.join('\t')), { kind: 'table', rows: [ROW] });
});

test('spreadsheet quoting: quotes, doubled quotes; tabs and line breaks in a cell become spaces', () => {
  const text = 'A\t"Binds ""CD38""\non cells"\t"x\ty"\tz\n';
  assert.deepEqual(parse(text), {
    kind: 'table',
    rows: [['A', 'Binds "CD38" on cells', 'x y', 'z']],
  });
});

test('empty cells stay empty (validation flags them on save)', () => {
  assert.deepEqual(parse('A\t\tC\tD'), { kind: 'table', rows: [['A', '', 'C', 'D']] });
});

test("the seed article's Markdown table: heading and separator lines skipped", () => {
  const seed = readFileSync(
    new URL('../../articles/demo/immunotherapy-for-multiple-myeloma.txt', import.meta.url),
    'utf8',
  );
  const table = seed.split('\n').filter((line) => line.startsWith('|')).join('\n');
  const result = parse(table);
  assert.equal(result.kind, 'table');
  assert.equal(result.rows.length, 3);
  assert.deepEqual(result.rows[0], [
    'Cell-Based Therapy',
    'Modifies immune cells to target affected cells',
    'Intravenous infusion',
    'Mild fever, fatigue',
  ]);
});

test('pipes without outer pipes, aligned separators, escaped pipes, extra spaces', () => {
  const text = 'Treatment type | Mechanism | Administration | Common side effects\n' +
    ':--- | :---: | ---: | ---\n' +
    'A  |  B \\| C | D   |E';
  assert.deepEqual(parse(text), { kind: 'table', rows: [['A', 'B | C', 'D', 'E']] });
});

test('a tab-separated heading line matching the labels is skipped, case-insensitively', () => {
  const text = 'TREATMENT TYPE\tmechanism\tAdministration\tCommon side effects\nA\tB\tC\tD';
  assert.deepEqual(parse(text), { kind: 'table', rows: [['A', 'B', 'C', 'D']] });
});

test('plain text is not a table: the browser pastes it', () => {
  assert.deepEqual(parse('Fever, fatigue'), { kind: 'text' });
  assert.deepEqual(parse('Antibodies (anti-CD38 | anti-SLAMF7)'), { kind: 'text' });
  assert.deepEqual(parse('two lines\nof text'), { kind: 'text' });
  assert.deepEqual(parse(''), { kind: 'text' });
});

test('a table with too few columns is refused, naming the columns expected', () => {
  const text = 'A\tB\tC\nD\tE\tF\nG\tH\tI\nJ\tK\tL';
  assert.deepEqual(parse(text), {
    kind: 'refused',
    message:
      'The pasted table has 3 columns; this table has 4: Treatment type, Mechanism, ' +
      'Administration, Common side effects. Nothing was changed.',
  });
});

test('too many columns are refused too', () => {
  assert.equal(parse('| A | B | C | D | E |').kind, 'refused');
});

test('one ragged row refuses the whole paste and names the row', () => {
  const result = parse('A\tB\tC\tD\nE\tF\tG');
  assert.equal(result.kind, 'refused');
  assert.match(result.message, /has 3 columns \(row 2\); this table has 4/);
});

test('only a heading and a separator: no rows, refused', () => {
  const text = '| Treatment type | Mechanism | Administration | Common side effects |\n|---|---|---|---|';
  assert.deepEqual(parse(text), {
    kind: 'refused',
    message: 'The pasted table has no rows. Nothing was changed.',
  });
});

test('columns come from the caller: a fifth column is just another column', () => {
  const five = [...COLUMNS, { name: 'cost', label: 'Cost' }];
  assert.deepEqual(parsePastedTable('A\tB\tC\tD\tE', five), {
    kind: 'table',
    rows: [['A', 'B', 'C', 'D', 'E']],
  });
  assert.equal(parsePastedTable(ROW.join('\t'), five).kind, 'refused');
});
