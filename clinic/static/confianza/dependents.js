/* Confianza: the household form's script. "Add another dependent" and "Remove" without a round
   trip to the server, and no POST left in the history once the form is sent.

   Without JavaScript both are submit buttons that re-render the form with what was typed
   (intake/forms.py reshaped_forms). With it, a row is cloned from the <template> rendered from the
   formset's empty form, so the browser's history holds no extra POST: Back after saving never
   meets "Confirm form resubmission". Rows are renumbered after a removal, as the server does. */
(function () {
  "use strict";
  var form = document.querySelector("form.household-form");
  if (!form) { return; }
  /* A page shown after a POST (the form again, with its errors) is a POST in the history: once the
     volunteer submits from it, Back would land on "Confirm form resubmission". Turning that entry
     into a plain one as the form is sent makes Back load the page again with GET, which the views
     answer sensibly (the saved household's edit form, or the kept screening answers). Reload of
     the page itself is untouched, so it still resends what was typed rather than losing it. */
  form.addEventListener("submit", function () {
    if (window.history && window.history.replaceState) { window.history.replaceState(window.history.state, "", window.location.href); }
  });
  var template = document.getElementById("dependent-template");
  if (!template) { return; }
  var box = document.getElementById("dependents");
  var total = box.querySelector("input[name$='-TOTAL_FORMS']");
  var prefix = total.name.replace(/-TOTAL_FORMS$/, "");
  var max = parseInt(box.querySelector("input[name$='-MAX_NUM_FORMS']").value, 10);
  var legend = template.dataset.legend;
  var removeLabel = template.dataset.remove;
  var numbered = new RegExp("(^|\\s)(id_)?" + prefix + "-(?:\\d+|__prefix__)-", "g");

  function rows() { return Array.prototype.slice.call(box.querySelectorAll("fieldset.dependent")); }

  function renumber() {
    rows().forEach(function (row, index) {
      row.id = "dependent-" + (index + 1);
      row.querySelector("legend").textContent = legend.replace("__number__", index + 1);
      var remove = row.querySelector("button[name='remove-dependent']");
      remove.value = String(index);
      remove.textContent = removeLabel.replace("__number__", index + 1);
      ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
        row.querySelectorAll("[" + attribute + "]").forEach(function (element) {
          element.setAttribute(attribute, element.getAttribute(attribute).replace(numbered, "$1$2" + prefix + "-" + index + "-"));
        });
      });
    });
    total.value = String(rows().length);
    var add = box.querySelector("button[name='add-dependent']");
    if (add) { add.hidden = rows().length >= max; }
    var empty = box.querySelector(".no-dependents");
    if (empty) { empty.hidden = rows().length > 0; }
  }

  box.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !box.contains(button)) { return; }
    if (button.name === "add-dependent") {
      if (rows().length >= max) { return; }
      event.preventDefault();
      var row = template.content.firstElementChild.cloneNode(true);
      button.parentNode.insertBefore(row, button);
      renumber();
      var first = row.querySelector("select, input:not([type=hidden])");
      if (first) { first.focus(); }
    } else if (button.name === "remove-dependent") {
      event.preventDefault();
      var gone = button.closest("fieldset.dependent");
      var next = gone.nextElementSibling;
      gone.remove();
      renumber();
      var target = next && next.matches("fieldset.dependent")
        ? next.querySelector("select, input:not([type=hidden])")
        : box.querySelector("button[name='add-dependent']");
      if (target) { target.focus(); }
    }
  });
}());
