// Site-wide behaviour, from our own origin (the Content-Security-Policy forbids inline
// scripts): tables scroll inside their own box on narrow screens instead of widening the
// page (cells with an unbroken run of text wrap anywhere), and every text field with a
// length limit shows how much of it is used as you type.
(function () {
  "use strict";
  const COUNT_FROM = 100; // short fields (a year, a code) need no counter
  const number = new Intl.NumberFormat("vi-VN");

  const LONG_WORD = /\S{30,}/; // an unbroken run no column can hold: a pasted link, "xxxx…"

  // The box is a keyboard-reachable region (it may scroll), named after its table.
  function wrapTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-responsive")) return;
      const box = document.createElement("div");
      box.className = "table-responsive";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", tableName(table));
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
      table.querySelectorAll("td").forEach(function (cell) {
        if (LONG_WORD.test(cell.textContent)) cell.classList.add("remark");
      });
    });
  }

  function tableName(table) {
    if (table.caption) return table.caption.textContent.trim();
    let node = table.previousElementSibling;
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    return "Bảng" + (node ? ": " + node.textContent.trim() : "");
  }

  function addCounter(field, index) {
    const limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!(limit >= COUNT_FROM) || field.dataset.counted) return;
    field.dataset.counted = "1";
    const counter = document.createElement("small");
    counter.className = "char-count";
    counter.id = field.id ? field.id + "-dem-ky-tu" : "dem-ky-tu-" + index;
    const describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    function update() {
      const used = field.value.length;
      counter.textContent = number.format(used) + "/" + number.format(limit) + " ký tự";
      counter.classList.toggle("near", used >= limit * 0.9);
    }
    field.addEventListener("input", update);
    field.insertAdjacentElement("afterend", counter);
    update();
  }

  // The server's answer to a refused form is shown where the user looks (issue 13: an
  // upload error appeared 2,900 px below the screen): the first alert or field error of
  // the page is scrolled to the middle of the screen and focused, so a screen reader reads it.
  function showFirstError() {
    const error = document.querySelector("main [role=alert], main .errorlist");
    if (!error) return;
    if (!error.hasAttribute("tabindex")) error.tabIndex = -1;
    error.scrollIntoView({ block: "center" });
    error.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables(document);
    document
      .querySelectorAll("textarea[maxlength], input[maxlength]:not([type=hidden])")
      .forEach(addCounter);
    showFirstError();
  });
})();
