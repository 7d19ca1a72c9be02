/* Plain Terms — glossary term pop-ups.
 * Meets WCAG 2.2 SC 1.4.13: the pop-up can be dismissed (Escape), can be
 * hovered without vanishing, and stays until hover/focus actually leaves.
 * Content comes from the page's own .key-term list, so nothing is fetched. */
(function () {
  'use strict';

  const links = document.querySelectorAll('a.term[data-term]');
  if (!links.length || !document.body) return;

  const OPEN_DELAY = 300;   // hover intent: don't flash pop-ups while the mouse passes by
  const CLOSE_DELAY = 200;  // grace period to cross the gap between link and pop-up
  const GAP = 6;            // px between link and pop-up
  const MARGIN = 8;         // px kept clear of the viewport edges

  // One shared pop-up for the whole page.
  const popup = document.createElement('div');
  popup.className = 'term-popup';
  popup.id = 'sg-term-popup';
  popup.setAttribute('role', 'tooltip');
  popup.hidden = true;
  const nameEl = document.createElement('p');
  nameEl.className = 'term-popup-name';
  const summaryEl = document.createElement('p');
  summaryEl.className = 'term-popup-summary';
  const more = document.createElement('a');
  more.className = 'term-popup-more';
  more.textContent = 'Read the full definition';
  popup.append(nameEl, summaryEl, more);
  // Inside <main>, so the pop-up belongs to a landmark like the text it explains.
  (document.querySelector('main') || document.body).appendChild(popup);

  let current = null;       // link whose pop-up is showing
  let openedBy = '';        // 'hover' | 'focus' | 'touch'
  let openTimer = 0;
  let closeTimer = 0;
  let overLink = null;      // link under a mouse/pen pointer
  let overPopup = false;
  let keyboardFocus = null; // link focused by keyboard (not by a click/tap)
  let down = { link: null, type: '', at: 0, inPopup: false };
  let refocusing = false;

  const isHoverPointer = (e) => e.pointerType === 'mouse' || e.pointerType === 'pen';
  const recentDown = (link) => down.link === link && Date.now() - down.at < 1500;

  // Compare dataset values rather than building a selector from the slug.
  function lookup(slug) {
    const items = document.querySelectorAll('.key-term[data-term]');
    for (let i = 0; i < items.length; i++) {
      if (items[i].dataset.term !== slug) continue;
      const dt = items[i].querySelector('dt');
      const dd = items[i].querySelector('dd');
      return {
        name: dt ? dt.textContent.trim() : '',
        summary: dd ? dd.textContent.trim() : ''
      };
    }
    return null;
  }

  function clearTimers() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  }

  function show(link, how) {
    clearTimers();
    const info = lookup(link.dataset.term);
    if (!info) return false;
    nameEl.textContent = info.name || link.textContent.trim();
    summaryEl.textContent = info.summary;
    summaryEl.hidden = !info.summary;
    more.href = link.href;
    current = link;
    openedBy = how;
    popup.hidden = false;
    place(link);
    return true;
  }

  // keepPending: the close timer must not cancel an open already scheduled for
  // another link (pointer moved from one pop-up onto the next term).
  function hide(keepPending) {
    clearTimeout(closeTimer);
    if (!keepPending) clearTimeout(openTimer);
    if (!current) return;
    const link = current;
    const refocus = popup.contains(document.activeElement);
    popup.hidden = true;
    current = null;
    openedBy = '';
    // If focus sat inside the pop-up, hand it back to the term link so it
    // isn't lost; the flag stops that focus from reopening the pop-up.
    if (refocus) {
      refocusing = true;
      link.focus();
      refocusing = false;
    }
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      if (!current || openedBy === 'touch') return;
      if (overLink === current || overPopup) return;
      if (keyboardFocus === current) return; // still focused: stay (SC 1.4.13 "persistent")
      hide(true);
    }, CLOSE_DELAY);
  }

  // Below the link (its last line box), or above (its first line box) when
  // there's no room below; clamped horizontally inside the viewport.
  function place(link) {
    const rects = link.getClientRects();
    if (!rects.length) { hide(); return; }
    const first = rects[0];
    const last = rects[rects.length - 1];
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;

    // Measure at the origin so the width isn't squeezed by a previous position.
    popup.style.left = '0px';
    popup.style.top = '0px';
    const w = popup.offsetWidth;
    const h = popup.offsetHeight;

    let anchor = last;
    let top = last.bottom + GAP;
    let placement = 'below';
    if (top + h > vh - MARGIN && first.top - GAP - h >= MARGIN) {
      anchor = first;
      top = first.top - GAP - h;
      placement = 'above';
    }
    const left = Math.max(MARGIN, Math.min(anchor.left, vw - w - MARGIN));
    // From the viewport to the containing block: the page, unless an ancestor is positioned.
    const parent = popup.offsetParent;
    let dx = window.pageXOffset;
    let dy = window.pageYOffset;
    if (parent && parent !== document.body && parent !== document.documentElement) {
      const r = parent.getBoundingClientRect();
      dx = parent.scrollLeft - r.left - parent.clientLeft;
      dy = parent.scrollTop - r.top - parent.clientTop;
    }
    popup.dataset.placement = placement;
    popup.style.left = Math.round(left + dx) + 'px';
    popup.style.top = Math.round(top + dy) + 'px';
  }

  links.forEach(function (link) {
    link.addEventListener('pointerenter', function (e) {
      if (!isHoverPointer(e)) return;
      overLink = link;
      if (current === link) { clearTimeout(closeTimer); return; }
      clearTimeout(openTimer);
      openTimer = setTimeout(function () { show(link, 'hover'); }, OPEN_DELAY);
    });

    link.addEventListener('pointerleave', function (e) {
      if (!isHoverPointer(e)) return;
      if (overLink === link) overLink = null;
      clearTimeout(openTimer);
      if (current) scheduleClose();
    });

    link.addEventListener('focus', function () {
      // Focus that follows a click or tap is handled by the pointer/click
      // handlers; only keyboard (or assistive tech) focus opens immediately.
      if (refocusing || recentDown(link)) return;
      keyboardFocus = link;
      show(link, 'focus');
    });

    link.addEventListener('blur', function (e) {
      if (keyboardFocus === link) keyboardFocus = null;
      if (current !== link) return;
      const to = e.relatedTarget;
      if (to && popup.contains(to)) return;
      // A press inside the pop-up blurs the link before its click fires;
      // hiding now would swallow that click.
      if (down.inPopup && Date.now() - down.at < 1500) return;
      if (overLink === link || overPopup) return;
      hide();
    });

    link.addEventListener('click', function (e) {
      // detail === 0 means the click came from the keyboard (Enter).
      const touch = e.detail !== 0 && recentDown(link) && down.type === 'touch';
      down.link = null;
      if (!touch) return;
      // First tap shows the pop-up; a second tap on the same link follows it.
      if (current === link && !popup.hidden) return;
      if (show(link, 'touch')) e.preventDefault();
    });
  });

  popup.addEventListener('pointerenter', function (e) {
    if (!isHoverPointer(e)) return;
    overPopup = true;
    clearTimeout(closeTimer);
  });
  popup.addEventListener('pointerleave', function (e) {
    if (!isHoverPointer(e)) return;
    overPopup = false;
    scheduleClose();
  });
  popup.addEventListener('focusout', function (e) {
    const to = e.relatedTarget;
    if (!current || (to && (to === current || popup.contains(to)))) return;
    if (overLink === current || overPopup) return;
    hide();
  });

  // Capture phase so this runs before any focus change caused by the press.
  document.addEventListener('pointerdown', function (e) {
    const t = e.target instanceof Element ? e.target : null;
    down = {
      link: t ? t.closest('a.term[data-term]') : null,
      type: e.pointerType,
      at: Date.now(),
      inPopup: !!t && popup.contains(t)
    };
    // Pressing anywhere other than the open link or its pop-up dismisses it.
    if (current && !down.inPopup && !(t && current.contains(t))) hide();
  }, true);

  document.addEventListener('keydown', function (e) {
    down.link = null;
    if ((e.key === 'Escape' || e.key === 'Esc') && current && !popup.hidden) {
      hide(); // focus deliberately stays where it is
    }
  });

  // Reposition at most once per frame while the window is resized.
  let frame = 0;
  window.addEventListener('resize', function () {
    if (!current || frame) return;
    frame = requestAnimationFrame(function () {
      frame = 0;
      if (current) place(current);
    });
  });
})();
