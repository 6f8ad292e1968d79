/**
 * Reads a pasted table: tab-separated text (what a spreadsheet copies) or pipe-separated
 * text (a Markdown table, like the seed article's). Used by the comparison table's grid
 * editor (comparison-table-editor.js) and unit-tested with node:test
 * (tests/node/table-paste.test.mjs).
 *
 * parsePastedTable(text, columns) with columns = [{ name, label }, ...] returns one of
 *   { kind: "text" }                      not a table: let the browser paste as usual
 *   { kind: "table", rows: [[cell, ...]] } every row has exactly columns.length cells
 *   { kind: "refused", message }          a table that does not fit: change nothing
 *
 * Rules: lines are split on tabs when the text has a tab, else on unescaped "|" (outer
 * pipes optional); tab-separated cells may be quoted as spreadsheets quote them ("a ""b""",
 * line breaks inside become spaces). Cells are trimmed. Blank lines, Markdown separator
 * lines (|---|:---:|) and a first line repeating the column labels are skipped. One line
 * without a tab is a table only when it starts with "|", so a cell's text containing a
 * pipe pastes as text.
 */
(function exportTablePaste(root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.articlesTablePaste = factory(); // eslint-disable-line no-param-reassign
  }
})(typeof self !== 'undefined' ? self : this, () => {
  'use strict';

  const SEPARATOR_CELL = /^:?-+:?$/;

  const normalise = (cell) => cell.replace(/\s+/g, ' ').trim();

  /** Tab-separated lines, with spreadsheet quoting ("..." with "" for a quote). */
  function tabRows(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i];
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (char === '"') {
          quoted = false;
        } else {
          cell += char;
        }
      } else if (char === '"' && cell.trim() === '') {
        quoted = true;
        cell = '';
      } else if (char === '\t') {
        row.push(cell);
        cell = '';
      } else if (char === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else {
        cell += char;
      }
    }
    row.push(cell);
    rows.push(row);
    return rows;
  }

  /** Pipe-separated lines: outer pipes optional, "\|" is a pipe inside a cell. */
  function pipeRows(text) {
    return text.split('\n').map((line) => {
      let body = line.trim();
      if (body.startsWith('|')) body = body.slice(1);
      if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
      return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
    });
  }

  const isBlank = (row) => row.every((cell) => cell === '');
  const isSeparator = (row) => row.every((cell) => SEPARATOR_CELL.test(cell));
  const sameText = (a, b) => a.toLowerCase() === b.toLowerCase();

  function isHeading(row, columns) {
    return (
      row.length === columns.length &&
      row.every((cell, i) => sameText(cell, normalise(columns[i].label)))
    );
  }

  function readRows(text) {
    if (text.includes('\t')) return tabRows(text);
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const table =
      lines.length > 0 &&
      lines.every((line) => line.includes('|')) &&
      (lines.length > 1 || lines[0].trim().startsWith('|'));
    return table ? pipeRows(text) : null;
  }

  function columnList(columns) {
    return columns.map((column) => column.label).join(', ');
  }

  function parsePastedTable(text, columns) {
    const raw = readRows(String(text).replace(/\r\n?/g, '\n'));
    if (raw === null) return { kind: 'text' };
    let rows = raw
      .map((row) => row.map(normalise))
      .filter((row) => !isBlank(row) && !isSeparator(row));
    if (rows.length > 0 && isHeading(rows[0], columns)) rows = rows.slice(1);
    if (rows.length === 0) {
      return { kind: 'refused', message: 'The pasted table has no rows. Nothing was changed.' };
    }
    const misfit = rows.findIndex((row) => row.length !== columns.length);
    if (misfit !== -1) {
      const count = rows[misfit].length;
      const where = rows.every((row) => row.length === count) ? '' : ` (row ${misfit + 1})`;
      return {
        kind: 'refused',
        message:
          `The pasted table has ${count} column${count === 1 ? '' : 's'}${where}; ` +
          `this table has ${columns.length}: ${columnList(columns)}. Nothing was changed.`,
      };
    }
    return { kind: 'table', rows };
  }

  return { parsePastedTable };
});
