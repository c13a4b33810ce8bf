// Behaviour every page shares, small and without a framework:
// - the header's Menu button on narrow screens (a disclosure: aria-expanded, Escape closes);
// - one polite live region (#live) that says what a save or a move did: Trellis.announce(text);
//   the page's own messages (after a redirect) are read out through it too;
// - a table too wide for the screen scrolls inside its own box, reachable by keyboard;
// - a link to #some-item (after an edit, the page returns to it) moves the focus there.
(function () {
  "use strict";
  var Trellis = (window.Trellis = window.Trellis || {});

  Trellis.announce = function (text) {
    var live = document.getElementById("live");
    if (!live || !text) return;
    // Emptied first so that the same words said twice are read twice.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 60);
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

  function announceMessages() {
    var texts = Array.prototype.map.call(document.querySelectorAll(".messages .message"), function (m) {
      return m.textContent.trim();
    });
    if (texts.length) Trellis.announce(texts.join(" "));
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
  document.addEventListener("htmx:afterSettle", function (event) {
    fitTables(event.detail.elt && event.detail.elt.querySelectorAll ? event.detail.elt : document);
  });
})();
