// The Pareto charts of nonconformities: bars by count, largest first, and the
// cumulative share as a line. No inline scripts (CSP): each chart reads its data from
// the <script type="application/json"> block its data-pareto-chart attribute names.
(function () {
  "use strict";

  function draw(element) {
    var block = document.getElementById(element.dataset.paretoChart);
    if (!block || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(block.textContent);
    var locale = element.dataset.locale === "ZH" ? "ZH" : "EN";
    var chart = window.echarts.init(element, null, { locale: locale, renderer: "svg" });
    chart.setOption({
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var index = items[0].dataIndex;
          return [data.titles[index]].concat(items.map(function (item) {
            return item.marker + item.seriesName + ": " + item.value;
          })).join("<br>");
        },
      },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: data.labels,
        axisLabel: { interval: 0, rotate: data.labels.length > 4 ? 30 : 0, width: 96, overflow: "truncate" },
      },
      yAxis: [
        { type: "value", name: data.names.count, minInterval: 1, nameTextStyle: { align: "left" } },
        {
          type: "value",
          name: data.names.cumulative,
          min: 0,
          max: 100,
          splitLine: { show: false },
          nameTextStyle: { align: "right" },
        },
      ],
      series: [
        { name: data.names.count, type: "bar", barMaxWidth: 36, itemStyle: { color: "#d63939" }, data: data.counts },
        { name: data.names.cumulative, type: "line", yAxisIndex: 1, symbolSize: 6, itemStyle: { color: "#066fd1" }, data: data.cumulative },
      ],
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setup() {
    document.querySelectorAll("[data-pareto-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
