// A list that picks what the page shows (the issuer, the group): choosing another reloads
// the page with it in the query string. Here and not inline: the Content-Security-Policy
// allows scripts from our own origin only.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-navigate]").forEach(function (select) {
    select.addEventListener("change", function () {
      const query = new URLSearchParams({ [select.dataset.navigate]: select.value });
      window.location.search = query.toString();
    });
  });
});
