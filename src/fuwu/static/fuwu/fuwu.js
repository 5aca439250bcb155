// Fuwu's small behaviours, kept out of inline handlers so the CSP can forbid them.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.autosubmit !== undefined) {
    field.form.requestSubmit();
  }
});

// The service blueprint: fit the drawing to the width (the default), or show it at
// its actual size with a horizontal scroll bar and a hint that there is more.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-blueprint-zoom]");
  if (!button) return;
  const card = button.closest(".card");
  const drawing = card.querySelector(".fuwu-blueprint");
  drawing.dataset.zoom = button.dataset.blueprintZoom;
  for (const other of card.querySelectorAll("[data-blueprint-zoom]")) {
    const active = other === button;
    other.classList.toggle("active", active);
    other.setAttribute("aria-pressed", String(active));
  }
  const hint = card.querySelector("[data-blueprint-scroll-hint]");
  hint.classList.toggle("d-none", drawing.scrollWidth <= drawing.clientWidth);
});
