/* Solves the proof of work of a form that carries one (data-proof-of-work: an ALTCHA v2
   challenge, PBKDF2/SHA-256) when it is sent, then sends it with the solution in its "altcha"
   field. Web Crypto does the hashing: no worker, no eval, nothing from another site. Buttons
   named "action" with the value "back" go back without solving. */
(function () {
  "use strict";

  function bytesOf(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return bytes;
  }

  function hexOf(buffer) {
    return Array.from(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  async function solve(challenge) {
    var parameters = challenge.parameters;
    var salt = bytesOf(parameters.salt);
    var nonce = bytesOf(parameters.nonce);
    var password = new Uint8Array(nonce.length + 4);
    password.set(nonce);
    var counterView = new DataView(password.buffer, nonce.length);
    for (var counter = 0; counter <= 0xffffffff; counter++) {
      counterView.setUint32(0, counter);
      var key = await crypto.subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
      var bits = await crypto.subtle.deriveBits(
        { name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: parameters.cost },
        key,
        parameters.keyLength * 8
      );
      var derivedKey = hexOf(bits);
      if (derivedKey.startsWith(parameters.keyPrefix)) {
        return { counter: counter, derivedKey: derivedKey };
      }
    }
    throw new Error("no solution");
  }

  function watch(form) {
    var field = form.elements.namedItem("altcha");
    var status = document.getElementById(form.dataset.proofOfWorkStatus);
    var state = "waiting";
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      var back = submitter && submitter.value === "back";
      // Without Web Crypto (a page not served over HTTPS) the form goes as it is, and the server
      // answers with what to do.
      var unable = !window.crypto || !crypto.subtle || !form.requestSubmit;
      if (state === "solved" || back || unable) {
        return;
      }
      event.preventDefault();
      if (state === "solving") {
        return;
      }
      state = "solving";
      status.hidden = false;
      form.setAttribute("aria-busy", "true");
      var challenge = JSON.parse(form.dataset.proofOfWork);
      solve(challenge).then(
        function (solution) {
          field.value = btoa(JSON.stringify({ challenge: challenge, solution: solution }));
          state = "solved";
          form.requestSubmit(submitter);
        },
        function () {
          state = "solved"; // send without a solution: the page comes back with a new challenge
          form.requestSubmit(submitter);
        }
      );
    });
  }

  document.querySelectorAll("form[data-proof-of-work]").forEach(watch);
})();
