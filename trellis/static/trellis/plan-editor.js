// Plan editor behaviour that htmx does not give by itself:
// - a move swaps the item's DOM node with its neighbour, so open forms keep their text;
// - a warning before leaving the page while a form holds unsaved text;
// - error responses (409 stale, 422 invalid) are swapped in so the form comes back with its input.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    // A refused removal is told in an alert (below); its item stays as it was.
    if (event.detail.elt.hasAttribute && event.detail.elt.hasAttribute("data-remove")) return;
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

  function formChanged(form) {
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return el.value !== el.defaultValue;
    });
  }
  (window.Trellis = window.Trellis || {}).formChanged = formChanged;
  function dirtyForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form[data-dirty-check]"), formChanged);
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

// Keyboard and screen-reader use of the plan editor:
// - opening a form puts the focus in its first field; saving or cancelling puts it back on
//   the item's Edit button (or the Add button), removing moves it to the next item;
// - Escape in an open form cancels it (asking first when it holds typed text);
// - each item's buttons are one toolbar: one tab stop, the left and right arrows move along;
// - saves, additions, removals and moves are said in the live region (app.js).
(function () {
  "use strict";
  var Trellis = (window.Trellis = window.Trellis || {});
  var intents = typeof WeakMap === "function" ? new WeakMap() : null;
  var FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

  function say(text) { if (Trellis.announce) Trellis.announce(text); }
  function kindOf(id) {
    var kind = (id || "").split("-")[0];
    return kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : "Item";
  }
  function focus(el) {
    if (!el) return;
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) el.setAttribute("tabindex", "-1");
    el.focus();
  }
  function focusForm(form) {
    focus(form.querySelector("[aria-invalid=true]") || form.querySelector(FIELDS) || form);
  }
  function editButton(itemOrBody) {
    if (!itemOrBody) return null;
    var body = itemOrBody.classList.contains("item-body") ? itemOrBody : itemOrBody.querySelector(":scope > .item-body");
    return (body && body.querySelector("[data-edit]")) || body || itemOrBody;
  }
  function addButtonOf(container) { return container && container.querySelector(":scope > button, :scope > .add-buttons > button"); }

  // Where the focus goes once this item is gone: the next item, the one before, or the
  // button that adds an item to the same list.
  function afterRemoval(item) {
    if (!item) return null;
    var next = item.nextElementSibling || item.previousElementSibling;
    if (next) return editButton(next);
    var list = item.parentElement;
    var add = list && list.id && document.getElementById(list.id.replace(/-children$/, "-add"));
    return addButtonOf(add) || list;
  }

  function intentFor(detail) {
    var elt = detail.elt, target = detail.target;
    if (!elt || !elt.matches || !elt.matches("form, button, a")) return null;
    var verb = ((detail.requestConfig && detail.requestConfig.verb) || "get").toLowerCase();
    if (elt.hasAttribute("data-remove")) {
      var item = elt.closest("li.item");
      return { what: "remove", id: item && item.id, next: afterRemoval(item) };
    }
    if (!target || !target.id && !target.parentElement) return null;
    if (target.classList.contains("item-body")) return { what: "item", id: target.id, verb: verb };
    if (target.id.indexOf("section-") === 0) return { what: "section", id: target.id, verb: verb };
    var container = target.parentElement;
    if (container && container.classList.contains("add-child")) {
      return { what: "add", id: container.id, verb: verb, kind: elt.closest("[class*=add-form-]") };
    }
    return null;
  }

  function afterSwap(intent, detail) {
    var ok = detail.successful, status = detail.xhr.status;
    var el = document.getElementById(intent.id);
    if (intent.what === "remove") {
      if (status === 200) { focus(intent.next); say(kindOf(intent.id) + " removed."); }
      return;
    }
    if (!el) return;
    var form = el.querySelector("form");
    if (form) {
      focusForm(form);
      if (intent.verb === "post") say(status === 409 ? "Not saved: someone else changed it first. Your text is kept." : "Not saved: see the form.");
      return;
    }
    if (intent.what === "item") {
      focus(editButton(el));
      if (intent.verb === "post" && ok) say(kindOf(intent.id) + " saved.");
    } else if (intent.what === "section") {
      focus(el.querySelector("[data-edit]") || el.querySelector("h2"));
      if (intent.verb === "post" && ok) say("Saved.");
    } else if (intent.what === "add") {
      if (intent.verb === "post" && ok) {
        var list = document.getElementById(intent.id.replace(/-add$/, "-children"));
        var added = list && list.lastElementChild;
        focus(editButton(added) || addButtonOf(el));
        if (added) say(kindOf(added.id) + " added.");
      } else {
        focus(addButtonOf(el));
      }
    }
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!intents) return;
    var intent = intentFor(event.detail);
    if (intent) intents.set(event.detail.xhr, intent);
  });
  // afterRequest comes after the swap; for a removed button htmx sends it from an ancestor
  // that is still in the page, so it reaches this listener.
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!intents) return;
    var intent = intents.get(event.detail.xhr);
    if (!intent) return;
    intents.delete(event.detail.xhr);
    afterSwap(intent, event.detail);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var direction = elt.getAttribute && elt.getAttribute("data-move");
    if (!direction || !event.detail.successful) return;
    var item = elt.closest("li.item");
    if (!item) return;
    var moved = event.detail.xhr.responseText.trim() === "moved";
    var siblings = Array.prototype.filter.call(item.parentElement.children, function (li) { return li.matches("li.item"); });
    var where = (siblings.indexOf(item) + 1) + " of " + siblings.length;
    say(moved ? kindOf(item.id) + " moved " + direction + ": now " + where + "." : kindOf(item.id) + " is already " + (direction === "up" ? "first" : "last") + ".");
  });

  // Escape cancels the open form it is pressed in.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var form = event.target.closest && event.target.closest("form");
    var cancel = form && form.querySelector("[data-cancel]");
    if (!cancel) return;
    event.preventDefault();
    if (Trellis.formChanged && Trellis.formChanged(form) && !window.confirm("Discard what you typed in this form?")) return;
    cancel.click();
  });

  // One tab stop per item toolbar (roving tabindex): Tab reaches its Edit button; left and
  // right arrows, Home and End move along its buttons.
  function setCurrent(bar, button) {
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) { b.tabIndex = b === button ? 0 : -1; });
  }
  function initToolbars(root) {
    if (!root || !root.querySelectorAll) return;
    var bars = root.matches && root.matches(".item-tools") ? [root] : root.querySelectorAll(".item-tools");
    Array.prototype.forEach.call(bars, function (bar) {
      setCurrent(bar, bar.querySelector("[data-edit]") || bar.querySelector("button"));
    });
  }
  document.addEventListener("keydown", function (event) {
    var bar = event.target.closest && event.target.closest(".item-tools");
    if (!bar || event.target.tagName !== "BUTTON") return;
    var buttons = Array.prototype.slice.call(bar.querySelectorAll("button"));
    var at = buttons.indexOf(event.target), to = null;
    if (event.key === "ArrowRight") to = (at + 1) % buttons.length;
    else if (event.key === "ArrowLeft") to = (at - 1 + buttons.length) % buttons.length;
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = buttons.length - 1;
    if (to === null) return;
    event.preventDefault();
    setCurrent(bar, buttons[to]);
    buttons[to].focus();
  });
  document.addEventListener("focusin", function (event) {
    var bar = event.target.closest && event.target.closest(".item-tools");
    if (bar && event.target.tagName === "BUTTON") setCurrent(bar, event.target);
  });
  document.addEventListener("DOMContentLoaded", function () { initToolbars(document); });
  document.addEventListener("htmx:load", function (event) { initToolbars(event.detail.elt); });
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
