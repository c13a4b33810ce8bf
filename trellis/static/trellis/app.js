// Behaviour every page shares, small and without a framework:
// - the header's Menu button on narrow screens (a disclosure: aria-expanded, Escape closes);
// - one polite live region (#live) that says what a save or a move did: Trellis.announce(text);
//   the page's own messages (after a redirect) move into it, so they are read out too;
// - a table too wide for the screen scrolls inside its own box, reachable by keyboard;
// - a link to #some-item (after an edit, the page returns to it) moves the focus there.
(function () {
  "use strict";
  var Trellis = (window.Trellis = window.Trellis || {});

  // Said, not shown: a visually hidden line in the live region, replacing the last one (a
  // new node, so the same words said twice are read twice).
  Trellis.announce = function (text) {
    var live = document.getElementById("live");
    if (!live || !text) return;
    Array.prototype.forEach.call(live.querySelectorAll(".announcement"), function (old) { old.remove(); });
    window.setTimeout(function () {
      var line = document.createElement("p");
      line.className = "announcement visually-hidden";
      line.textContent = text;
      live.appendChild(line);
    }, 60);
  };

  function setUpMenu() {
    var button = document.querySelector("header.top .menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) return;
    button.hidden = false;
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  }

  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var label = table.getAttribute("aria-label");
    if (label) return label;
    var el = table.parentElement;
    while (el && el !== document.body) {
      var heading = el.querySelector("h1, h2, h3");
      if (heading && heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return heading.textContent.trim();
      }
      el = el.parentElement;
    }
    return "Table";
  }

  // A box that scrolls needs a tab stop (so a keyboard can scroll it) and a name; one that
  // fits the screen gets neither, so it adds no tab stop.
  function fitTables(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("main table"), function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-scroll")) {
        box = document.createElement("div");
        box.className = "table-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", labelFor(table) + " (scrolls sideways)");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  Trellis.fitTables = fitTables;

  // The page's messages (after a redirect) move into the live region, in one step and in
  // the same place on the screen: added to a live region, they are read out.
  function announceMessages() {
    var live = document.getElementById("live");
    var block = document.querySelector("[data-messages]");
    if (!live || !block) return;
    while (block.firstChild) live.appendChild(block.firstChild);
    block.remove();
  }

  // After an edit the server sends the page back with #kind-id: focus that item (not only
  // scroll to it), so the keyboard carries on from where the clinician was.
  function focusTarget() {
    if (!location.hash || location.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.closest("main")) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    fitTables();
    announceMessages();
    focusTarget();
  });
  var resizing;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { fitTables(); }, 150);
  });
  // A form shown again by htmx for a new choice (the target form, for a new measure) keeps
  // what was typed while the request was on its way: the fields the server recomputes
  // (data-refreshes="subscale baseline") come from the response, every other from the page.
  var typed = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.target;
    if (!form || !form.matches || !form.matches("form[data-refreshes]")) return;
    var refreshed = form.getAttribute("data-refreshes").split(/\s+/);
    typed = { id: form.id, values: {} };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && refreshed.indexOf(el.name) < 0 && el.type !== "hidden") typed.values[el.name] = el.value;
    });
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!typed) return;
    var form = document.getElementById(typed.id);
    if (form) {
      Object.keys(typed.values).forEach(function (name) {
        var el = form.elements.namedItem(name);
        if (el && el.value !== undefined) el.value = typed.values[name];
      });
    }
    typed = null;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    fitTables(event.detail.elt && event.detail.elt.querySelectorAll ? event.detail.elt : document);
  });
})();
