/*
 * The admin's markdown editor: textareas with data-markdown-editor get EasyMDE, with a toolbar of written-out
 * buttons and a preview that the server renders exactly as the public pages show the text. The strings come
 * translated from the server in the data attribute. Without JavaScript the plain textarea works as before.
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function labelText(textarea) {
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name;
  }

  function previewRenderer(textarea, labels) {
    var url = textarea.getAttribute("data-markdown-preview-url");
    var shownText = null;
    var shownHtml = "";
    var timer = null;
    return function (text, element) {
      if (text === shownText) {
        return shownHtml;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(textarea.form) },
          body: new URLSearchParams({ text: text }),
        })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(String(response.status));
            }
            return response.text();
          })
          .then(function (html) {
            shownText = text;
            shownHtml = html;
            element.innerHTML = html;
          })
          .catch(function () {
            element.textContent = labels.previewFailed;
          });
      }, 250);
      return shownHtml || "<p>" + escapeHtml(labels.previewLoading) + "</p>";
    };
  }

  function button(name, action, label, keepDuringPreview) {
    return {
      name: name,
      action: action,
      className: "mvoi-md-button",
      title: label,
      icon: escapeHtml(label),
      noDisable: Boolean(keepDuringPreview),
    };
  }

  function enhance(textarea) {
    var labels = JSON.parse(textarea.getAttribute("data-markdown-editor"));
    var editor = new EasyMDE({
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      status: false,
      forceSync: true,
      sideBySideFullscreen: false,
      minHeight: "12rem",
      previewClass: ["editor-preview", "mvoi-md-preview"],
      previewRender: previewRenderer(textarea, labels),
      toolbar: [
        button("bold", EasyMDE.toggleBold, labels.bold),
        button("italic", EasyMDE.toggleItalic, labels.italic),
        button("heading-2", EasyMDE.toggleHeading2, labels.heading),
        button("heading-3", EasyMDE.toggleHeading3, labels.smallerHeading),
        "|",
        button("unordered-list", EasyMDE.toggleUnorderedList, labels.bulletList),
        button("ordered-list", EasyMDE.toggleOrderedList, labels.numberedList),
        button("quote", EasyMDE.toggleBlockquote, labels.quote),
        button("link", EasyMDE.drawLink, labels.link),
        button("table", EasyMDE.drawTable, labels.table),
        "|",
        button("preview", EasyMDE.togglePreview, labels.preview, true),
        button("side-by-side", EasyMDE.toggleSideBySide, labels.sideBySide, true),
        "|",
        button("undo", EasyMDE.undo, labels.undo),
        button("redo", EasyMDE.redo, labels.redo),
      ],
    });
    var toolbar = editor.gui.toolbar;
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", labels.toolbar + ": " + labelText(textarea));
    // CodeMirror types into an input of its own: give it the field's name for screen readers.
    editor.codemirror.getInputField().setAttribute("aria-label", labelText(textarea));
  }

  function start() {
    if (typeof EasyMDE === "undefined") {
      return; // the plain textarea stays
    }
    document.querySelectorAll("textarea[data-markdown-editor]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
