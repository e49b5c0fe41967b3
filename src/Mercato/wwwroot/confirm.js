// Buttons with a data-confirm attribute ask before they submit (a destructive action). A file rather than inline
// onclick handlers: the Content-Security-Policy allows scripts from the server only.
document.addEventListener('click', function (e) {
  var button = e.target.closest ? e.target.closest('[data-confirm]') : null;
  if (button && !window.confirm(button.getAttribute('data-confirm'))) { e.preventDefault(); }
});
