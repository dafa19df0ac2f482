// Saves the self-assessment as the user types, and keeps a copy in this browser until the
// server has it, so an expired session or a lost connection loses nothing. Each save
// answers with the provisional result ("Kết quả tạm tính") the server computes for the
// saved answers, shown at once.
(function () {
  const form = document.getElementById("assess-form");
  if (!form) return;
  const key = "antt:" + form.dataset.draftKey;
  const status = document.getElementById("autosave-status");
  const fields = () => form.querySelectorAll(
    "textarea[name^=explanation_], input[type=radio][name^=met_], input[name^=meeting-], "
    + "input[name^=sub_units_]");  // every saved answer: a field left out would be blanked

  function snapshot() {
    const data = {};
    fields().forEach((el) => {
      if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
      else data[el.name] = el.value;
    });
    return data;
  }

  function restore() {
    const saved = localStorage.getItem(key);
    if (!saved) return;
    const data = JSON.parse(saved);
    const server = snapshot();
    const differs = Object.keys(data).some((k) => (server[k] || "") !== data[k]);
    if (!differs) { localStorage.removeItem(key); return; }
    fields().forEach((el) => {
      if (!(el.name in data)) return;
      if (el.type === "radio") el.checked = el.value === data[el.name];
      else el.value = data[el.name];
    });
    document.getElementById("restored").hidden = false;
  }

  let timer = null;
  async function save() {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("action", "autosave");
    Object.entries(snapshot()).forEach(([k, v]) => body.append(k, v));
    try {
      const response = await fetch(window.location.pathname, {
        method: "POST", body, headers: { "X-Requested-With": "XMLHttpRequest" }, redirect: "manual",
      });
      const json = response.headers.get("content-type", "").includes("application/json")
        ? await response.json() : null;
      if (response.ok && json && json.ok) {
        localStorage.removeItem(key);
        status.textContent = "Đã lưu lúc " + json.saved_at + ".";
        // The server's own verdict on the answers just saved (no rule copied here).
        const provisional = document.getElementById("provisional");
        if (provisional && json.provisional) provisional.innerHTML = json.provisional;
      } else if (json && json.errors) {
        status.textContent = json.errors.join(" ");
      } else {
        status.textContent = "Phiên đăng nhập đã hết hạn. Nội dung vẫn được giữ trên máy này; "
          + "hãy đăng nhập lại rồi mở lại trang để lưu.";
      }
    } catch (e) {
      status.textContent = "Mất kết nối. Nội dung vẫn được giữ trên máy này.";
    }
  }

  form.addEventListener("input", () => {
    localStorage.setItem(key, JSON.stringify(snapshot()));
    status.textContent = "Đang lưu…";
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
  form.addEventListener("submit", () => localStorage.setItem(key, JSON.stringify(snapshot())));
  restore();
})();
