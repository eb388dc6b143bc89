// retail-pipeline dashboard: starts runs and follows them, reads the analytics endpoints and draws them with
// ECharts. Data never goes through innerHTML: text nodes and textContent only; chart tooltips are escaped.
(function () {
  'use strict';

  var FILTERS = ['from', 'to', 'category', 'store', 'channel'];
  var GRAINS = ['day', 'week', 'month'];
  var WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  var HEAT = ['#f4f8fd', '#9ec2f0', '#2f6fdb', '#16397a'];
  var COLORS = ['#2f6fdb', '#f29d38', '#3aa675', '#9b59b6', '#e0544b', '#17a2b8', '#8d6e63', '#7f8c8d'];
  var money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  var money2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
  var count = new Intl.NumberFormat('en-US');

  var state = { filters: {}, grain: 'day' };
  var charts = {};
  var refreshes = 0;
  var refreshToken = 0;
  var following = null;
  var applied = {};
  var lastHeatmap = null;
  // the charting library loads async (see index.html): drawing waits for it, asking for the data does not
  var chartsReady = new Promise(function (resolve, reject) {
    var library = document.getElementById('echarts-library');
    var ready = function () {
      performance.mark('charts-library-ready');
      resolve();
    };
    if (window.echarts) {
      ready();
      return;
    }
    library.addEventListener('load', ready);
    library.addEventListener('error', function () { reject(new Error('the charting library did not load')); });
  });

  function $(id) { return document.getElementById(id); }

  function esc(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function addDays(day, n) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  // ---- the URL carries the filters and the grain ----

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.filters = {};
    FILTERS.forEach(function (name) {
      var v = params.get(name);
      if (v) { state.filters[name] = v; }
    });
    var grain = params.get('grain');
    state.grain = GRAINS.indexOf(grain) >= 0 ? grain : 'day';
  }

  function query(extra) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      if (state.filters[name]) { params.set(name, state.filters[name]); }
    });
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    var text = params.toString();
    return text ? '?' + text : '';
  }

  function writeUrl() {
    var q = query(state.grain !== 'day' ? { grain: state.grain } : {});
    var url = window.location.pathname + q + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, '', url);
    }
  }

  // ---- HTTP ----

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.detail || ('HTTP ' + response.status));
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return body;
      });
    });
  }

  // the write token, when the server asks for one (API_WRITE_TOKEN): typed once, kept for this tab only
  function writeHeaders() {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    var token = $('write-token').value.trim();
    if (token) {
      window.sessionStorage.setItem('retail-pipeline-write-token', token);
      headers.Authorization = 'Bearer ' + token;
    }
    return headers;
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: writeHeaders(),
      body: body == null ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, body: json };
      });
    });
  }

  // ---- runs ----

  function setRunning(running) {
    $('generate').disabled = running;
    $('backfill').querySelector('button').disabled = running;
    $('run-progress').hidden = !running;
  }

  function message(id, text, isError) {
    var el = $(id);
    el.textContent = text || '';
    el.classList.toggle('error', !!isError);
  }

  function started(result) {
    if (result.status === 202) {
      message('run-message', 'Run ' + result.body.run_id + ' started: ' + result.body.hours_requested + ' hours.');
      follow(result.body.run_id);
    } else if (result.status === 409 && result.body.active_run_id) {
      message('run-message', 'A run is already active (' + result.body.active_run_id + '); following it.');
      follow(result.body.active_run_id);
    } else if (result.status === 401) {
      $('write-token-label').hidden = false;
      $('write-token').focus();
      message('run-message', 'Starting a run needs the write token (API_WRITE_TOKEN): ' + (result.body.detail || 'refused') + '.', true);
    } else {
      message('run-message', result.body.detail || ('The run did not start (HTTP ' + result.status + ').'), true);
    }
  }

  function follow(runId) {
    if (following === runId) { return; }
    following = runId;
    setRunning(true);
    var poll = function () {
      getJson('/api/runs/' + encodeURIComponent(runId)).then(function (run) {
        var hours = run.hours || {};
        $('run-bar').max = Math.max(1, hours.requested || 0);
        $('run-bar').value = hours.done || 0;
        $('run-status').textContent = (hours.done || 0) + ' of ' + (hours.requested || 0) + ' hours'
          + (run.current_step ? ' · ' + run.current_step : '');
        if (run.status === 'running') {
          window.setTimeout(poll, 500);
          return;
        }
        following = null;
        setRunning(false);
        if (run.status === 'succeeded') {
          message('run-message', 'Run ' + run.run_id + ' succeeded: ' + hours.done + ' hours, '
            + count.format(run.rows_loaded || 0) + ' rows in ' + duration(run.duration_ms) + '.');
        } else {
          var e = run.error || {};
          message('run-message', 'Run ' + run.run_id + ' ' + run.status + (e.message ? ': ' + e.message : '.'), true);
        }
        loadHistory();
        loadAnalytics();
        document.dispatchEvent(new CustomEvent('dashboard:run-ended', { detail: run }));
      }).catch(function (error) {
        message('run-message', 'Lost track of run ' + runId + ': ' + error.message, true);
        window.setTimeout(poll, 2000);
      });
    };
    poll();
  }

  function duration(ms) {
    if (ms == null) { return '–'; }
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 60000 ? 1 : 0) + ' s';
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function loadHistory() {
    return getJson('/api/runs?limit=10').then(function (body) {
      var tbody = $('run-history').querySelector('tbody');
      tbody.replaceChildren();
      body.runs.forEach(function (run) {
        var tr = document.createElement('tr');
        cell(tr, (run.started_at || '').replace('T', ' ').slice(0, 19));
        cell(tr, run.run_id);
        cell(tr, run.trigger);
        cell(tr, run.status, 'status-' + run.status);
        cell(tr, run.hours.done + ' / ' + run.hours.requested, 'num');
        cell(tr, count.format(run.rows_loaded || 0), 'num');
        cell(tr, duration(run.duration_ms), 'num');
        var e = run.error;
        cell(tr, e ? [e.step, e.hour, e.message].filter(Boolean).join(' · ') : '', 'wrap');
        tbody.appendChild(tr);
      });
      if (body.runs.length === 0) {
        var tr = document.createElement('tr');
        cell(tr, 'No runs yet: press "Generate fake data".').colSpan = 8;
        tbody.appendChild(tr);
      }
      if (body.active_run_id) { follow(body.active_run_id); }
    }).catch(function (error) { message('run-message', 'Run history: ' + error.message, true); });
  }

  function wireRuns() {
    $('generate').addEventListener('click', function () {
      message('run-message', 'Starting a run…');
      postJson('/api/runs', null).then(started);
    });
    $('backfill').addEventListener('submit', function (event) {
      event.preventDefault();
      var form = event.target;
      var from = form.elements.from.value;
      var to = form.elements.to.value;
      if (!from || !to) { return; }
      // the form's "to" is the last day loaded; the API's is exclusive
      postJson('/api/runs', { from: from, to: addDays(to, 1) }).then(started);
    });
  }

  // ---- filters ----

  // the filters' choices and the analytics, side by side
  function loadAnalytics() {
    loadOptions().catch(function () { /* the filters keep the choices they have */ });
    return refresh();
  }

  function loadOptions() {
    return getJson('/api/analytics/options').then(function (options) {
      fill($('filters').elements.category, options.categories.map(function (c) { return [c, c]; }), 'All categories');
      fill($('filters').elements.store, options.stores.map(function (s) {
        return [String(s.store_id), s.store_name + ' (' + s.channel + ')'];
      }), 'All stores');
      fill($('filters').elements.channel, options.channels.map(function (c) { return [c, c]; }), 'All channels');
      showFilters();
    });
  }

  function fill(select, pairs, allLabel) {
    select.replaceChildren(new Option(allLabel, ''));
    pairs.forEach(function (p) { select.appendChild(new Option(p[1], p[0])); });
  }

  // the form shows the URL's filters, and the range the analytics applied where the URL has none
  function showFilters(lastApplied) {
    if (lastApplied) { applied = lastApplied; }
    var form = $('filters');
    var f = applied;
    form.elements.from.value = state.filters.from || f.from || '';
    var to = state.filters.to || f.to;
    form.elements.to.value = to ? addDays(to, -1) : '';
    ['category', 'store', 'channel'].forEach(function (name) {
      var select = form.elements[name];
      var value = state.filters[name] || '';
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.appendChild(new Option(value, value));
      }
      select.value = value;
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-grain]'), function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-grain') === state.grain));
    });
  }

  function wireFilters() {
    var form = $('filters');
    form.addEventListener('change', function () {
      var f = {};
      if (form.elements.from.value) { f.from = form.elements.from.value; }
      if (form.elements.to.value) { f.to = addDays(form.elements.to.value, 1); }
      ['category', 'store', 'channel'].forEach(function (name) {
        if (form.elements[name].value) { f[name] = form.elements[name].value; }
      });
      state.filters = f;
      writeUrl();
      refresh();
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    $('reset-filters').addEventListener('click', function () {
      state.filters = {};
      state.grain = 'day';
      writeUrl();
      showFilters();
      refresh();
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-grain]'), function (button) {
      button.addEventListener('click', function () {
        state.grain = button.getAttribute('data-grain');
        writeUrl();
        showFilters();
        refresh();
      });
    });
    window.addEventListener('popstate', function () {
      readUrl();
      showFilters();
      refresh();
    });
  }

  // ---- analytics ----

  function refresh() {
    var token = ++refreshToken;
    document.body.setAttribute('data-state', 'loading');
    return Promise.all([getJson('/api/analytics/view' + query({ grain: state.grain })), chartsReady]).then(function (r) {
      if (token !== refreshToken) { return; }
      var view = r[0];
      message('filter-message', '');
      showFilters(view.filters);
      drawSummary(view.summary, view.filters);
      drawRevenue(view.revenue);
      drawCategories(view.categories);
      drawChannels(view.channels);
      drawRegions(view.regions);
      drawHeatmap(view.heatmap);
      drawTopProducts(view.top_products);
      drawTopCustomers(view.top_customers);
      performance.mark('analytics-drawn');
      refreshes++;
      document.body.setAttribute('data-refreshes', String(refreshes));
      document.body.setAttribute('data-state', 'ready');
      timeFirstRender(view.summary);
    }).catch(function (error) {
      if (token !== refreshToken) { return; }
      var parameter = error.body && error.body.parameter ? ' (' + error.body.parameter + ')' : '';
      message('filter-message', 'The analytics could not be read' + parameter + ': ' + error.message, true);
      document.body.setAttribute('data-state', 'error');
    });
  }

  // Resolves once the frame after this moment has been painted: the next animation frame, then the task after it.
  function afterNextFrame() {
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { window.setTimeout(resolve, 0); });
    });
  }

  // The time from navigation to the first frame that shows the charts with data: the next animation frame
  // after the draw, then the task after it, by when that frame has been painted.
  function timeFirstRender(summary) {
    var hasData = summary.current.orders > 0;
    if (window.dashboardFirstRenderMs != null && (window.dashboardFirstDataRenderMs != null || !hasData)) { return; }
    afterNextFrame().then(function () {
      var now = performance.now();
      if (window.dashboardFirstRenderMs == null) {
        window.dashboardFirstRenderMs = now;
      }
      if (window.dashboardFirstDataRenderMs == null && hasData) {
        window.dashboardFirstDataRenderMs = now;
        $('render-time').textContent = 'First render with data: ' + Math.round(now) + ' ms after navigation';
      }
    });
  }

  function kpi(id, value, text, change) {
    var el = $(id);
    el.setAttribute('data-value', String(value));
    el.querySelector('.value').textContent = text;
    var c = el.querySelector('.change');
    c.classList.remove('up', 'down');
    if (change == null) {
      c.textContent = 'no previous period data';
    } else {
      var pct = (change * 100).toFixed(1);
      c.textContent = (change >= 0 ? '▲ +' : '▼ ') + pct + '% vs previous period';
      c.classList.add(change >= 0 ? 'up' : 'down');
    }
  }

  function drawSummary(body, f) {
    var cur = body.current;
    var ch = body.change;
    kpi('kpi-revenue', cur.revenue, money.format(cur.revenue), ch.revenue);
    kpi('kpi-orders', cur.orders, count.format(cur.orders), ch.orders);
    kpi('kpi-aov', cur.average_order_value, money2.format(cur.average_order_value), ch.average_order_value);
    kpi('kpi-units', cur.units, count.format(cur.units), ch.units);
    kpi('kpi-customers', cur.customers, count.format(cur.customers), ch.customers);
    $('period').textContent = 'Period ' + f.from + ' to ' + addDays(f.to, -1) + ' (' + body.previous.from + ' to '
      + addDays(body.previous.to, -1) + ' for the change)';
  }

  function chart(id) {
    if (!charts[id]) {
      charts[id] = window.echarts.init($(id), null, { renderer: 'canvas' });
    }
    return charts[id];
  }

  function base() {
    return { color: COLORS, animation: refreshes > 0, animationDuration: 300, textStyle: { fontFamily: 'system-ui, sans-serif' } };
  }

  function tooltipLines(title, lines) {
    return '<b>' + esc(title) + '</b><br>' + lines.map(function (l) { return esc(l); }).join('<br>');
  }

  function drawRevenue(body) {
    var points = body.points;
    chart('chart-revenue').setOption(Object.assign(base(), {
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      legend: { data: ['Revenue', 'Orders'], top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var p = points[items[0].dataIndex];
          return tooltipLines(body.grain + ' of ' + p.period, ['Revenue ' + money2.format(p.revenue),
            'Orders ' + count.format(p.orders), 'Units ' + count.format(p.units)]);
        }
      },
      xAxis: { type: 'category', data: points.map(function (p) { return p.period; }) },
      yAxis: [{ type: 'value', name: 'Revenue', axisLabel: { formatter: function (v) { return money.format(v); } } },
        { type: 'value', name: 'Orders', splitLine: { show: false } }],
      series: [
        { name: 'Revenue', type: body.grain === 'day' && points.length > 20 ? 'line' : 'bar', smooth: true,
          areaStyle: { opacity: 0.15 }, data: points.map(function (p) { return p.revenue; }) },
        { name: 'Orders', type: 'line', yAxisIndex: 1, symbolSize: 4, data: points.map(function (p) { return p.orders; }) }
      ]
    }), true);
  }

  function drawCategories(body) {
    var rows = body.categories.slice().reverse();
    chart('chart-categories').setOption(Object.assign(base(), {
      grid: { left: 10, right: 40, top: 50, bottom: 10, containLabel: true },
      legend: { data: ['Revenue', 'Units'], top: 0 },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var c = rows[items[0].dataIndex];
          return tooltipLines(c.category, ['Revenue ' + money2.format(c.revenue), 'Units ' + count.format(c.units)]);
        }
      },
      yAxis: { type: 'category', data: rows.map(function (c) { return c.category; }), axisLabel: { width: 100, overflow: 'truncate' } },
      xAxis: [{ type: 'value', position: 'bottom', splitNumber: 3,
          axisLabel: { hideOverlap: true, formatter: function (v) { return money.format(v); } } },
        { type: 'value', position: 'top', name: 'Units', nameGap: 8, splitNumber: 3, splitLine: { show: false },
          axisLabel: { hideOverlap: true, fontSize: 10 } }],
      series: [
        { name: 'Revenue', type: 'bar', data: rows.map(function (c) { return c.revenue; }) },
        { name: 'Units', type: 'bar', xAxisIndex: 1, data: rows.map(function (c) { return c.units; }) }
      ]
    }), true);
  }

  function drawChannels(body) {
    var rows = body.channels;
    chart('chart-channels').setOption(Object.assign(base(), {
      tooltip: {
        trigger: 'item',
        formatter: function (item) {
          var c = rows[item.dataIndex];
          return tooltipLines(c.channel, ['Revenue ' + money2.format(c.revenue) + ' (' + item.percent + '%)',
            'Orders ' + count.format(c.orders)]);
        }
      },
      legend: { bottom: 0 },
      series: [{
        name: 'Channel', type: 'pie', radius: ['25%', '68%'], center: ['50%', '46%'],
        label: { position: 'inside', formatter: '{d}%', color: '#fff', fontWeight: 600, fontSize: 11 },
        data: rows.map(function (c) { return { name: c.channel, value: c.revenue }; })
      }]
    }), true);
  }

  function drawRegions(body) {
    var rows = body.states.slice(0, 12).reverse();
    chart('chart-regions').setOption(Object.assign(base(), {
      grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var s = rows[items[0].dataIndex];
          return tooltipLines(s.state, ['Revenue ' + money2.format(s.revenue), 'Orders ' + count.format(s.orders),
            'Stores ' + s.stores]);
        }
      },
      yAxis: { type: 'category', data: rows.map(function (s) { return s.state; }), axisLabel: { width: 100, overflow: 'truncate' } },
      xAxis: { type: 'value', axisLabel: { formatter: function (v) { return money.format(v); } } },
      series: [{ name: 'Revenue', type: 'bar', color: COLORS[2], data: rows.map(function (s) { return s.revenue; }) }]
    }), true);
  }

  // A heat map drawn as a scatter series of squares, one per cell, coloured along HEAT, with a legend of its own
  // (a gradient bar) in place of a visualMap.
  function drawHeatmap(body) {
    lastHeatmap = body;
    var cells = body.cells;
    var max = Math.max(1, cells.reduce(function (m, c) { return Math.max(m, c.orders); }, 0));
    var hours = [];
    for (var h = 0; h < 24; h++) { hours.push(String(h)); }
    var heatmap = chart('chart-heatmap');
    var grid = { left: 40, right: 12, top: 8, bottom: 58 };
    var cellWidth = Math.max(2, (heatmap.getWidth() - grid.left - grid.right) / 24 - 1);
    var cellHeight = Math.max(2, (heatmap.getHeight() - grid.top - grid.bottom) / 7 - 1);
    var legendLeft = Math.max(0, heatmap.getWidth() / 2 - 60);
    heatmap.setOption(Object.assign(base(), {
      grid: grid,
      tooltip: {
        formatter: function (item) {
          var c = cells[item.dataIndex];
          return tooltipLines(WEEKDAYS[c.weekday - 1] + ' ' + c.hour + ':00–' + c.hour + ':59',
            ['Orders ' + count.format(c.orders), 'Revenue ' + money2.format(c.revenue)]);
        }
      },
      xAxis: { type: 'category', data: hours, axisTick: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'category', data: WEEKDAYS, inverse: true, axisTick: { show: false }, splitLine: { show: false } },
      series: [{ name: 'Orders', type: 'scatter', symbol: 'rect', symbolSize: [cellWidth, cellHeight],
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
        data: cells.map(function (c) {
          return { value: [c.hour, c.weekday - 1, c.orders],
            itemStyle: { color: window.echarts.color.lerp(c.orders / max, HEAT) } };
        }) }],
      graphic: [
        { type: 'text', left: legendLeft - 8, bottom: 4, style: { text: '0', fill: '#5b6b7f', align: 'right' } },
        { type: 'rect', left: legendLeft, bottom: 4, shape: { width: 120, height: 12 },
          style: { fill: new window.echarts.graphic.LinearGradient(0, 0, 1, 0, HEAT.map(function (color, i) {
            return { offset: i / (HEAT.length - 1), color: color };
          })) } },
        { type: 'text', left: legendLeft + 128, bottom: 4, style: { text: count.format(max) + ' orders', fill: '#5b6b7f' } }
      ]
    }), true);
  }

  function drawTopProducts(body) {
    var tbody = $('top-products').querySelector('tbody');
    tbody.replaceChildren();
    body.products.forEach(function (p) {
      var tr = document.createElement('tr');
      cell(tr, p.product_name, 'wrap');
      cell(tr, p.category);
      cell(tr, count.format(p.units), 'num');
      cell(tr, money2.format(p.revenue), 'num');
      tbody.appendChild(tr);
    });
    empty(tbody, body.products, 4);
  }

  function drawTopCustomers(body) {
    var tbody = $('top-customers').querySelector('tbody');
    tbody.replaceChildren();
    body.customers.forEach(function (c) {
      var tr = document.createElement('tr');
      cell(tr, [c.first_name, c.last_name].filter(Boolean).join(' ') || ('#' + c.customer_id), 'wrap');
      cell(tr, c.state);
      cell(tr, count.format(c.orders), 'num');
      cell(tr, money2.format(c.revenue), 'num');
      tbody.appendChild(tr);
    });
    empty(tbody, body.customers, 4);
  }

  function empty(tbody, rows, columns) {
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      cell(tr, 'No sales in this view.').colSpan = columns;
      tbody.appendChild(tr);
    }
  }

  // ---- settings ----

  function loadConfig() {
    return getJson('/api/dashboard/config').then(function (config) {
      var link = $('external-link');
      if (config.external_url && /^https?:\/\//i.test(config.external_url)) {
        link.href = config.external_url;
        link.textContent = (config.external_title || 'External dashboard') + ' ↗';
        link.hidden = false;
      }
      if (config.write_token_required) {
        $('write-token').value = window.sessionStorage.getItem('retail-pipeline-write-token') || '';
        $('write-token-label').hidden = false;
      }
    }).catch(function () { /* the link stays hidden */ });
  }

  function start() {
    readUrl();
    showFilters();
    wireRuns();
    wireFilters();
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
      if (lastHeatmap) { drawHeatmap(lastHeatmap); }
    });
    loadConfig();
    loadHistory();
    var firstView = loadAnalytics();
    // pipeline.js (the health panel and the data docs) draws with the same helpers and library, after the analytics'
    // first frame (firstPaint: once the first view is drawn, or has failed, and painted)
    window.dashboard = { charts: charts, state: state, refresh: refresh, chartsReady: chartsReady, getJson: getJson,
      cell: cell, duration: duration, count: count, colors: COLORS, tooltipLines: tooltipLines, message: message,
      afterNextFrame: afterNextFrame, firstPaint: firstView.then(afterNextFrame) };
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
