/*
 * What a clerk would see wrong in the task pane at a given width, measured in the browser (this
 * file is injected into the page as it is: plain JavaScript, no imports). `kefuLayoutProblems(root)`
 * returns one sentence per problem:
 *
 * - the page or any box in the pane scrolls sideways (its content is wider than itself);
 * - an element, or a piece of text, shows past the pane's left or right edge;
 * - text cut off by a box that hides its overflow without an ellipsis, or wider than the box that
 *   lays it out (a table cell, a flex item), where it runs into its neighbour;
 * - two pieces of text that overlap: the visible parts of the line boxes of two distinct text
 *   nodes intersect (what is hidden by a clipping box, scrolled out of a scroll box's view or cut
 *   by an ellipsis does not count; boxes that
 *   only touch, or whose fonts reach a little into the next line, do not either);
 * - a form field shown twice (two visible field labels with the same text; a choice's labels,
 *   such as the yes and no of two questions, are not field labels).
 */
(() => {
  const SLACK = 1; // px of rounding
  const EMPTY = { left: 0, top: 0, right: 0, bottom: 0 };

  const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const intersect = (a, b) => {
    const r = { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
    return r.right > r.left && r.bottom > r.top ? r : EMPTY;
  };
  const width = (r) => r.right - r.left;
  const height = (r) => r.bottom - r.top;
  const clips = (style) => ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
  const scrolls = (style) => ['auto', 'scroll'].includes(style.overflowX);

  /** The element's padding box (inside its borders and scroll bars). */
  const paddingBox = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight };
  };

  /** Shown to the eye: rendered, not hidden, not transparent, not a visually-hidden 1 px box. */
  const shown = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    const style = getComputedStyle(el);
    return !(style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)');
  };

  /**
   * The area the element's content can show in: the boxes of the ancestors that clip it (`area`;
   * scrolling ones do not, their sideways scrolling is a problem of its own), and that area cut
   * by the scrolling ones too (`inView`: what a scroll box has scrolled out of view is not seen).
   */
  const clipOf = (el, root) => {
    const everywhere = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    let area = everywhere;
    let inView = everywhere;
    let ellipsis = false;
    let clipper = null;
    for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (clips(style)) {
        area = intersect(area, paddingBox(a));
        if (!clipper) clipper = a;
        if (style.textOverflow === 'ellipsis') ellipsis = true;
      }
      if (clips(style) || scrolls(style) || ['auto', 'scroll'].includes(style.overflowY)) inView = intersect(inView, paddingBox(a));
    }
    return { area, inView, ellipsis, clipper };
  };

  /** The box that lays out an element's text: the nearest ancestor (or itself) that is not inline. */
  const container = (el) => {
    for (let a = el; a; a = a.parentElement) if (!getComputedStyle(a).display.startsWith('inline') || a.tagName === 'BODY') return a;
    return el;
  };

  const name = (el) => {
    const id = el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.getAttribute('role') || '';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}>${text ? ` "${text.length > 40 ? text.slice(0, 40) + '…' : text}"` : ''}`;
  };

  window.kefuLayoutProblems = (root) => {
    const problems = [];
    const doc = document.scrollingElement || document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + SLACK) problems.push(`the page scrolls sideways (${doc.scrollWidth} px wide in ${doc.clientWidth} px)`);
    // The pane as the clerk sees it: its box, within the window (a pane wider than the window is cut by it).
    const pane = paddingBox(root);
    pane.left = Math.max(pane.left, 0);
    pane.right = Math.min(pane.right, document.documentElement.clientWidth);
    const elements = [root, ...root.querySelectorAll('*')].filter((el) => !el.closest('select, option, script, style, svg') || el.tagName === 'SELECT');

    for (const el of elements) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      if (scrolls(style) && el.scrollWidth > el.clientWidth + SLACK) problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
      if (el === root) continue;
      const visible = intersect(box(el.getBoundingClientRect()), clipOf(el.parentElement, root).area);
      if (width(visible) <= 0) continue;
      if (visible.right > pane.right + SLACK) problems.push(`${name(el)} passes the pane's right edge by ${Math.round(visible.right - pane.right)} px`);
      if (visible.left < pane.left - SLACK) problems.push(`${name(el)} passes the pane's left edge by ${Math.round(pane.left - visible.left)} px`);
    }

    // Every visible piece of text: the line boxes of each text node, cut to what its clipping ancestors show.
    const pieces = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(), index = 0; node; node = walker.nextNode(), index++) {
      const parent = node.parentElement;
      if (!parent || !node.textContent.trim() || parent.closest('select, option, script, style, textarea')) continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const clip = clipOf(parent, root);
      for (const rect of range.getClientRects()) {
        const visible = intersect(box(rect), clip.inView);
        if (width(visible) <= SLACK || height(visible) <= SLACK) continue;
        if (rect.right > clip.area.right + SLACK && !clip.ellipsis) {
          problems.push(`the text "${node.textContent.trim().slice(0, 40)}" is cut off at ${name(clip.clipper)} (${Math.round(rect.right - clip.area.right)} px hidden)`);
        }
        if (visible.right > pane.right + SLACK) problems.push(`the text "${node.textContent.trim().slice(0, 40)}" passes the pane's right edge by ${Math.round(visible.right - pane.right)} px`);
        // Text wider than the box that lays it out (a table cell, a flex item) runs into its neighbour.
        const block = container(parent);
        const own = block.getBoundingClientRect();
        if (visible.right > own.right + SLACK || visible.left < own.left - SLACK) {
          problems.push(`the text "${node.textContent.trim().slice(0, 40)}" is wider than its ${name(block)} (${Math.round(Math.max(visible.right - own.right, own.left - visible.left))} px out)`);
        }
        pieces.push({ index, text: node.textContent.trim(), rect: visible });
      }
    }
    const reported = new Set();
    for (let i = 0; i < pieces.length; i++) {
      for (let j = i + 1; j < pieces.length; j++) {
        const a = pieces[i];
        const b = pieces[j];
        if (a.index === b.index) continue;
        const overlap = intersect(a.rect, b.rect);
        // Glyph boxes of a CJK font are a little taller than a tight line height: a quarter of a line is slack.
        if (width(overlap) <= SLACK || height(overlap) <= Math.max(3, 0.25 * Math.min(height(a.rect), height(b.rect)))) continue;
        const key = `${a.index}/${b.index}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push(`the texts "${a.text.slice(0, 30)}" and "${b.text.slice(0, 30)}" overlap (${Math.round(width(overlap))}×${Math.round(height(overlap))} px)`);
      }
    }

    // A field shown twice: two visible labels saying the same (a required field's asterisk aside).
    const labels = new Map();
    for (const label of root.querySelectorAll('label')) {
      if (!shown(label) || (label.control && ['radio', 'checkbox'].includes(label.control.type))) continue;
      const text = (label.textContent || '').replace(/\s*\*\s*$/, '').trim();
      if (!text) continue;
      labels.set(text, (labels.get(text) || 0) + 1);
    }
    for (const [text, count] of labels) if (count > 1) problems.push(`the field "${text}" is shown ${count} times`);
    return problems;
  };
})();
