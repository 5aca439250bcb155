// Promised vs delivered per period of one service commitment (4.4.5). No inline scripts
// (CSP): the chart reads its data from the <script type="application/json"> block its
// data-fulfilment-chart attribute names. The same numbers are in the table below it.
(function () {
  "use strict";

  var RED = "#d63939";
  var BLUE = "#066fd1";
  var GREEN = "#2fb344";

  function option(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.unit, scale: true },
      series: [
        { name: data.names.promised, type: "line", step: "middle", symbol: "none", lineStyle: { color: GREEN, type: "dashed" }, data: data.promised },
        {
          name: data.names.delivered,
          type: "line",
          symbolSize: 8,
          itemStyle: { color: BLUE },
          data: data.delivered.map(function (v, i) {
            return { value: v, itemStyle: { color: data.kept[i] ? BLUE : RED } };
          }),
        },
      ],
    };
  }

  function draw(element) {
    var block = document.getElementById(element.dataset.fulfilmentChart);
    if (!block || typeof window.echarts === "undefined") {
      return;
    }
    var locale = element.dataset.locale === "ZH" ? "ZH" : "EN";
    var chart = window.echarts.init(element, null, { locale: locale, renderer: "svg" });
    chart.setOption(option(JSON.parse(block.textContent)));
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setup() {
    document.querySelectorAll("[data-fulfilment-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
