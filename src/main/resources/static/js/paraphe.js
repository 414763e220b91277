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
})();
