// The report's pages: the county (map, totals, ranking, charts), the timeline or scenario
// charts, then one page per town (挂图作战). Each page prints on one sheet with the as-of date,
// the input and its page number. Sets data-ready on <html> when everything is drawn.
(function () {
  'use strict';
  var D = PH.D, M = PH.M, t = PH.t, title = PH.title, esc = PH.esc, num = PH.num, pct = PH.pct, el = PH.el;
  var root = document.getElementById('report');
  var pages = [];
  // Maps are drawn once every page is in place and before the plot lists go in: each map reads
  // its size, and a long list below it would make every read a layout of the whole document.
  var maps = [], lists = [];
  var PRINT_ROWS = 9;

  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.devicePixelRatio = 2;
  Chart.defaults.font.size = 10;
  var SERIES = ['rgb(215,25,28)', 'rgb(244,109,67)', 'rgb(26,150,65)', 'rgb(69,117,180)', 'rgb(118,42,131)', 'rgb(120,120,120)'];

  function page(kind, heading) {
    var p = el('section', 'page ' + kind);
    p.setAttribute('data-page', kind);
    p.appendChild(el('header', 'phead', '<span>panhuo · ' + esc(t('title')[M.command] || t('title').scan) + '</span><span>' +
      esc(t('asOf')) + ' ' + esc(M.as_of) + ' · ' + esc(t('input')) + ' ' + esc(M.input) + '</span>'));
    if (heading) p.appendChild(el('h2', '', heading));
    root.appendChild(p);
    pages.push(p);
    return p;
  }

  function canvas(parent, w, h) {
    var c = el('canvas');
    c.width = w;
    c.height = h;
    c.style.width = w + 'px';
    c.style.height = h + 'px';
    parent.appendChild(c);
    return c;
  }

  function sum(field) {
    return D.towns.reduce(function (s, tw) { return s + (tw[field] || 0); }, 0);
  }
  // the sum of a figure that is null when its input is absent (every town null)
  function sumOpt(field) {
    return D.towns.some(function (tw) { return tw[field] !== null; }) ? num(sum(field), 2) : '–';
  }
  function count(kind) {
    return D.plots.filter(function (p) { return p.k === kind; }).length;
  }

  function totals() {
    var rows = [[title('unsupplied_ha'), num(sum('unsupplied_ha'), 2)], [t('listed'), M.approvals_listed],
      [t('lapsedN'), M.approvals_lapsed], [title('idle_ha'), num(sum('idle_ha'), 2)], [t('idleN'), M.supplies_idle],
      [title('revitalized_ha'), num(sum('revitalized_ha'), 2)], [title('target_ha'), num(sum('target_ha'), 2)],
      [title('d_class_ha'), num(sum('d_class_ha'), 2)], [t('warnN', M.warn_days), M.warnings],
      [t('undetermined'), M.undetermined], [title('reserve_ha'), sumOpt('reserve_ha')], [t('reserveN'), count('reserve')],
      [title('unfit_ha'), sumOpt('unfit_ha')], [t('unfitN'), count('unfit')],
      [title('low_efficiency_ha'), sumOpt('low_efficiency_ha')], [t('lowN'), count('lowEff')]];
    var target = sum('target_ha');
    rows.splice(7, 0, [title('completion'), target > 0 ? pct(sum('revitalized_ha') / target) : '–']);
    return el('table', 'totals', '<caption>' + esc(t('totals')) + '</caption>' + rows.map(function (r) {
      return '<tr><th>' + esc(r[0]) + '</th><td class="n">' + esc(r[1]) + '</td></tr>';
    }).join(''));
  }

  function ranking() {
    var cols = ['rank', 'town_code', 'town_name', 'completion', 'stock_share', 'supply_rate', 'unsupplied_ha',
      'lapsed_approvals', 'idle_ha', 'revitalized_ha', 'target_ha', 'd_class_ha'];
    var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(title(c)) + '</th>'; }).join('') + '</tr>';
    var body = D.towns.map(function (tw) {
      var below = function (flag, v) { return '<td class="n' + (flag ? ' below' : '') + '">' + (flag ? '▼ ' : '') + pct(v) + '</td>'; };
      return '<tr><td class="n">' + tw.rank + '</td><td>' + esc(tw.code) + '</td><td>' + esc(tw.name) + '</td>' +
        '<td class="n"><i class="sw" style="background:' + PH.completionColor(tw.completion) + '"></i>' + pct(tw.completion) + '</td>' +
        below(tw.below_stock_floor, tw.stock_share) + below(tw.below_supply_rate_floor, tw.supply_rate) +
        '<td class="n">' + num(tw.unsupplied_ha) + '</td><td class="n">' + tw.lapsed_approvals + '</td><td class="n">' +
        num(tw.idle_ha) + '</td><td class="n">' + num(tw.revitalized_ha) + '</td><td class="n">' + num(tw.target_ha) +
        '</td><td class="n">' + num(tw.d_class_ha) + '</td></tr>';
    }).join('');
    var table = el('table', 'ranking', '<thead>' + head + '</thead><tbody>' + body + '</tbody>');
    var note = el('p', 'note', esc(t('floors', pct(M.stock_share_floor), pct(M.supply_rate_floor))));
    return [table, note];
  }

  function efficiencyChart(parent) {
    parent.appendChild(el('h3', '', esc(t('efficiency')) + ' · ' + M.efficiency_year));
    new Chart(canvas(parent, 700, 250), { type: 'bar', data: {
      labels: D.towns.map(function (tw) { return tw.name; }),
      datasets: PH.EFF.map(function (c, k) {
        return { label: c, data: D.towns.map(function (tw) { return tw.eff[k]; }),
          backgroundColor: ['rgb(26,150,65)', 'rgb(166,217,106)', 'rgb(253,174,97)', 'rgb(118,42,131)', 'rgb(190,190,190)'][k] };
      }) }, options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  }

  function countyPages() {
    var p1 = page('county', esc(t('county')) + ' · ' + esc(t('title')[M.command] || ''));
    var mapNode = el('div', 'map county-map');
    p1.appendChild(mapNode);
    p1.appendChild(totals());
    maps.push([mapNode, -1, true, [718, 600]]);
    var p2 = page('county', esc(t('ranking')));
    ranking().forEach(function (n) { p2.appendChild(n); });
    efficiencyChart(p2);
  }

  // The listed plots whose work plan is past its due date, for the county: most overdue first.
  function overduePlansPage() {
    var late = D.plots.filter(function (p) { return p.f && p.f.due_date && p.f.due_date < M.as_of; });
    if (!D.plots.some(function (p) { return p.f && p.f.due_date; })) return;  // no plans handed in
    var p = page('county', esc(t('overduePlans')));
    if (!late.length) {
      p.appendChild(el('p', 'note', esc(t('noOverdue'))));
      return;
    }
    var names = {};
    D.towns.forEach(function (tw, i) { names[i] = tw.name; });
    var days = function (d) { return Math.round((Date.parse(M.as_of) - Date.parse(d)) / 86400000); };
    late.sort(function (a, b) { return a.f.due_date < b.f.due_date ? -1 : a.f.due_date > b.f.due_date ? 1 : a.id < b.id ? -1 : 1; });
    var cols = ['#', t('towns'), t('kind'), t('id'), title('measure'), title('responsible'), title('leader'),
      title('due_date'), t('daysOver')];
    var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>'; }).join('') + '</tr>';
    var body = late.map(function (q, i) {
      return '<tr class="' + (i >= GROUP_ROWS ? 'screen-only' : '') + '"><td class="n">' + (i + 1) + '</td><td>' + esc(q.t >= 0 ? names[q.t] : t('noTown')) + '</td><td>' +
        esc(PH.kindName(q.k)) + '</td><td>' + esc(q.id) + '</td><td>' + esc(q.f.measure || '') + '</td><td>' +
        esc(q.f.responsible || '') + '</td><td>' + esc(q.f.leader || '') + '</td><td>' + esc(q.f.due_date) +
        '</td><td class="n">' + days(q.f.due_date) + '</td></tr>';
    }).join('');
    p.appendChild(el('table', 'ranking overdue-plans', '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
    if (late.length > GROUP_ROWS) p.appendChild(el('p', 'note print-only', esc(t('more', late.length - GROUP_ROWS))));
  }

  // 挂钩清单: the enterprise groups holding supplied-but-unused land, for the leaders assigned.
  var GROUP_ROWS = 28;
  function groupsPage() {
    var p = page('county', esc(t('groups')));
    var names = {};
    D.towns.forEach(function (tw) { names[tw.code] = tw.name; });
    var cols = [t('rank'), t('group'), t('holders'), t('groupTowns'), title('unused_ha'), title('idle_ha'), t('recoverN'),
      title('recover_ha'), title('fee_wan'), title('warn_n')];
    var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>'; }).join('') + '</tr>';
    var body = D.holders.map(function (g, i) {
      var towns = g.towns ? g.towns.split(',').map(function (c) { return names[c] || c; }).join('、') : '';
      return '<tr class="' + (i >= GROUP_ROWS ? 'screen-only' : '') + '"><td class="n">' + g.rank + '</td><td>' + esc(g.name) +
        '</td><td>' + esc(g.holders.join('、')) + '</td><td>' + esc(towns) + '</td><td class="n">' + num(g.unused_ha) +
        '</td><td class="n">' + num(g.idle_ha) + '</td><td class="n">' + g.recover_n + '</td><td class="n">' +
        num(g.recover_ha) + '</td><td class="n">' + num(g.fee_wan) + '</td><td class="n">' + g.warn_n + '</td></tr>';
    }).join('');
    p.appendChild(el('table', 'ranking groups', '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
    p.appendChild(el('p', 'note', esc(t('groupsNote'))));
    if (D.holders.length > GROUP_ROWS) p.appendChild(el('p', 'note print-only', esc(t('moreGroups', D.holders.length - GROUP_ROWS))));
  }

  function curves(parent, series, w, h) {
    var keys = ['unsupplied_ha', 'idle_ha', 'revitalized_ha'];
    new Chart(canvas(parent, w, h), { type: 'line', data: { labels: D.timeline.dates,
      datasets: keys.map(function (k, i) {
        return { label: title(k), data: series[k], borderColor: SERIES[i], backgroundColor: SERIES[i], pointRadius: 1.5 };
      }) }, options: { plugins: { legend: { labels: { boxWidth: 10 } } } } });
  }

  function timelinePage() {
    var p = page('charts', esc(t('county_curves')));
    var county = { unsupplied_ha: [], idle_ha: [], revitalized_ha: [] };
    D.timeline.dates.forEach(function (d, m) {
      Object.keys(county).forEach(function (k) {
        county[k].push(D.timeline.towns.reduce(function (s, tw) { return s + (tw[k][m] || 0); }, 0));
      });
    });
    curves(p, county, 700, 420);
  }

  var DIGITS = { ratio: 4, count: 0, m: 0 };  // as the scenario command prints them

  function scenarioPage() {
    var S = D.scenarios;
    var p = page('charts', esc(t('scenarios')));
    var head = '<tr><th>' + esc(t('figure')) + '</th><th>' + esc(t('unit')) + '</th>' +
      S.names.map(function (n) { return '<th>' + esc(n) + '</th>'; }).join('') + '</tr>';
    var body = S.rows.map(function (r) {
      return '<tr title="' + esc(r.meaning) + '"><td>' + esc(r.figure) + '</td><td>' + esc(r.unit) + '</td>' +
        r.values.map(function (v) { return '<td class="n">' + num(v, DIGITS[r.unit] === undefined ? 2 : DIGITS[r.unit]) + '</td>'; }).join('') + '</tr>';
    }).join('');
    p.appendChild(el('table', 'scenario-table', '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
    var datasets = [];
    S.names.forEach(function (n, i) {
      datasets.push({ label: n + ' · ' + t('quota'), data: S.towns[i].quota_ha, backgroundColor: SERIES[i % SERIES.length] });
    });
    if (S.names.length) datasets.push({ type: 'line', label: t('demand'), data: S.towns[0].demand_ha, borderColor: '#000', pointRadius: 2 });
    new Chart(canvas(p, 700, 300), { type: 'bar', data: { labels: D.towns.map(function (tw) { return tw.name; }), datasets: datasets } });
  }

  function townFigures(tw) {
    var items = [[title('completion'), pct(tw.completion)], [title('stock_share'), (tw.below_stock_floor ? '▼ ' : '') + pct(tw.stock_share)],
      [title('supply_rate'), (tw.below_supply_rate_floor ? '▼ ' : '') + pct(tw.supply_rate)],
      [title('unsupplied_ha'), num(tw.unsupplied_ha)], [title('idle_ha'), num(tw.idle_ha)],
      [title('revitalized_ha'), num(tw.revitalized_ha)], [title('target_ha'), num(tw.target_ha)],
      [title('reserve_ha'), num(tw.reserve_ha)], [title('unfit_ha'), num(tw.unfit_ha)],
      [title('low_efficiency_ha'), num(tw.low_efficiency_ha)],
      [t('warnN', M.warn_days), tw.warn_lapse_n + tw.warn_idle_n + tw.warn_recover_n]];
    return el('dl', 'figures', items.map(function (r) { return '<dt>' + esc(r[0]) + '</dt><dd>' + esc(r[1]) + '</dd>'; }).join(''));
  }

  function townPage(tw, i) {
    var p = page('town', esc(tw.rank + '. ' + tw.name + ' (' + tw.code + ')'));
    p.classList.add('town');
    p.setAttribute('data-town', tw.code);
    var row = el('div', 'row');
    var mapNode = el('div', 'map town-map');
    row.appendChild(mapNode);
    var side = el('div', 'side');
    side.appendChild(townFigures(tw));
    if (D.timeline) curves(side, D.timeline.towns[i], 260, 190);
    row.appendChild(side);
    p.appendChild(row);
    maps.push([mapNode, i, false, [430, 300]]);
    var plots = PH.urgent(i);
    p.appendChild(el('h3', '', esc(t('plots')) + ' · ' + plots.length));
    var list = el('div', 'list');
    p.appendChild(list);
    lists.push(function () {
      if (plots.length) list.appendChild(PH.plotTable(plots, PRINT_ROWS));
      if (plots.length > PRINT_ROWS) list.appendChild(el('p', 'note print-only', esc(t('more', plots.length - PRINT_ROWS))));
    });
  }

  function number() {
    pages.forEach(function (p, k) { p.appendChild(el('footer', 'pfoot', esc(t('page', k + 1, pages.length)))); });
    document.documentElement.setAttribute('data-pages', String(pages.length));
  }

  function ready() {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
        document.documentElement.setAttribute('data-ready', '1');
      });
    });
  }

  var timing = ['start ' + Math.round(performance.now())];
  function mark(name) {
    timing.push(name + ' ' + Math.round(performance.now()));
    document.documentElement.setAttribute('data-timing', timing.join(', '));
  }
  countyPages();
  groupsPage();
  overduePlansPage();
  mark('county');
  if (D.timeline) timelinePage();
  if (D.scenarios) scenarioPage();
  D.towns.forEach(townPage);
  number();
  mark('pages');
  maps.forEach(function (m) { PH.makeMap(m[0], m[1], m[2], m[3]); });
  mark('maps');
  lists.forEach(function (fill) { fill(); });
  mark('lists');
  ready();
})();
