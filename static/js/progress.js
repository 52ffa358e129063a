// Progress dashboard: draws the daily score chart from the JSON the page carries.
// An enhancement only: the data table is always in the page and stays for screen readers.
(function () {
  "use strict";

  function drawScoreChart() {
    var box = document.querySelector("[data-score-chart]");
    var table = document.querySelector("[data-score-table]");
    var source = document.getElementById("score-data");
    if (!box || !table || !source || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    var style = getComputedStyle(document.documentElement);
    var colour = function (name, fallback) { return style.getPropertyValue(name).trim() || fallback; };
    var text = colour("--text", "#2b2a26");
    var accent = colour("--accent", "#1f5f8b");
    var border = colour("--border", "#d9cfb8");
    var quiet = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    window.Chart.defaults.font.family = style.fontFamily;
    window.Chart.defaults.font.size = 16;
    box.hidden = false;
    new window.Chart(document.getElementById("score-chart"), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: "Average score",
          data: data.scores,
          borderColor: accent,
          backgroundColor: accent,
          borderWidth: 3,
          pointRadius: 5,
          tension: 0.25
        }]
      },
      options: {
        animation: quiet ? false : undefined,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          y: { min: 0, max: 100, ticks: { stepSize: 20, color: text }, grid: { color: border } },
          x: { ticks: { color: text }, grid: { display: false } }
        }
      }
    });
    table.classList.add("is-behind-chart");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawScoreChart);
  } else {
    drawScoreChart();
  }
})();
