// The seal page's wait while an earlier submission of the same document is being sealed: look again every two
// seconds; the server then redirects to the confirmation (or back to the placement if that seal failed).
(function () {
  'use strict';
  var again = document.getElementById('pending-again');
  if (again) {
    window.setTimeout(function () { window.location.replace(again.href); }, 2000);
  }
})();
