/**
 * The comparison table's grid editor (articles/table_editor.py): Wagtail's StructBlock,
 * whose rows ListBlock is laid out as a grid by the row block's form template. This adds:
 * - names for every input by column and row ("Mechanism, row 2"), kept right as rows are
 *   added, removed, duplicated and moved;
 * - ArrowUp / ArrowDown to the same column in the row above / below;
 * - pasting a table (table-paste.js) into any cell: it fills the rows from that row on,
 *   adding rows as needed; a table with the wrong columns is refused with a message and
 *   nothing changes.
 */
(() => {
  'use strict';

  const { parsePastedTable } = window.articlesTablePaste;
  const { StructBlockDefinition } = window.wagtailStreamField.blocks;

  /** A new row's block id (a UUID, as Wagtail gives every new block). */
  function newBlockId() {
    if (crypto.randomUUID) return crypto.randomUUID(); // secure contexts only
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // eslint-disable-line no-bitwise
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // eslint-disable-line no-bitwise
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  class ComparisonGrid {
    constructor(block, rowsDefinition) {
      this.rows = block.childBlocks.rows;
      this.columns = rowsDefinition.childBlockDef.childBlockDefs.map((column) => ({
        name: column.name,
        label: column.meta.label,
      }));
      this.element = block.container[0];
      this.message = this.element.querySelector('[data-comparison-paste-message]');
      this.list = this.rows.sequenceContainer[0];
      // The column headings go right above the rows, after the list's help text.
      const headings = this.element.querySelector('.comparison-table-editor__columns');
      if (headings) this.rows.container[0].before(headings);
      this.list.addEventListener('paste', (event) => this.paste(event));
      this.list.addEventListener('keydown', (event) => this.moveFocus(event));
      // Rows are added, moved (child list changes) and deleted (Wagtail hides a deleted row
      // with aria-hidden until the form is saved): name the inputs again each time.
      new MutationObserver(() => this.nameInputs()).observe(this.list, {
        childList: true,
        subtree: true,
        attributeFilter: ['aria-hidden'],
      });
      this.nameInputs();
    }

    inputOf(child, columnName) {
      return child.element.querySelector(
        `[data-comparison-cell="${columnName}"] input, [data-comparison-cell="${columnName}"] textarea`,
      );
    }

    /** Where an event happened: the row's position and the column's name, or null. */
    cellOf(target) {
      const cell = target.closest('[data-comparison-cell]');
      if (!cell) return null;
      const index = this.rows.children.findIndex((child) => child.element.contains(cell));
      return index === -1 ? null : { index, column: cell.dataset.comparisonCell };
    }

    nameInputs() {
      const named = new Set();
      this.rows.children.forEach((child, index) => {
        this.columns.forEach((column) => {
          const input = this.inputOf(child, column.name);
          if (!input) return;
          input.setAttribute('aria-label', `${column.label}, row ${index + 1}`);
          named.add(input);
        });
      });
      // A deleted row stays in the form (hidden) until the page is saved.
      this.columns.forEach((column) => {
        this.list
          .querySelectorAll(`[data-comparison-cell="${column.name}"] input`)
          .forEach((input) => {
            if (!named.has(input)) input.setAttribute('aria-label', `${column.label}, deleted row`);
          });
      });
    }

    moveFocus(event) {
      if (!['ArrowUp', 'ArrowDown'].includes(event.key) || event.altKey || event.ctrlKey) return;
      const cell = this.cellOf(event.target);
      if (!cell) return;
      const next = this.rows.children[cell.index + (event.key === 'ArrowUp' ? -1 : 1)];
      if (!next) return;
      event.preventDefault();
      this.inputOf(next, cell.column).focus();
    }

    paste(event) {
      const cell = this.cellOf(event.target);
      if (!cell) return;
      const result = parsePastedTable(event.clipboardData.getData('text/plain'), this.columns);
      if (result.kind === 'text') return;
      event.preventDefault();
      if (result.kind === 'refused') {
        this.say(result.message, true);
        this.message.scrollIntoView({ block: 'nearest' });
        return;
      }
      result.rows.forEach((cells, offset) => {
        const value = Object.fromEntries(
          this.columns.map((column, i) => [column.name, cells[i]]),
        );
        const index = cell.index + offset;
        if (index < this.rows.children.length) {
          this.rows.children[index].setValue(value);
        } else {
          this.rows.insert(value, index, { animate: false, id: newBlockId() });
        }
      });
      this.nameInputs();
      const count = result.rows.length;
      this.say(`Pasted ${count} row${count === 1 ? '' : 's'} from row ${cell.index + 1}.`, false);
    }

    say(text, refused) {
      this.message.textContent = text;
      this.message.classList.toggle('comparison-table-editor__message--refused', refused);
    }
  }

  class ComparisonTableBlockDefinition extends StructBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      const block = super.render(placeholder, prefix, initialState, initialError);
      const rowsDefinition = this.childBlockDefs.find((child) => child.name === 'rows');
      // eslint-disable-next-line no-new
      new ComparisonGrid(block, rowsDefinition);
      return block;
    }
  }

  window.telepath.register('articles.blocks.ComparisonTableBlock', ComparisonTableBlockDefinition);
})();
