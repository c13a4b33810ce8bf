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

// SMART feedback: "use this wording" puts the suggested wording in the statement field,
// and a deadline the analyzer read fills the target date when the clinician has not
// typed one (a date they typed or changed is never overwritten).
(function () {
  "use strict";
  function formOf(elt) { return elt.closest && elt.closest("form"); }
  function fillDate(form, value, force) {
    var field = form && form.querySelector("input[name='target_date']");
    if (!field) return;
    var ours = field.getAttribute("data-smart-filled");
    if (force || field.value === "" || field.value === ours) {
      field.value = value;
      field.setAttribute("data-smart-filled", value);
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-smart-wording], button[data-smart-date]");
    if (!button) return;
    var form = formOf(button);
    if (!form) return;
    if (button.hasAttribute("data-smart-wording")) {
      var statement = form.querySelector("textarea[name='statement']");
      if (!statement) return;
      statement.value = button.getAttribute("data-smart-wording");
      statement.dispatchEvent(new Event("input", { bubbles: true }));
      statement.focus();
    } else {
      fillDate(form, button.getAttribute("data-smart-date"), true);
      var field = form.querySelector("input[name='target_date']");
      if (field) field.focus();
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("smart-feedback")) return;
    var note = target.querySelector("[data-smart-date].target-date-note");
    if (note) fillDate(formOf(target), note.getAttribute("data-smart-date"), false);
  });
})();
