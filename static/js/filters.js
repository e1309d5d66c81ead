// The filters' form of the meeting list, the person pages, the map and the network.
(function () {
  "use strict";

  // Applied, the form sends only the fields filled in, and not a choice left at its default (the order): the
  // address stays short and says what was chosen.
  function applyFilters(form) {
    var defaults = {};
    form.querySelectorAll("[data-default]").forEach(function (field) { defaults[field.name] = field.dataset.default; });
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string") return;
      value = value.trim();
      if (value !== "" && value !== defaults[name]) params.append(name, value);
    });
    var query = params.toString();
    window.location.assign(window.location.pathname + (query ? "?" + query : ""));
  }

  document.querySelectorAll("form.filters-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      applyFilters(form);
    });
  });

  // The people box: as a name is typed, the server suggests the people of the meetings the applied filters select,
  // most meetings first. Choosing one applies the form with that person added, keeping whatever else was typed in
  // it; a name typed and applied without choosing is looked up by the server (it must fit one person).
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var form = input.form;
    var timer = null;
    var asked = 0;

    function choose(slug) {
      var chosen = document.createElement("input");
      chosen.type = "hidden";
      chosen.name = input.name;
      chosen.value = slug;
      form.append(chosen);
      input.value = "";
      applyFilters(form);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var typed = input.value.trim();
        if (typed.length < 2) {
          list.replaceChildren();
          return;
        }
        var params = new URLSearchParams(window.location.search);
        params.set("name", typed);
        var ticket = ++asked;
        fetch(input.dataset.suggest + "?" + params.toString(), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { people: [] }; })
          .then(function (data) {
            if (ticket !== asked) return; // an older answer, overtaken by later typing
            list.replaceChildren();
            data.people.forEach(function (person) {
              var item = document.createElement("li");
              var link = document.createElement("a");
              link.href = "?" + person.query;
              link.textContent = person.name;
              link.dataset.slug = person.slug;
              link.addEventListener("click", function (event) {
                if (!form) return; // no form: the link itself, with the applied filters
                event.preventDefault();
                choose(person.slug);
              });
              var count = document.createElement("span");
              count.className = "count";
              count.textContent = " " + person.n.toLocaleString("en");
              item.append(link, count);
              list.append(item);
            });
            if (!data.people.length) {
              var none = document.createElement("li");
              none.textContent = "No one of that name in these meetings.";
              list.append(none);
            }
          });
      }, 150);
    });
  });
})();
