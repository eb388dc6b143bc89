// retail-pipeline dashboard, the pipeline's side: the health panel (freshness, check history, quarantine against the
// generator's manifests, rows per hour, run time by step) and the data docs (every model, its lineage as a graph).
// Reads /api/pipeline/* and /api/models; draws with the page's helpers and ECharts (window.dashboard, dashboard.js).
// Data never goes through innerHTML: text nodes and textContent only; chart tooltips are escaped.
(function () {
  'use strict';

  // the layers of the lineage, left to right, with the colour of their nodes
  var LAYERS = [
    { layer: 'raw', title: 'Raw', color: '#7f8c8d' },
    { layer: 'quarantine', title: 'Quarantine', color: '#e0544b' },
    { layer: 'staging', title: 'Staging', color: '#f29d38' },
    { layer: 'dimension', title: 'Dimensions', color: '#3aa675' },
    { layer: 'work', title: 'Work tables', color: '#9b59b6' },
    { layer: 'fact', title: 'Facts', color: '#2f6fdb' },
    { layer: 'ledger', title: 'Run ledger', color: '#8d6e63' }
  ];
  // the run time chart's step groups: more than the page's eight colours
  var STEP_COLORS = ['#2f6fdb', '#f29d38', '#3aa675', '#9b59b6', '#e0544b', '#17a2b8', '#8d6e63', '#7f8c8d', '#c2185b',
    '#cddc39', '#34495e', '#ffb3a7'];
  var PARTS = ['freshness', 'checks', 'quality', 'volume', 'steps'];
  var HEALTH_URLS = {
    freshness: '/api/pipeline/freshness', checks: '/api/pipeline/checks?runs=30', quality: '/api/pipeline/quality',
    volume: '/api/pipeline/volume?days=7', steps: '/api/pipeline/steps?runs=10'
  };

  var d;
  var charts = {};
  var healthToken = 0;
  var docs = { requested: false, token: 0 };
  var openRun = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text != null) { e.textContent = String(text); }
    return e;
  }

  // "2026-01-04T00:00:00Z" -> "2026-01-04 00:00 UTC"
  function utc(iso) {
    return iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '–';
  }

  // the chart drawn in the element with this id, made with the page's ECharts or the given build
  function chart(id, library) {
    if (!charts[id]) {
      charts[id] = (library || window.echarts).init($(id), null, { renderer: 'canvas' });
    }
    return charts[id];
  }

  // The lineage is a graph series, which only ECharts' full build has. The page starts on the common build (a third
  // smaller: its first render comes sooner) and this loads the full one when the data docs are first shown, after the
  // common one, for the lineage alone: window.echarts goes back to the common build the other charts are made with.
  var graphLibrary = null;
  function loadGraphLibrary() {
    if (!graphLibrary) {
      graphLibrary = d.chartsReady.then(function () {
        return new Promise(function (resolve, reject) {
          var common = window.echarts;
          var script = document.createElement('script');
          script.id = 'echarts-full-library';
          script.src = '/webjars/echarts/dist/echarts.min.js';
          script.addEventListener('load', function () {
            var full = window.echarts;
            window.echarts = common;
            resolve(full);
          });
          script.addEventListener('error', function () {
            graphLibrary = null;
            script.remove();
            reject(new Error('the charting library with the graph series did not load'));
          });
          document.head.appendChild(script);
        });
      });
    }
    return graphLibrary;
  }

  function base() {
    return { color: d.colors, animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' } };
  }

  // ---- the health panel ----

  // Every part is asked for at once and drawn after the analytics' first frame, so as not to hold it back; a part
  // that fails leaves the others shown and the panel says which failed.
  function loadHealth() {
    var token = ++healthToken;
    var panel = $('pipeline-health');
    var asked = PARTS.map(function (part) { return d.getJson(HEALTH_URLS[part]); });
    return Promise.all([Promise.allSettled(asked), d.chartsReady, d.firstPaint]).then(function (r) {
      if (token !== healthToken) { return; }
      var answers = {};
      var failed = [];
      r[0].forEach(function (result, i) {
        if (result.status === 'fulfilled') {
          answers[PARTS[i]] = result.value;
        } else {
          failed.push({ part: PARTS[i], error: result.reason });
        }
      });
      if (answers.freshness) { drawFreshness(answers.freshness); }
      if (answers.checks) { drawChecks(answers.checks); }
      if (answers.quality) { drawQuality(answers.quality); }
      if (answers.volume) { drawVolume(answers.volume); }
      if (answers.steps) { drawSteps(answers.steps); }
      performance.mark('health-drawn');
      var noRuns = answers.checks && answers.checks.runs.length === 0 && answers.freshness
        && answers.freshness.loaded_through == null;
      if (failed.length > 0) {
        healthFailed(failed);
      } else if (noRuns) {
        panel.setAttribute('data-state', 'empty');
        d.message('health-message', 'No runs yet: nothing is loaded and no check has run. Press "Generate fake data" or'
          + ' backfill a range; this panel fills in when the run ends.');
      } else {
        panel.setAttribute('data-state', 'ready');
        d.message('health-message', '');
      }
      if (failed.length === 0 && !noRuns) { timeRender('dashboardHealthRenderMs'); }
    }).catch(function (error) {
      // the charting library did not load, or a chart could not be drawn
      if (token !== healthToken) { return; }
      panel.setAttribute('data-state', 'error');
      d.message('health-message', 'The pipeline health cannot be drawn: ' + error.message, true);
    });
  }

  function healthFailed(failed) {
    var unavailable = failed.filter(function (f) { return f.error.status === 503; });
    var names = failed.map(function (f) { return f.part; }).join(', ');
    var first = failed[0].error;
    if (unavailable.length === failed.length) {
      $('pipeline-health').setAttribute('data-state', 'unavailable');
      d.message('health-message', 'The warehouse is not answering (HTTP 503), so the ' + names + ' cannot be shown: '
        + first.message + '. /api/health says more.', true);
    } else {
      $('pipeline-health').setAttribute('data-state', 'error');
      d.message('health-message', 'The ' + names + ' could not be read: ' + first.message, true);
    }
  }

  // like the analytics' first render (dashboard.js): the time once the frame after the draw is painted
  function timeRender(name) {
    if (window[name] != null) { return; }
    d.afterNextFrame().then(function () {
      if (window[name] == null) { window[name] = performance.now(); }
    });
  }

  function drawFreshness(f) {
    var box = $('freshness');
    box.classList.toggle('warn', !!f.behind);
    box.setAttribute('data-behind', String(!!f.behind));
    box.setAttribute('data-hours-behind', f.hours_behind == null ? '' : String(f.hours_behind));
    $('fresh-through').textContent = f.loaded_through ? utc(f.loaded_through) + ' (end of the last hour loaded)'
      : 'nothing loaded yet';
    $('fresh-behind').textContent = f.hours_behind == null ? '–'
      : d.count.format(f.hours_behind) + (f.hours_behind === 1 ? ' hour' : ' hours') + ' behind the last completed hour ('
        + utc(f.last_completed_hour) + ')' + (f.behind ? ': behind' : '');
    var s = f.last_success;
    $('fresh-success').textContent = s ? s.run_id + ', finished ' + utc(s.finished_at) : 'none yet';
    $('fresh-next').textContent = f.timer_enabled ? utc(f.next_timer_run) : 'the hourly timer is off';
  }

  // rows are checks, columns the runs oldest first; a cell is the check's verdict in that run
  function drawChecks(body) {
    var table = $('check-grid');
    var runs = body.runs.slice().reverse();
    var head = el('tr');
    head.appendChild(el('th', 'check-name', 'Check'));
    runs.forEach(function (run) {
      var th = el('th', 'run-head status-' + run.status);
      var started = run.started_at || '';
      th.appendChild(el('span', null, started.slice(5, 10)));
      th.appendChild(el('br'));
      th.appendChild(el('span', null, started.slice(11, 16)));
      th.title = run.run_id + ' · ' + run.trigger + ' · ' + run.status + ' · started ' + utc(started);
      th.setAttribute('data-run-id', run.run_id);
      head.appendChild(th);
    });
    table.tHead.replaceChildren(head);
    var tbody = table.tBodies[0];
    tbody.replaceChildren();
    body.checks.forEach(function (check) {
      var tr = el('tr');
      tr.setAttribute('data-check', check.check);
      var name = el('th', 'check-name', check.check);
      name.scope = 'row';
      if (check.severity === 'warn') { name.appendChild(el('span', 'severity', ' warn')); }
      tr.appendChild(name);
      check.cells.slice().reverse().forEach(function (c, i) {
        var td = el('td', 'check-cell');
        var run = runs[i];
        td.setAttribute('data-run-id', run.run_id);
        if (c == null) {
          td.classList.add('none');
          td.title = check.check + ': not run in ' + run.run_id;
        } else {
          td.classList.add(c.status);
          td.setAttribute('data-check', check.check);
          td.setAttribute('data-status', c.status);
          td.setAttribute('data-failing-rows', String(c.failing_rows));
          td.textContent = c.status === 'passed' ? '' : d.count.format(c.failing_rows);
          td.title = check.check + ' in ' + run.run_id + ': ' + c.status + ', ' + d.count.format(c.failing_rows)
            + (c.failing_rows === 1 ? ' failing row' : ' failing rows');
          td.tabIndex = 0;
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    if (body.checks.length === 0) {
      var tr = el('tr');
      var td = d.cell(tr, body.runs.length === 0 ? 'No runs yet.' : 'No check has run yet.');
      td.colSpan = runs.length + 1;
      tbody.appendChild(tr);
    }
  }

  function wireChecks() {
    var table = $('check-grid');
    var open = function (event) {
      var td = event.target.closest('td[data-status]');
      if (td) { showRun(td.getAttribute('data-run-id'), td.getAttribute('data-check')); }
    };
    table.addEventListener('click', open);
    table.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open(event);
      }
    });
  }

  // the run of a cell: its status, error and steps, from GET /api/runs/{id}
  function showRun(runId, check) {
    var box = $('check-run');
    openRun = runId;
    box.hidden = false;
    box.setAttribute('data-run-id', runId);
    box.setAttribute('data-state', 'loading');
    box.replaceChildren(el('p', 'message', 'Reading run ' + runId + '…'));
    Array.prototype.forEach.call($('check-grid').querySelectorAll('.selected'), function (e) {
      e.classList.remove('selected');
    });
    Array.prototype.forEach.call($('check-grid').querySelectorAll('[data-run-id]'), function (e) {
      if (e.getAttribute('data-run-id') === runId) { e.classList.add('selected'); }
    });
    d.getJson('/api/runs/' + encodeURIComponent(runId)).then(function (run) {
      if (openRun !== runId) { return; }
      var hours = run.hours || {};
      var head = el('h4', null, 'Run ' + run.run_id + ' ');
      head.appendChild(el('span', 'status-' + run.status, run.status));
      var close = el('button', 'close', 'Close');
      close.type = 'button';
      close.addEventListener('click', function () { box.hidden = true; openRun = null; });
      var facts = el('p', 'run-facts', [run.trigger, 'started ' + utc(run.started_at), 'took ' + d.duration(run.duration_ms),
        'hours ' + utc(hours.from) + ' to ' + utc(hours.to) + ' (' + (hours.done || 0) + ' of ' + (hours.requested || 0) + ' done)',
        d.count.format(run.rows_loaded || 0) + ' rows loaded'].join(' · '));
      var parts = [close, head, facts];
      if (check) { parts.push(el('p', 'run-check', 'Cell: ' + check)); }
      if (run.error) {
        parts.push(el('p', 'run-error', 'Error: ' + [run.error.step, run.error.hour, run.error.message].filter(Boolean).join(' · ')));
      }
      var table = el('table', 'run-steps');
      var hr = el('tr');
      ['Step', 'Status', 'Rows', 'Time'].forEach(function (t, i) { hr.appendChild(el('th', i >= 2 ? 'num' : null, t)); });
      table.appendChild(el('thead')).appendChild(hr);
      var tbody = table.appendChild(el('tbody'));
      (run.steps || []).forEach(function (s) {
        var tr = el('tr');
        d.cell(tr, s.step, 'wrap');
        d.cell(tr, s.status, 'status-' + s.status);
        d.cell(tr, d.count.format(s.rows || 0), 'num');
        d.cell(tr, d.duration(s.duration_ms), 'num');
        tbody.appendChild(tr);
      });
      var details = el('details', 'run-steps-wrap');
      details.appendChild(el('summary', null, (run.steps || []).length + ' steps'));
      details.appendChild(el('div', 'table-wrap')).appendChild(table);
      parts.push(details);
      box.replaceChildren.apply(box, parts);
      box.setAttribute('data-state', 'ready');
      box.setAttribute('data-status', run.status);
    }).catch(function (error) {
      if (openRun !== runId) { return; }
      box.setAttribute('data-state', 'error');
      box.replaceChildren(el('p', 'message error', 'Run ' + runId + ' could not be read: ' + error.message));
    });
  }

  // A kind is right when the quarantine holds every injected row but those dated before the history (before_history:
  // late rows dated before the snapshot the warehouse started from, which no cleaning can tell from a later status of
  // an order placed before it).
  function drawQuality(q) {
    var summary = $('quality-summary');
    var tbody = $('quality-kinds').tBodies[0];
    tbody.replaceChildren();
    var list = $('quality-differences');
    list.replaceChildren();
    var box = $('quality');
    box.setAttribute('data-injected', String(q.injected));
    box.setAttribute('data-quarantined', String(q.quarantined));
    box.classList.toggle('differs', q.differences.length > 0);
    summary.textContent = q.from == null ? 'Nothing loaded yet.' : caughtLine(q);
    $('quality-range').textContent = q.from == null ? '' : 'In the hours loaded, ' + utc(q.from) + ' to ' + utc(q.to) + '.';
    q.kinds.forEach(function (k) {
      var catchable = k.injected - k.before_history;
      var tr = el('tr', catchable === k.quarantined ? 'same' : 'differs');
      tr.setAttribute('data-table', k.table);
      tr.setAttribute('data-kind', k.kind);
      tr.setAttribute('data-injected', String(k.injected));
      tr.setAttribute('data-catchable', String(catchable));
      tr.setAttribute('data-quarantined', String(k.quarantined));
      d.cell(tr, k.table);
      d.cell(tr, k.kind.replace(/_/g, ' '));
      d.cell(tr, d.count.format(k.injected), 'num injected');
      d.cell(tr, d.count.format(k.quarantined), 'num quarantined');
      var caught = catchable === k.quarantined ? 'all ' + d.count.format(catchable)
        : k.quarantined < catchable ? d.count.format(k.quarantined) + ' of ' + d.count.format(catchable)
          : 'all, and ' + d.count.format(k.quarantined - catchable) + ' more';
      if (k.before_history > 0) {
        caught += '; ' + d.count.format(k.before_history) + ' dated before the history';
      }
      d.cell(tr, caught, 'caught');
      tbody.appendChild(tr);
    });
    if (q.kinds.length === 0) {
      d.cell(tbody.appendChild(el('tr')), q.from == null ? 'Nothing loaded yet.' : 'No bad rows injected or quarantined'
        + ' (the generator\'s dirty rate is 0).').colSpan = 5;
    }
    q.differences.forEach(function (k) {
      var catchable = k.injected - k.before_history;
      var li = el('li', null, k.table + ' / ' + k.kind + ': ' + d.count.format(catchable) + ' to catch, '
        + d.count.format(k.quarantined) + ' quarantined ('
        + (k.quarantined < catchable ? d.count.format(catchable - k.quarantined) + ' not caught'
          : d.count.format(k.quarantined - catchable) + ' more than injected') + ')');
      li.setAttribute('data-table', k.table);
      li.setAttribute('data-kind', k.kind);
      list.appendChild(li);
    });
    var before = $('quality-before-history');
    before.textContent = q.before_history > 0 ? d.count.format(q.before_history) + ' injected late rows are dated before'
      + ' the snapshot the warehouse started from: there a late row reads as a later status of an order placed before'
      + ' the history, which no cleaning can tell, so they are not counted as missed.' : '';
  }

  function caughtLine(q) {
    var catchable = q.injected - q.before_history;
    var quarantined = q.quarantined;
    if (quarantined <= catchable) {
      return 'Caught ' + d.count.format(quarantined) + ' of ' + d.count.format(catchable) + ' injected bad rows'
        + (quarantined === catchable ? '.' : ': ' + d.count.format(catchable - quarantined) + ' not quarantined.');
    }
    return 'Caught ' + d.count.format(catchable) + ' of ' + d.count.format(catchable) + ' injected bad rows, and quarantined '
      + d.count.format(quarantined - catchable) + ' more.';
  }

  function drawVolume(v) {
    var note = $('volume-note');
    var hours = v.hours;
    note.textContent = hours.length === 0 ? 'Nothing loaded yet.'
      : v.short_hours > 0 ? v.short_hours + (v.short_hours === 1 ? ' hour has' : ' hours have')
        + ' fewer or more rows loaded than the source sent.' : '';
    note.classList.toggle('error', v.short_hours > 0);
    $('volume-chart').setAttribute('data-hours', String(hours.length));
    chart('volume-chart').setOption(Object.assign(base(), {
      grid: { left: 10, right: 16, top: 36, bottom: 10, containLabel: true },
      legend: { data: ['Loaded', 'Source'], top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var h = hours[items[0].dataIndex];
          return d.tooltipLines(utc(h.hour), ['Loaded ' + d.count.format(h.loaded), 'Source ' + d.count.format(h.source)]);
        }
      },
      xAxis: { type: 'category', data: hours.map(function (h) { return h.hour.slice(5, 13).replace('T', ' ') + 'h'; }),
        axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: 'Rows' },
      series: [
        { name: 'Loaded', type: 'bar', barCategoryGap: '10%', data: hours.map(function (h) { return h.loaded; }) },
        { name: 'Source', type: 'line', symbol: 'none', lineStyle: { width: 1.5, type: 'dashed' }, color: d.colors[1],
          data: hours.map(function (h) { return h.source; }) }
      ]
    }), true);
  }

  // a step's group in the stacked bar: its SQL folder for ETL steps, loads and marshals together, others by name
  function stepGroup(step) {
    var m = /^etl (\d+_[a-z]+)\//.exec(step);
    if (m) { return 'etl ' + m[1]; }
    if (/^load /.test(step)) { return 'load raw tables'; }
    if (/^marshal /.test(step)) { return 'marshal'; }
    return step;
  }

  function drawSteps(body) {
    var runs = body.runs.slice().reverse();
    var groups = [];
    body.steps.forEach(function (s) {
      var g = stepGroup(s);
      if (groups.indexOf(g) < 0) { groups.push(g); }
    });
    var sums = runs.map(function (run) {
      var sum = {};
      Object.keys(run.steps).forEach(function (s) {
        var g = stepGroup(s);
        sum[g] = (sum[g] || 0) + run.steps[s];
      });
      return sum;
    });
    $('steps-chart').setAttribute('data-runs', String(runs.length));
    chart('steps-chart').setOption(Object.assign(base(), {
      color: STEP_COLORS,
      grid: { left: 10, right: 16, top: 60, bottom: 10, containLabel: true },
      legend: { data: groups, top: 0, type: 'plain', itemWidth: 14, textStyle: { fontSize: 11 } },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var i = items[0].dataIndex;
          var run = runs[i];
          var slowest = Object.keys(run.steps).sort(function (a, b) { return run.steps[b] - run.steps[a]; }).slice(0, 3);
          return d.tooltipLines(run.run_id + ' · ' + d.duration(run.duration_ms), groups.filter(function (g) {
            return sums[i][g];
          }).map(function (g) { return g + ' ' + d.duration(sums[i][g]); }).concat(['slowest: ' + slowest.map(function (s) {
            return s + ' ' + d.duration(run.steps[s]);
          }).join(', ')]));
        }
      },
      xAxis: { type: 'category', data: runs.map(function (r) { return (r.started_at || '').slice(5, 16).replace('T', ' '); }) },
      yAxis: { type: 'value', name: 'Seconds', axisLabel: { formatter: function (v) { return String(v / 1000); } } },
      series: groups.map(function (g) {
        return { name: g, type: 'bar', stack: 'steps', barMaxWidth: 56, data: sums.map(function (s) { return s[g] || 0; }) };
      })
    }), true);
  }

  // ---- the data docs ----

  function loadDocs() {
    var token = ++docs.token;
    var section = $('data-docs');
    section.setAttribute('data-state', 'loading');
    return Promise.all([d.getJson('/api/models'), loadGraphLibrary()]).then(function (r) {
      if (token !== docs.token) { return; }
      drawModels(r[0]);
      drawLineage(r[0], r[1]);
      section.setAttribute('data-state', 'ready');
      d.message('docs-message', '');
    }).catch(function (error) {
      if (token !== docs.token) { return; }
      section.setAttribute('data-state', error.status === 503 ? 'unavailable' : 'error');
      d.message('docs-message', error.status === 503
        ? 'The warehouse is not answering (HTTP 503), so the models cannot be listed: ' + error.message + '.'
        : 'The data docs could not be read: ' + error.message, true);
    });
  }

  function layerOf(model) {
    for (var i = 0; i < LAYERS.length; i++) {
      if (LAYERS[i].layer === model.layer) { return i; }
    }
    return LAYERS.length - 1;
  }

  function drawModels(body) {
    var box = $('models');
    box.replaceChildren();
    LAYERS.concat([{ layer: null, title: 'Other' }]).forEach(function (layer, index) {
      var models = body.models.filter(function (m) {
        return layer.layer ? m.layer === layer.layer : LAYERS.every(function (l) { return l.layer !== m.layer; });
      });
      if (models.length === 0) { return; }
      var group = el('div', 'layer');
      group.setAttribute('data-layer', layer.layer || 'other');
      var title = el('h3', null, layer.title + ' ');
      title.appendChild(el('span', 'muted', '(' + models.length + ')'));
      group.appendChild(title);
      models.forEach(function (m) { group.appendChild(modelDetails(m, LAYERS[index] ? LAYERS[index].color : '#999')); });
      box.appendChild(group);
    });
  }

  function modelDetails(m, color) {
    var details = el('details', 'model');
    details.id = 'model-' + m.name;
    details.setAttribute('data-model', m.name);
    details.setAttribute('data-layer', m.layer);
    var summary = el('summary');
    var name = el('span', 'model-name', m.name);
    name.style.borderColor = color;
    summary.appendChild(name);
    summary.appendChild(el('span', 'muted', ' ' + m.object + ' · ' + (m.rows == null ? 'rows unknown'
      : d.count.format(m.rows) + (m.rows === 1 ? ' row' : ' rows')) + ' · ' + m.columns.length + ' columns'));
    var verdicts = checkCounts(m.checks);
    if (verdicts) { summary.appendChild(el('span', 'verdicts ' + verdicts.worst, ' · ' + verdicts.text)); }
    details.appendChild(summary);

    var body = el('div', 'model-body');
    body.appendChild(el('p', 'description', m.description || 'No description in its schema file.'));
    var facts = el('dl', 'facts');
    fact(facts, 'Schema file', text(m.schema_file));
    fact(facts, 'Built by', text(m.built_by.join(', ') || '–'));
    fact(facts, 'Reads', links(m.reads));
    fact(facts, 'Read by', links(m.read_by));
    body.appendChild(facts);

    var columns = el('table', 'columns');
    columns.appendChild(el('caption', null, 'Columns'));
    var hr = el('tr');
    hr.appendChild(el('th', null, 'Column'));
    hr.appendChild(el('th', null, 'Type'));
    columns.appendChild(el('thead')).appendChild(hr);
    var tbody = columns.appendChild(el('tbody'));
    m.columns.forEach(function (c) {
      var tr = el('tr');
      tr.setAttribute('data-column', c.name);
      d.cell(tr, c.name);
      d.cell(tr, c.type, 'type');
      tbody.appendChild(tr);
    });
    var wrap = el('div', 'model-tables');
    wrap.appendChild(el('div', 'table-wrap')).appendChild(columns);

    var checks = el('table', 'checks');
    checks.appendChild(el('caption', null, m.checks.length ? 'Checks, last verdict' : 'No check reads it'));
    if (m.checks.length) {
      var ch = el('tr');
      ['Check', 'Last verdict', 'Failing rows', 'Run'].forEach(function (t, i) { ch.appendChild(el('th', i === 2 ? 'num' : null, t)); });
      checks.appendChild(el('thead')).appendChild(ch);
      var cbody = checks.appendChild(el('tbody'));
      m.checks.forEach(function (c) {
        var tr = el('tr');
        tr.setAttribute('data-check', c.check);
        tr.setAttribute('data-status', c.status || '');
        d.cell(tr, c.check);
        d.cell(tr, c.status || 'not run yet', 'verdict ' + (c.status || ''));
        d.cell(tr, c.failing_rows == null ? '' : d.count.format(c.failing_rows), 'num');
        d.cell(tr, c.run_id || '');
        cbody.appendChild(tr);
      });
    }
    wrap.appendChild(el('div', 'table-wrap')).appendChild(checks);
    body.appendChild(wrap);
    details.appendChild(body);
    return details;
  }

  function checkCounts(checks) {
    if (!checks.length) { return null; }
    var by = { passed: 0, warned: 0, failed: 0 };
    checks.forEach(function (c) { if (by[c.status] != null) { by[c.status]++; } });
    var worst = by.failed ? 'failed' : by.warned ? 'warned' : 'passed';
    var parts = ['failed', 'warned', 'passed'].filter(function (s) { return by[s]; }).map(function (s) { return by[s] + ' ' + s; });
    return { worst: worst, text: checks.length + (checks.length === 1 ? ' check: ' : ' checks: ') + (parts.join(', ') || 'not run yet') };
  }

  function fact(dl, label, value) {
    dl.appendChild(el('dt', null, label));
    dl.appendChild(el('dd')).appendChild(value);
  }

  function text(value) {
    return document.createTextNode(value == null ? '–' : String(value));
  }

  function links(names) {
    var span = el('span');
    if (!names.length) { span.textContent = '–'; }
    names.forEach(function (n, i) {
      if (i > 0) { span.appendChild(text(', ')); }
      var a = el('a', 'model-link', n);
      a.href = '#model-' + n;
      a.setAttribute('data-model-link', n);
      span.appendChild(a);
    });
    return span;
  }

  function openModel(name) {
    var details = $('model-' + name);
    if (!details) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('#models details.selected'), function (e) {
      e.classList.remove('selected');
    });
    details.open = true;
    details.classList.add('selected');
    $('data-docs').setAttribute('data-open-model', name);
    details.scrollIntoView({ block: 'nearest' });
  }

  // the lineage: a column per layer, left to right, models in a column ordered by where what they read sits
  function drawLineage(body, library) {
    var columns = LAYERS.map(function () { return []; });
    var byName = {};
    body.models.forEach(function (m) {
      byName[m.name] = m;
      // a work table that reads nothing (the chunk's window) is an input: it sits with the raw tables
      var column = m.layer === 'work' && m.reads.length === 0 ? 0 : layerOf(m);
      columns[column].push(m);
    });
    var y = {};
    columns.forEach(function (models) {
      var placed = models.map(function (m, i) {
        var ys = m.reads.filter(function (r) { return y[r] != null; }).map(function (r) { return y[r]; });
        return { m: m, key: ys.length ? ys.reduce(function (a, b) { return a + b; }, 0) / ys.length : i };
      });
      placed.sort(function (a, b) { return a.key - b.key; });
      placed.forEach(function (p, i) { y[p.m.name] = i; });
      models.splice.apply(models, [0, models.length].concat(placed.map(function (p) { return p.m; })));
    });
    var used = columns.map(function (c, i) { return c.length ? i : -1; }).filter(function (i) { return i >= 0; });
    var tallest = Math.max.apply(null, columns.map(function (c) { return c.length; }));
    var step = 44;
    var box = $('lineage');
    box.style.height = Math.max(220, tallest * step + 60) + 'px';
    var nodes = [];
    columns.forEach(function (models, c) {
      var offset = (tallest - models.length) * step / 2;
      models.forEach(function (m, i) {
        nodes.push({
          name: m.name, x: used.indexOf(c) * 200, y: offset + i * step, category: layerOf(m),
          value: m.rows, symbolSize: 12,
          itemStyle: { color: LAYERS[layerOf(m)].color }
        });
      });
    });
    var lineage = chart('lineage', library);
    lineage.resize();
    lineage.setOption(Object.assign(base(), {
      tooltip: {
        formatter: function (item) {
          if (item.dataType === 'edge') { return d.tooltipLines(item.data.source + ' → ' + item.data.target, []); }
          var m = byName[item.name];
          return d.tooltipLines(m.name, [m.layer + ' ' + m.object, m.rows == null ? 'rows unknown' : d.count.format(m.rows) + ' rows',
            'click to open its details']);
        }
      },
      legend: { data: LAYERS.map(function (l) { return l.title; }), top: 0 },
      series: [{
        type: 'graph', layout: 'none', roam: false, top: 40, bottom: 20, left: 30, right: 140,
        categories: LAYERS.map(function (l) { return { name: l.title, itemStyle: { color: l.color } }; }),
        label: { show: true, position: 'right', fontSize: 11, color: '#1d2733' },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
        lineStyle: { color: '#9aa8b8', width: 1, curveness: 0.1, opacity: 0.7 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, color: '#2f6fdb', opacity: 1 } },
        data: nodes,
        links: body.edges.map(function (e) { return { source: e.from, target: e.to }; })
      }]
    }), true);
    lineage.off('click');
    lineage.on('click', function (item) {
      if (item.dataType === 'node') { openModel(item.name); }
    });
  }

  function wireDocs() {
    $('models').addEventListener('click', function (event) {
      var a = event.target.closest('a[data-model-link]');
      if (a) {
        event.preventDefault();
        openModel(a.getAttribute('data-model-link'));
      }
    });
    // the docs are asked for and drawn once their section comes near the screen
    var section = $('data-docs');
    var show = function () {
      if (docs.requested) { return; }
      docs.requested = true;
      loadDocs();
    };
    if ('IntersectionObserver' in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          observer.disconnect();
          show();
        }
      }, { rootMargin: '200px 0px' });
      observer.observe(section);
    } else {
      show();
    }
  }

  function start() {
    d = window.dashboard;
    wireChecks();
    wireDocs();
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
    document.addEventListener('dashboard:run-ended', function () {
      loadHealth();
      if (docs.requested) { loadDocs(); }
    });
    window.pipelinePanel = { charts: charts, loadHealth: loadHealth, loadDocs: loadDocs, openModel: openModel };
    loadHealth();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
