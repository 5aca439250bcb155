// The charts of design studies: Kano's better / worse scatter (one point per
// attribute, labelled with its row number in the table) and SERVQUAL's gap per item.
// No inline scripts (CSP): the data comes from the JSON block data-study-chart names.
(function () {
  "use strict";

  var COLORS = { A: "#2fb344", O: "#066fd1", M: "#d63939", I: "#868e96", R: "#f59f00", Q: "#ae3ec9" };

  function kano(data) {
    return {
      tooltip: {
        formatter: function (item) {
          var p = item.data;
          return p[2] + ". " + p[3] + "<br>" + p[4] + "<br>" + data.names.better + ": " + p[0] + ", " + data.names.worse + ": " + p[1];
        },
      },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: data.names.better, min: 0, max: 1, nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "value", name: data.names.worse, min: -1, max: 0, inverse: true },
      series: [
        {
          type: "scatter",
          symbolSize: 14,
          data: data.points,
          label: { show: true, position: "right", formatter: function (item) { return item.data[2]; } },
          itemStyle: { color: function (item) { return COLORS[item.data[5]] || "#066fd1"; } },
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#adb5bd" },
            data: [{ xAxis: 0.5 }, { yAxis: -0.5 }],
          },
        },
      ],
    };
  }

  function servqual(data) {
    return {
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          return data.titles[items[0].dataIndex] + "<br>" + items[0].seriesName + ": " + items[0].value;
        },
      },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.names.gap },
      series: [
        {
          name: data.names.gap,
          type: "bar",
          barMaxWidth: 36,
          data: data.gaps,
          itemStyle: { color: function (item) { return item.value < 0 ? "#d63939" : "#2fb344"; } },
        },
      ],
    };
  }

  function draw(element) {
    var block = document.getElementById(element.dataset.studyChart);
    if (!block || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(block.textContent);
    var locale = element.dataset.locale === "ZH" ? "ZH" : "EN";
    var chart = window.echarts.init(element, null, { locale: locale, renderer: "svg" });
    chart.setOption(data.kind === "kano" ? kano(data) : servqual(data));
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setup() {
    document.querySelectorAll("[data-study-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
