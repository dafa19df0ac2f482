// The registration form asks for households only while a residential area is chosen
// (Circular 124, Art. 4 cl. 1); the server ignores them for any other kind of unit.
(function () {
  const form = document.getElementById("register-form");
  if (!form) return;
  const residential = (form.dataset.residential || "").split(",").filter(Boolean);
  const unit = form.querySelector("select[name=unit]");
  const fields = form.querySelectorAll(".households-field");
  function toggle() {
    const show = !unit || unit.value === "" || residential.includes(unit.value);
    fields.forEach((el) => { el.hidden = !show; });
  }
  if (unit) unit.addEventListener("change", toggle);
  toggle();
})();
