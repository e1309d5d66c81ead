// The people picker of the meeting list's filters: as a name is typed, the server suggests the people of the
// meetings the other filters select, most meetings first; each suggestion links to the list with that person added.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null;
    var asked = 0;
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
