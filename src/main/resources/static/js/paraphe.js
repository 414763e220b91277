// Paraphe's pages work without JavaScript; this file holds the small enhancements, and the
// Content-Security-Policy allows no inline script.
(function () {
  'use strict';
  /** The CSRF header for fetch() calls made by the pages, read from the layout's meta tags. */
  window.paraphe = {
    csrfHeaders: function () {
      var token = document.querySelector('meta[name="_csrf"]');
      var header = document.querySelector('meta[name="_csrf_header"]');
      var headers = {};
      if (token && header) {
        headers[header.getAttribute('content')] = token.getAttribute('content');
      }
      return headers;
    }
  };

  /** At phone width the header's links fold behind "Menu" (a real button: Enter and Space open it, Escape closes). */
  function menu() {
    var header = document.getElementById('site-header');
    var toggle = document.getElementById('menu-toggle');
    if (!header || !toggle) {
      return;
    }
    toggle.hidden = false;
    header.classList.add('js-menu');
    function set(open) {
      header.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    toggle.addEventListener('click', function () {
      set(toggle.getAttribute('aria-expanded') !== 'true');
    });
    header.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
        set(false);
        toggle.focus();
      }
    });
  }

  /** Each cell of a table that reflows into cards (class "cards") names its column, read from the header row. */
  function cardLabels() {
    document.querySelectorAll('table.cards').forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll('tbody tr').forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute('data-label') && names[index]) {
            cell.setAttribute('data-label', names[index]);
          }
        });
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { menu(); cardLabels(); });
  }
  else {
    menu();
    cardLabels();
  }
})();
