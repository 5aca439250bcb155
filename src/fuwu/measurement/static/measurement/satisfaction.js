// The customer satisfaction charts. No inline scripts (CSP): each chart reads its data
// from the <script type="application/json"> block its data-satisfaction-chart attribute
// names; data-kind says how to draw it. The same numbers are in the table below each chart.
(function () {
  "use strict";

  var RED = "#d63939";
  var BLUE = "#066fd1";
  var GREY = "#929dab";
  var GREEN = "#2fb344";

  function targetLine(target) {
    if (target === null || target === undefined) {
      return undefined;
    }
    return { silent: true, symbol: "none", lineStyle: { color: GREEN, type: "dashed" }, data: [{ yAxis: target }] };
  }

  function trend(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: [
        { type: "value", name: data.names.index, min: 0, max: 100 },
        { type: "value", name: data.names.responses, minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: data.names.responses, type: "bar", yAxisIndex: 1, itemStyle: { color: "#c8d3e1" }, data: data.responses },
        { name: data.names.index, type: "line", connectNulls: true, itemStyle: { color: BLUE }, data: data.index, markLine: targetLine(data.target) },
      ],
    };
  }

  function bars(data) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100 },
      yAxis: { type: "category", inverse: true, data: data.labels, axisLabel: { width: 120, overflow: "truncate" } },
      series: [{
        name: data.name,
        type: "bar",
        barMaxWidth: 20,
        data: data.values.map(function (v) {
          var low = data.target !== null && v !== null && v < data.target;
          return { value: v, itemStyle: { color: low ? RED : BLUE } };
        }),
        markLine: data.target === null ? undefined : { silent: true, symbol: "none", lineStyle: { color: GREEN, type: "dashed" }, data: [{ xAxis: data.target }] },
      }],
    };
  }

  function ipa(data) {
    var cross = data.crosshair || [];
    return {
      tooltip: { formatter: function (p) { return p.value[2] + "<br>" + data.names.x + ": " + p.value[0] + "<br>" + data.names.y + ": " + p.value[1]; } },
      grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: "value", name: data.names.x, nameLocation: "middle", nameGap: 24, scale: true },
      yAxis: { type: "value", name: data.names.y, scale: true },
      series: [{
        type: "scatter",
        symbolSize: 12,
        itemStyle: { color: BLUE },
        label: { show: true, position: "right", formatter: function (p) { return p.value[2]; }, fontSize: 10 },
        data: data.points,
        markLine: cross.length === 2 ? { silent: true, symbol: "none", lineStyle: { color: GREY, type: "dashed" }, data: [{ xAxis: cross[0] }, { yAxis: cross[1] }] } : undefined,
      }],
    };
  }

  function control(data) {
    var marks = data.signals.map(function (i) { return [data.labels[i], data.values[i]]; });
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", scale: true },
      series: [
        { name: data.names.value, type: "line", symbolSize: 5, itemStyle: { color: BLUE }, data: data.values },
        { name: data.names.center, type: "line", symbol: "none", lineStyle: { color: GREEN }, data: data.center },
        { name: data.names.ucl, type: "line", step: "middle", symbol: "none", lineStyle: { color: RED, type: "dashed" }, data: data.ucl },
        { name: data.names.lcl, type: "line", step: "middle", symbol: "none", lineStyle: { color: RED, type: "dashed" }, data: data.lcl },
        { name: data.names.signal, type: "scatter", symbolSize: 12, itemStyle: { color: RED }, data: marks },
      ],
    };
  }

  var KINDS = { trend: trend, bars: bars, ipa: ipa, control: control };

  function draw(element) {
    var block = document.getElementById(element.dataset.satisfactionChart);
    var build = KINDS[element.dataset.kind];
    if (!block || !build || typeof window.echarts === "undefined") {
      return;
    }
    var locale = element.dataset.locale === "ZH" ? "ZH" : "EN";
    var chart = window.echarts.init(element, null, { locale: locale, renderer: "svg" });
    chart.setOption(build(JSON.parse(block.textContent)));
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setup() {
    document.querySelectorAll("[data-satisfaction-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
