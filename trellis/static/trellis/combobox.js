// The diagnosis combobox (WAI-ARIA 1.2 combobox pattern, list autocomplete).
// Progressive enhancement: without this script the field is a plain text box and the
// form offers the matching codes as buttons after a submit.
(function () {
  "use strict";

  function setUp(box) {
    var input = box.querySelector("input[type=text], input:not([type])");
    var list = box.querySelector("[role=listbox]");
    var count = box.querySelector(".combobox-count");
    var source = box.getAttribute("data-source");
    if (!input || !list || !count || !source) return;
    var active = -1;
    var timer = null;
    var asked = "";
    var latest = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-describedby", "icd10-help icd10-count");

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

    function open(yes) {
      var any = options().length > 0;
      list.hidden = !(yes && any);
      input.setAttribute("aria-expanded", yes && any ? "true" : "false");
      if (!yes || !any) { highlight(-1); }
    }

    function highlight(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("active", i === index);
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      input.value = option.getAttribute("data-value");
      asked = input.value;
      open(false);
      count.textContent = "Picked " + input.value + ".";
      input.focus();
    }

    function fetchOptions() {
      var query = input.value.trim();
      if (query === asked) return;
      asked = query;
      if (!query) { list.innerHTML = ""; count.textContent = ""; open(false); return; }
      var ticket = ++latest;
      fetch(source + "?q=" + encodeURIComponent(query), {
        headers: { "HX-Request": "true" }, credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error("search failed");
        return response.text();
      }).then(function (html) {
        if (ticket !== latest) return;  // an older answer arriving late
        list.innerHTML = html;
        var message = list.querySelector("template[data-count]");
        count.textContent = message ? message.content.textContent.trim() : "";
        if (message) message.remove();
        highlight(-1);
        open(document.activeElement === input);
      }).catch(function () {
        count.textContent = "The code search is not available: type the code (such as F41.1).";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchOptions, 200);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { open(true); }
        if (all.length) highlight(active < all.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { open(true); }
        if (all.length) highlight(active > 0 ? active - 1 : all.length - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          choose(all[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          event.stopPropagation();
          open(false);
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          asked = "";
          list.innerHTML = "";
          count.textContent = "";
        }
      }
    });

    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
    input.addEventListener("blur", function () { open(false); });
    input.addEventListener("focus", function () { if (input.value.trim() === asked && asked) open(true); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-combobox]").forEach(setUp);
  });
})();
