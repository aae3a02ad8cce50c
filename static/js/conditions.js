// A question asked only after a given answer to an earlier question on the same page appears only
// once that answer is chosen. The page marks such a question with the name of the earlier
// question's field and the options that show it:
//   <fieldset data-shown-if="q12" data-shown-if-values='["yes"]'>
// Without this script every question shows with its condition in words. Either way the server
// decides: it drops what is sent for a question whose condition is not met, and asks for a
// required one only when it is.
(function () {
  "use strict";

  // The options chosen in the field `name`, counting only questions that are showing.
  function chosen(form, name) {
    const values = new Set();
    for (const control of form.elements) {
      if (control.name !== name || control.closest("[hidden]")) continue;
      if (control.type === "radio" || control.type === "checkbox") {
        if (control.checked) values.add(control.value);
      } else if (control.tagName === "SELECT") {
        for (const option of control.selectedOptions) values.add(option.value);
      }
    }
    return values;
  }

  // In page order: a question whose condition hangs on a hidden one is hidden with it.
  function update(form) {
    for (const question of form.querySelectorAll("[data-shown-if]")) {
      const wanted = JSON.parse(question.dataset.shownIfValues);
      const have = chosen(form, question.dataset.shownIf);
      question.hidden = !wanted.some((value) => have.has(value));
    }
  }

  for (const form of document.querySelectorAll("form")) {
    if (!form.querySelector("[data-shown-if]")) continue;
    form.addEventListener("change", () => update(form));
    update(form);
  }
})();
