// Plan editor behaviour that htmx does not give by itself:
// - a move swaps the item's DOM node with its neighbour, so open forms keep their text;
// - a warning before leaving the page while a form holds unsaved text;
// - error responses (409 stale, 422 invalid) are swapped in so the form comes back with its input.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 422 || status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var direction = elt.getAttribute && elt.getAttribute("data-move");
    if (!direction || !event.detail.successful) return;
    if (event.detail.xhr.responseText.trim() !== "moved") return;
    var item = elt.closest("li.item");
    if (!item) return;
    if (direction === "up" && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
    } else if (direction === "down" && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
    }
    var button = item.querySelector("[data-move='" + direction + "']");
    if (button) button.focus();
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (event.detail.xhr.status === 409 && elt.hasAttribute && elt.hasAttribute("data-remove")) {
      window.alert(event.detail.xhr.responseText);
    }
  });

  function dirtyForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form[data-dirty-check]"), function (form) {
      return Array.prototype.some.call(form.elements, function (el) {
        if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
        if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
        if (el.tagName === "SELECT") {
          return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
        }
        return el.value !== el.defaultValue;
      });
    });
  }
  var submitting = false;
  document.addEventListener("submit", function (event) {
    // A plain post leaves the page on purpose; an htmx post stays on it.
    if (!event.target.hasAttribute("hx-post")) submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && dirtyForms().length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// Any successful change to the plan tells the quality panel to check the plan again.
(function () {
  "use strict";
  document.addEventListener("htmx:afterRequest", function (event) {
    var verb = (event.detail.requestConfig && event.detail.requestConfig.verb) || "";
    var elt = event.detail.elt;
    if (!event.detail.successful || verb.toLowerCase() !== "post") return;
    if (elt.closest && (elt.closest(".smart-feedback") || elt.hasAttribute("data-smart-field"))) return;
    if (elt.matches && elt.matches("textarea[hx-post]")) return;  // live feedback, not a save
    document.body.dispatchEvent(new CustomEvent("plan-changed"));
  });
})();

// Duplicate: a refusal (409) is said, not swapped in beside the item.
// Safety plan: "Add" beside an emergency contact appends it to "People I can ask for help".
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.elt;
    if (event.detail.xhr.status === 409 && elt.hasAttribute && elt.hasAttribute("data-duplicate")) {
      event.detail.shouldSwap = false;
      window.alert(event.detail.xhr.responseText);
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-append-line]");
    if (!button) return;
    var form = button.closest("form");
    var field = form && form.querySelector("[name='" + button.getAttribute("data-append-to") + "']");
    if (!field) return;
    var line = button.getAttribute("data-append-line");
    var lines = field.value.split("\n").map(function (l) { return l.trim(); });
    if (lines.indexOf(line) === -1) {
      field.value = field.value.trim() ? field.value.replace(/\s+$/, "") + "\n" + line : line;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    button.textContent = "Added";
    button.disabled = true;
    field.focus();
  });
})();

// Applying a template: unticking a problem or goal unticks what is under it; ticking an
// objective or goal ticks what it belongs to (the server applies the same rule).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches(".keep-tree input[type=checkbox][name=keep]")) return;
    var item = box.closest("li");
    if (!box.checked) {
      item.querySelectorAll("input[type=checkbox][name=keep]").forEach(function (child) { child.checked = false; });
      return;
    }
    var parent = item.parentElement && item.parentElement.closest(".keep-tree li");
    while (parent) {
      var own = parent.querySelector(":scope > label > input[type=checkbox][name=keep]");
      if (own) own.checked = true;
      parent = parent.parentElement && parent.parentElement.closest(".keep-tree li");
    }
  });
})();
