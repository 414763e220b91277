// A bulk sealing job's page (/cachet/lots/{id}): polls the job's state (JSON) every second, moves the progress bar
// and the counts, and reloads the page when the job has ended (it then shows the ZIP's link and the errors).
// Without JavaScript the page's "Actualiser" link does the same by hand.
(function () {
  'use strict';
  var section = document.getElementById('seal-job');
  if (!section || section.getAttribute('data-finished') === 'true') {
    return;
  }
  var url = section.getAttribute('data-state-url');
  var bar = document.getElementById('job-progress');
  var counts = document.getElementById('job-counts');
  var template = counts.textContent;
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        bar.max = state.total;
        bar.value = state.done + state.failed;
        // The sentence's first two numbers are the sealed and the failed ones.
        counts.textContent = template.replace(/\d+/, String(state.done)).replace(/(\D+)\d+/, '$1' + state.failed);
        if (state.status === 'COMPLETED') {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 1000);
})();
