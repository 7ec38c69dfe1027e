// Runs first: counts every script error and failed load (data-errors on <html>, the messages in
// data-error-text) so that a test, or a reader, can tell that the page drew without a fault.
(function () {
  var root = document.documentElement, n = 0, text = [];
  function bump(message) {
    n += 1;
    text.push(String(message));
    root.setAttribute('data-errors', String(n));
    root.setAttribute('data-error-text', text.join(' | '));
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    bump((e.error && e.error.stack) || e.message || (t && (t.src || t.href)) || 'load error');
  }, true);
  window.addEventListener('unhandledrejection', function (e) { bump(e.reason); });
})();
