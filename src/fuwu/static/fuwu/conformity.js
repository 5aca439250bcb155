// The conformity pages' behaviours: the trend chart of the dashboard and the
// expand / collapse buttons of the clause tree. No inline scripts (CSP): the chart
// reads its data from a <script type="application/json"> block named by the
// element's data-conformity-chart attribute.
(function () {
  "use strict";

  var COLORS = {
    conforming: "#2fb344",
    nonconforming: "#d63939",
    not_assessed: "#adb5bd",
    excluded: "#dee2e6",
  };

  function drawTrend(element) {
    var block = document.getElementById(element.dataset.conformityChart);
    if (!block || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(block.textContent);
    var locale = element.dataset.locale === "ZH" ? "ZH" : "EN";
    var chart = window.echarts.init(element, null, { locale: locale, renderer: "svg" });
    var series = data.series.map(function (s) {
      return {
        name: s.name,
        type: "bar",
        stack: "clauses",
        barMaxWidth: 24,
        itemStyle: { color: COLORS[s.key] },
        emphasis: { focus: "series" },
        data: s.data,
      };
    });
    series.push({
      name: data.labels.score,
      type: "line",
      yAxisIndex: 1,
      smooth: true,
      symbolSize: 6,
      itemStyle: { color: "#066fd1" },
      data: data.score,
    });
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 48, top: 24, bottom: 56 },
      xAxis: { type: "category", data: data.dates },
      yAxis: [
        { type: "value", name: data.labels.clauses, minInterval: 1 },
        { type: "value", name: data.labels.score, min: 0, max: 100, splitLine: { show: false } },
      ],
      series: series,
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setup() {
    document.querySelectorAll("[data-conformity-chart]").forEach(drawTrend);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tree-toggle]");
    if (!button) {
      return;
    }
    var open = button.dataset.treeToggle === "open";
    document.querySelectorAll(".fuwu-tree details").forEach(function (details) {
      details.open = open;
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
