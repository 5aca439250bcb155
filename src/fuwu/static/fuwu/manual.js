// The service manual page: a spinner while the manual is rendered (downloads and
// "prepare a new version"), kept out of inline handlers so the CSP can forbid them.
// Without JavaScript the links and the form work as they are.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-manual-download]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  if (link.getAttribute("aria-busy") === "true") return;
  const spinner = link.querySelector(".spinner-border");
  link.setAttribute("aria-busy", "true");
  link.classList.add("disabled");
  spinner?.classList.remove("d-none");
  try {
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await response.blob();
    const found = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    const save = document.createElement("a");
    save.href = URL.createObjectURL(blob);
    save.download = found ? found[1] : "";
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 30000);
  } catch (error) {
    window.location.assign(link.href); // let the browser show what went wrong
  } finally {
    link.removeAttribute("aria-busy");
    link.classList.remove("disabled");
    spinner?.classList.add("d-none");
  }
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-manual-prepare")) return;
  const button = form.querySelector("button[type=submit]");
  if (button) {
    button.disabled = true;
    button.querySelector(".spinner-border")?.classList.remove("d-none");
  }
});
