// Progress dashboard: draws the daily score chart from the JSON the page carries.
// An enhancement only: the data table is always in the page and stays for screen readers.
// Chart.js is a classic script loaded before this module (window.Chart).

function drawScoreChart() {
  const box = document.querySelector("[data-score-chart]");
  const table = document.querySelector("[data-score-table]");
  const source = document.getElementById("score-data");
  if (!box || !table || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const style = getComputedStyle(document.documentElement);
  const colour = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const text = colour("--text", "#2b2a26");
  const accent = colour("--accent", "#1f5f8b");
  const border = colour("--border", "#d9cfb8");
  const quiet = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

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
