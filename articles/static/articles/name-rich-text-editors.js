/**
 * Names every rich text editor by its field's label. Wagtail 8's Draftail text box
 * (role="textbox") has no accessible name inside StreamField blocks: the block's label has
 * no `for`, as the editor is not a labelable element. Screen readers (and axe-core's
 * aria-input-field-name rule) then meet an unnamed input. Loaded in the page editor by
 * articles/wagtail_hooks.py; editors added later (new blocks) are named as they appear.
 */
(() => {
  'use strict';

  let labelCount = 0;

  function labelOf(editor) {
    const wrapper = editor.closest('[data-draftail-editor-wrapper]');
    const input = wrapper && wrapper.parentElement.querySelector('input[type="hidden"]');
    const forInput = input && input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (forInput) return forInput;
    const field = editor.closest('[data-contentpath]');
    return field && field.querySelector('label');
  }

  function name(editor) {
    if (editor.hasAttribute('aria-label') || editor.hasAttribute('aria-labelledby')) return;
    const label = labelOf(editor);
    if (!label) return;
    if (!label.id) {
      labelCount += 1;
      label.id = `rich-text-label-${labelCount}`;
    }
    editor.setAttribute('aria-labelledby', label.id);
  }

  let pending = false;
  function nameAll() {
    pending = false;
    document.querySelectorAll('.public-DraftEditor-content[role="textbox"]').forEach(name);
  }

  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(nameAll);
    }
  }).observe(document.body, { childList: true, subtree: true });
  nameAll();
})();
