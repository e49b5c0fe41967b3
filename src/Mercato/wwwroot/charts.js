// Draws every element with a data-chart attribute: its value is an Apache ECharts option object as JSON.
(function () {
  function draw() {
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(JSON.parse(el.getAttribute('data-chart')));
      // A data item with an href (an org chart unit) opens that page when clicked.
      chart.on('click', function (p) { if (p.data && p.data.href) { window.location.href = p.data.href; } });
      window.addEventListener('resize', function () { chart.resize(); });
      el.setAttribute('data-chart-ready', 'true');
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
