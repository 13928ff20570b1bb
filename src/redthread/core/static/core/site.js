// Small behaviours on top of htmx. Every page works without this file.
document.addEventListener("htmx:responseError", function (event) {
  var target = event.detail.target;
  if (!target) { return; }
  var box = document.createElement("div");
  box.className = "alert alert-danger";
  box.setAttribute("role", "alert");
  box.textContent = document.documentElement.lang === "en"
    ? "The change could not be saved. Reload the page and try again."
    : "Ändringen kunde inte sparas. Ladda om sidan och försök igen.";
  target.prepend(box);
});
