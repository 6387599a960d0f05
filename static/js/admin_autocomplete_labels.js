/*
 * The admin's autocomplete (select2) types into a search box without a label of its own: give it the
 * field's label, so screen readers say what the box is for.
 */
(function () {
  "use strict";

  function label() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var fieldLabel = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var search = container && container.querySelector(".select2-search__field");
      if (fieldLabel && search) {
        search.setAttribute("aria-label", fieldLabel.textContent.replace(/:\s*$/, "").trim());
      }
    });
  }

  // The admin starts select2 once the document is read; label the boxes after that, and again when select2
  // redraws a box (after each choice).
  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(label, 0);
    if (window.django && window.django.jQuery) {
      window.django.jQuery("select.admin-autocomplete").on("change select2:select select2:unselect", function () {
        window.setTimeout(label, 0);
      });
    }
  });
})();
