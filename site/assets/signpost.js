// Signpost default theme: quick exit and "go back". Without JavaScript both are plain links.
(function () {
  "use strict";

  var exit = document.getElementById("quick-exit");
  if (exit) {
    var status = document.getElementById("quick-exit-status");
    var progress = document.querySelector(".quick-exit-progress");
    var dots = progress ? progress.querySelectorAll("span") : [];
    var presses = 0;
    var timer = null;

    var leave = function () {
      if (status) { status.textContent = "Leaving this page."; }
      document.documentElement.classList.add("quick-exit-leaving");
      // Replacing the history entry means Back does not return to this page.
      window.location.replace(exit.href);
    };

    var show = function () {
      if (!progress) { return; }
      progress.hidden = presses === 0;
      for (var i = 0; i < dots.length; i += 1) {
        dots[i].className = i < presses ? "on" : "";
      }
    };

    var reset = function () {
      presses = 0;
      show();
      if (status) { status.textContent = ""; }
    };

    exit.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });

    // Pressing Shift three times within five seconds leaves, as GOV.UK's "Exit this page" does.
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        if (presses > 0) { reset(); }
        return;
      }
      presses += 1;
      show();
      window.clearTimeout(timer);
      if (presses >= 3) {
        leave();
        return;
      }
      if (status) {
        status.textContent = "Shift pressed " + presses + (presses === 1 ? " time" : " times") +
          ". Press " + (3 - presses) + " more to leave this site.";
      }
      timer = window.setTimeout(reset, 5000);
    });
  }

  var back = document.querySelector("[data-go-back]");
  if (back && window.history.length > 1) {
    back.addEventListener("click", function (event) {
      event.preventDefault();
      window.history.back();
    });
  }
}());
