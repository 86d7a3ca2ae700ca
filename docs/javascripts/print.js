// The Print button at the top of each page, and the date in the header that shows only on paper.
(function () {
  "use strict";

  function stampDate() {
    var stamp = document.querySelector(".print-header .print-date");
    if (stamp) {
      stamp.textContent = "printed " + new Date().toLocaleDateString("en-GB",
        { day: "numeric", month: "long", year: "numeric" });
    }
  }

  function start() {
    var button = document.querySelector(".print-top");
    if (!button || typeof window.print !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
    window.addEventListener("beforeprint", stampDate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
