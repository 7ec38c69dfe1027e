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
  var PRINT_ROWS = 9;  // the plots of a town's list below its map; the rest on the pages after

  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.devicePixelRatio = 2;
  Chart.defaults.font.size = 10;
  var SERIES = ['rgb(215,25,28)', 'rgb(244,109,67)', 'rgb(26,150,65)', 'rgb(69,117,180)', 'rgb(118,42,131)', 'rgb(120,120,120)'];

  function page(kind, heading) {
    var p = el('section', 'page ' + kind);
    p.setAttribute('data-page', kind);
    p.appendChild(el('header', 'phead', '<span>' + esc(docTitle()) + '</span><span>' + esc(t('asOfZh', dateWords(M.as_of))) +
      '</span>'));
    if (heading) p.appendChild(el('h2', '', heading));
    root.appendChild(p);
    pages.push(p);
    return p;
  }

  // 2021年12月31日 (2021-12-31 in English)
  function dateWords(iso) {
    if (PH.EN || !iso) return iso;
    var d = iso.split('-');
    return d[0] + '年' + Number(d[1]) + '月' + Number(d[2]) + '日';
  }
  // the county's name and what the document is: 江阴市存量建设用地盘活情况通报
  function docTitle() {
    var what = D.review ? t('title').review + D.review.document : (t('title')[M.command] || t('title').scan);
    return (M.county_name || '') + what;
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
    return D.towns.some(function (tw) { return tw[field] !== null; }) ? PH.haMu(sum(field)) : '–';
  }
  function count(kind) {
    return D.plots.filter(function (p) { return p.k === kind; }).length;
  }

  function totals() {
    var haMu = PH.haMu;
    var rows = [[title('unsupplied_ha'), haMu(sum('unsupplied_ha'))], [t('listed'), M.approvals_listed],
      [t('lapsedN'), M.approvals_lapsed], [title('idle_ha'), haMu(sum('idle_ha'))], [t('idleN'), M.supplies_idle],
      [title('revitalized_ha'), haMu(sum('revitalized_ha'))], [title('target_ha'), haMu(sum('target_ha'))],
      [title('d_class_ha'), haMu(sum('d_class_ha'))], [t('warnN', M.warn_days), M.warnings],
      [t('undetermined'), M.undetermined], [title('reserve_ha'), sumOpt('reserve_ha')], [t('reserveN'), count('reserve')],
      [title('unfit_ha'), sumOpt('unfit_ha')], [t('unfitN'), count('unfit')],
      [title('low_efficiency_ha'), sumOpt('low_efficiency_ha')], [t('lowN'), count('lowEff')]];
    // the county's completion: the revitalized hectares of the towns with a target over their targets
    var targeted = D.towns.reduce(function (s, tw) { return s + (tw.target_ha !== null ? tw.revitalized_ha || 0 : 0); }, 0);
    var target = sum('target_ha');
    rows.splice(7, 0, [title('completion'), target > 0 ? pct(targeted / target) : '–']);
    return el('table', 'totals', '<caption>' + esc(t('totals')) + '</caption>' + rows.map(function (r) {
      return '<tr><th>' + esc(r[0]) + '</th><td class="n">' + esc(r[1]) + '</td></tr>';
    }).join(''));
  }

  function ranking() {
    var cols = ['rank', 'town_code', 'town_name', 'completion', 'pace', 'projected_completion', 'stock_share',
      'supply_rate', 'unsupplied_ha', 'lapsed_approvals', 'idle_ha', 'revitalized_ha', 'target_ha', 'd_class_ha'];
    var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(title(c)) + '</th>'; }).join('') + '</tr>';
    // pace against the year's target: ▼ for a town behind it; the year-end completion at its pace
    var pace = function (tw) {
      var behind = tw.pace !== null && tw.pace < 1;
      return '<td class="n' + (behind ? ' below' : '') + '">' + (behind ? '▼ ' : '') + num(tw.pace, 2) + '</td>' +
        '<td class="n">' + (tw.target_ha ? pct(tw.projected_ha / tw.target_ha) : '–') + '</td>';
    };
    var body = D.towns.map(function (tw) {
      var below = function (flag, v) { return '<td class="n' + (flag ? ' below' : '') + '">' + (flag ? '▼ ' : '') + pct(v) + '</td>'; };
      return '<tr><td class="n">' + tw.rank + '</td><td>' + esc(tw.code) + '</td><td>' + esc(tw.name) + '</td>' +
        '<td class="n"><i class="sw" style="background:' + PH.completionColor(tw.completion) + '"></i>' + pct(tw.completion) + '</td>' +
        pace(tw) + below(tw.below_stock_floor, tw.stock_share) + below(tw.below_supply_rate_floor, tw.supply_rate) +
        '<td class="n">' + num(tw.unsupplied_ha) + '</td><td class="n">' + tw.lapsed_approvals + '</td><td class="n">' +
        num(tw.idle_ha) + '</td><td class="n">' + num(tw.revitalized_ha) + '</td><td class="n">' + num(tw.target_ha) +
        '</td><td class="n">' + num(tw.d_class_ha) + '</td></tr>';
    }).join('');
    var table = el('table', 'ranking', '<thead>' + head + '</thead><tbody>' + body + '</tbody>');
    var elapsed = D.towns.length ? D.towns[0].elapsed_share : null;
    var note = el('p', 'note', esc(t('floors', pct(M.stock_share_floor), pct(M.supply_rate_floor)) + ' · ' +
      t('paceNote', pct(elapsed))));
    return [table, note];
  }

  function efficiencyChart(parent) {
    parent.appendChild(el('h3', '', esc(t('efficiency')) + ' · ' + M.efficiency_year));
    new Chart(canvas(parent, 700, 250), { type: 'bar', data: {
      labels: D.towns.map(function (tw) { return tw.name; }),
      datasets: PH.EFF.map(function (c, k) {
        return { label: c === 'T' ? t('classT') : c, data: D.towns.map(function (tw) { return tw.eff[k]; }),
          backgroundColor: ['rgb(26,150,65)', 'rgb(166,217,106)', 'rgb(253,174,97)', 'rgb(118,42,131)', 'rgb(190,190,190)'][k] };
      }) }, options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  }

  function countyPages() {
    var p1 = page('county', esc(docTitle()));
    var info = [];
    if (M.issuer) info.push(M.issuer);
    if (M.doc_no) info.push(M.doc_no);
    info.push(dateWords(M.as_of));
    p1.appendChild(el('p', 'docinfo', esc(info.join('　'))));
    if (M.summary && !D.review) p1.appendChild(el('p', 'summary', esc(M.summary)));
    var mapNode = el('div', 'map county-map');
    p1.appendChild(mapNode);
    p1.appendChild(totals());
    maps.push([mapNode, -1, true, [718, 470]]);
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
      // in Chinese the figure's name (its English meaning stays as the row's tooltip)
      return '<tr title="' + esc(r.meaning) + '"><td>' + esc(PH.label('figure', r.figure, 'comparison')) + '</td><td>' +
        esc(PH.label('unit', r.unit, 'comparison')) + '</td>' +
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
    var haMu = PH.haMu;
    var items = [[title('completion'), pct(tw.completion)], [title('stock_share'), (tw.below_stock_floor ? '▼ ' : '') + pct(tw.stock_share)],
      [title('supply_rate'), (tw.below_supply_rate_floor ? '▼ ' : '') + pct(tw.supply_rate)],
      [title('unsupplied_ha'), haMu(tw.unsupplied_ha)], [title('idle_ha'), haMu(tw.idle_ha)],
      [title('revitalized_ha'), haMu(tw.revitalized_ha)], [title('target_ha'), haMu(tw.target_ha)],
      [title('reserve_ha'), haMu(tw.reserve_ha)], [title('unfit_ha'), haMu(tw.unfit_ha)],
      [title('low_efficiency_ha'), haMu(tw.low_efficiency_ha)],
      [t('warnN', M.warn_days), tw.warn_lapse_n + tw.warn_idle_n + tw.warn_recover_n]];
    return el('dl', 'figures', items.map(function (r) { return '<dt>' + esc(r[0]) + '</dt><dd>' + esc(r[1]) + '</dd>'; }).join(''));
  }

  // A town's page: its map with every listed plot numbered, its figures, and its list; the list
  // goes on over as many pages as it needs (CONT_ROWS a page), every plot printed.
  var CONT_ROWS = 22;
  function townPage(tw, i) {
    var heading = tw.rank + '. ' + tw.name + ' (' + tw.code + ')';
    var p = page('town', esc(heading));
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
    var parts = [[p, 0, PRINT_ROWS]];
    for (var k = PRINT_ROWS; k < plots.length; k += CONT_ROWS) {
      var q = page('town', esc(heading + t('continued')));
      q.setAttribute('data-town', tw.code);
      parts.push([q, k, k + CONT_ROWS]);
    }
    parts.forEach(function (part) {
      var list = el('div', 'list');
      part[0].appendChild(list);
      lists.push(function () {
        var rows = plots.slice(part[1], part[2]);
        if (rows.length) list.appendChild(PH.plotTable(rows, part[1]));
      });
    });
  }

  // D-class enterprises of the efficiency year: who they are, on which parcel, in which town.
  function dclassPage() {
    var rows = D.plots.filter(function (p) { return p.k === 'dclass'; });
    var p = page('county', esc(t('dclassList') + ' · ' + M.efficiency_year));
    if (!rows.length) {
      p.appendChild(el('p', 'note', esc(t('noDclass'))));
      return;
    }
    var names = {};
    D.towns.forEach(function (tw, i) { names[i] = tw.name; });
    var cols = ['#', t('towns'), t('enterprise'), t('parcel'), title('land_mu'), title('score'), title('tax_per_mu')];
    for (var k = 0; k < rows.length; k += 32) {
      var q = k ? page('county', esc(t('dclassList') + t('continued'))) : p;
      var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>'; }).join('') + '</tr>';
      var body = rows.slice(k, k + 32).map(function (r, i) {
        return '<tr><td class="n">' + (k + i + 1) + '</td><td>' + esc(r.t >= 0 ? names[r.t] : t('noTown')) + '</td><td>' +
          esc(r.f.enterprise_id) + '</td><td>' + esc(r.id) + '</td><td class="n">' + num(r.f.land_mu, 2) +
          '</td><td class="n">' + num(r.f.score, 1) + '</td><td class="n">' + num(r.f.tax_per_mu, 2) + '</td></tr>';
      }).join('');
      q.appendChild(el('table', 'ranking', '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
    }
  }

  // 本月与上月: each town (by rank) and the county, this month, last month and the change.
  function monthTable() {
    var T = D.timeline, n = T.dates.length;
    if (n < 1) return;
    var p = page('county', esc(t('monthTable') + ' · ' + T.dates[n - 1]));
    var keys = ['unsupplied_ha', 'idle_ha', 'revitalized_ha', 'completion'];
    var at = function (series, m) { return m >= 0 ? series[m] : null; };
    var rows = D.towns.map(function (tw, i) {
      var s = T.towns[i], r = { name: tw.name, rank: tw.rank };
      keys.forEach(function (k) { r[k] = [at(s[k], n - 1), at(s[k], n - 2)]; });
      return r;
    });
    var total = { name: t('countyTotal'), rank: '' };
    keys.forEach(function (k) {
      total[k] = [0, 1].map(function (back) {
        if (k !== 'completion') return T.towns.reduce(function (a, s) { return a + (at(s[k], n - 1 - back) || 0); }, 0);
        var done = 0, target = 0;
        T.towns.forEach(function (s) {
          var tg = at(s.target_ha, n - 1 - back);
          if (tg) { target += tg; done += at(s.revitalized_ha, n - 1 - back) || 0; }
        });
        return target > 0 && n - 1 - back >= 0 ? done / target : null;
      });
    });
    rows.push(total);
    var head = '<tr><th rowspan="2">' + esc(t('rank')) + '</th><th rowspan="2">' + esc(t('towns')) + '</th>' +
      keys.map(function (k) { return '<th colspan="3">' + esc(title(k)) + '</th>'; }).join('') + '</tr><tr>' +
      keys.map(function () { return '<th>' + esc(t('thisMonth')) + '</th><th>' + esc(t('lastMonth')) + '</th><th>' + esc(t('change')) + '</th>'; }).join('') + '</tr>';
    var body = rows.map(function (r) {
      return '<tr' + (r === total ? ' class="total"' : '') + '><td class="n">' + r.rank + '</td><td>' + esc(r.name) + '</td>' +
        keys.map(function (k) {
          var v = r[k], f = k === 'completion' ? pct : function (x) { return num(x, 2); };
          var d = v[0] === null || v[1] === null ? null : v[0] - v[1];
          return '<td class="n">' + f(v[0]) + '</td><td class="n">' + f(v[1]) + '</td><td class="n">' +
            (d === null ? '–' : (d > 0 ? '+' : '') + f(d)) + '</td>';
        }).join('') + '</tr>';
    }).join('');
    p.appendChild(el('table', 'ranking month-table', '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
  }

  // 编制说明: where the figures come from, at the end.
  function colophon() {
    var p = page('county', esc(t('colophon')));
    var rows = [[t('source'), String(M.input).split(/[\\/]/).pop()], [t('asOf'), dateWords(M.as_of)], [t('generated'), dateWords(new Date().toISOString().slice(0, 10))],
      [t('version'), M.version]];
    if (M.issuer) rows.push([t('issuer'), M.issuer]);
    if (M.doc_no) rows.push([t('docNo'), M.doc_no]);
    p.appendChild(el('table', 'totals', rows.map(function (r) {
      return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>';
    }).join('')));
  }

  // The review (季度分析, 半年小结, 全年考核): the summary paragraph and the county's figures, the
  // changes of the period, the towns against their pace, the plans due, the hard plots.
  var REVIEW_ROWS = 26;
  function rowsOf(name) {
    var tb = D.review.tables[name];
    if (!tb) return [];
    return tb.rows.map(function (r) {
      var o = {};
      tb.columns.forEach(function (c, k) { o[c] = r[k]; });
      return o;
    });
  }
  function listTable(p, cls, cols, rows, cell, first) {
    var head = '<tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>'; }).join('') + '</tr>';
    var body = rows.map(function (r, i) {
      return '<tr' + (r.behind === 1 ? ' class="behind"' : '') + '>' + cell(r, (first || 0) + i) + '</tr>';
    }).join('');
    p.appendChild(el('table', 'ranking ' + cls, '<thead>' + head + '</thead><tbody>' + body + '</tbody>'));
  }
  // A list over as many pages as it needs, REVIEW_ROWS rows a page, every row printed.
  function pagedList(heading, cls, cols, rows, cell) {
    for (var k = 0; k === 0 || k < rows.length; k += REVIEW_ROWS) {
      var p = page('county', esc(heading + (k ? t('continued') : '')));
      listTable(p, cls, cols, rows.slice(k, k + REVIEW_ROWS), cell, k);
    }
  }
  // a cell: `cls` true for a number (right-aligned), 'k' for a key or date that must not wrap
  function td(v, cls) {
    var c = cls === true ? ' class="n"' : cls ? ' class="' + cls + '"' : '';
    return '<td' + c + '>' + esc(v === null || v === undefined ? '' : v) + '</td>';
  }
  function figure(unit, v) { return unit === 'ratio' ? pct(v) : unit === 'count' ? num(v, 0) : num(v, 2); }

  function reviewPages() {
    var R = D.review;
    var p = page('county', esc(R.label + ' · ' + R.document));
    p.appendChild(el('p', 'summary', esc(R.summary)));
    listTable(p, 'review-county', [t('reviewFigures'), t('start') + ' ' + R.start, t('end') + ' ' + R.end, t('change')],
      rowsOf('review_county'), function (r) {
        return td(r.meaning) + td(figure(r.unit, r.start_value), true) + td(figure(r.unit, r.end_value), true) +
          td(r.change === null ? '–' : figure(r.unit, r.change), true);
      });
    var changes = ['newly_supplied', 'idle_resolved', 'newly_idle', 'newly_lapsed', 'newly_reserved', 'reserve_supplied',
      'newly_low_efficiency', 'no_longer_low_efficiency'].filter(function (n) { return R.tables[n]; });
    var areaOf = { newly_supplied: 'newly_supplied_ha', idle_resolved: 'parcel_ha', newly_idle: 'parcel_ha',
      newly_lapsed: 'unsupplied_ha' };
    listTable(p, 'review-changes', [t('changes'), t('count'), t('area')], changes.map(function (n) { return { n: n }; }),
      function (r) {
        var rows = rowsOf(r.n), f = areaOf[r.n];
        var ha = f ? rows.reduce(function (s, x) { return s + (x[f] || 0); }, 0) : null;
        return td(t(r.n)) + td(rows.length, true) + td(ha === null ? '–' : num(ha, 2), true);
      });

    var p2 = page('county', esc(t('reviewTowns')));
    listTable(p2, 'review-towns', [t('rank'), t('towns'), title('revitalized_period_ha'), t('yearRevitalized'),
      title('target_ha'), title('completion'), title('elapsed_share'), title('pace'), title('projected_completion'),
      title('unsupplied_change_ha'), title('idle_change_ha'), title('plans_due_n'), title('plans_overdue_n'), title('hard_n')],
      rowsOf('review_towns'), function (r) {
        return td(r.rank, true) + td(r.town_name) + td(num(r.revitalized_period_ha, 2), true) + td(num(r.revitalized_ha, 2), true) +
          td(num(r.target_ha, 2), true) + td(pct(r.completion), true) + td(pct(r.elapsed_share), true) +
          td((r.behind === 1 ? '▼ ' + t('behind') + ' ' : '') + num(r.pace, 2), true) + td(pct(r.projected_completion), true) +
          td(num(r.unsupplied_change_ha, 2), true) + td(num(r.idle_change_ha, 2), true) + td(r.plans_due_n, true) +
          td(r.plans_overdue_n === null ? '–' : r.plans_overdue_n, true) + td(r.hard_n, true);
      });

    var plans = rowsOf('review_plans');
    if (!plans.length) page('county', esc(t('plansDue'))).appendChild(el('p', 'note', esc(t('noPlansDue'))));
    else pagedList(t('plansDue'), 'review-list', ['#', t('towns'), t('kind'), t('id'), title('measure'), title('responsible'),
      title('leader'), title('due_date'), t('planStatus'), t('area')], plans, function (r, i) {
        return td(i + 1, true) + td(r.town_name) + td(PH.label('layer', r.layer, 'review_plans'), 'k') + td(r.feature_id, 'k') + td(r.measure) + td(r.responsible) +
          td(r.leader, 'k') + td(r.due_date, 'k') + td(PH.label('status', r.status, 'review_plans')) + td(num(r.area_ha, 2), true);
      });

    var hard = rowsOf('hard_plots');
    if (!hard.length) page('county', esc(t('hardPlots'))).appendChild(el('p', 'note', esc(t('noHard'))));
    else pagedList(t('hardPlots'), 'review-list', ['#', t('towns'), t('kind'), t('id'), t('area'), title('listed_since'),
      t('listedDays'), t('reasons'), title('measure'), title('responsible'), title('due_date')], hard, function (r, i) {
        var why = [];
        if (r.longest) why.push(t('longest'));
        if (r.largest) why.push(t('largest'));
        if (r.plan_overdue) why.push(t('planOverdue'));
        return td(i + 1, true) + td(r.town_name) + td(PH.label('kind', r.kind, 'hard_plots'), 'k') +
          td(r.feature_id, 'k') + td(num(r.area_ha, 2), true) + td(r.listed_since, 'k') + td(r.listed_days, true) +
          td(why.join('、')) + td(r.measure) + td(r.responsible) + td(r.due_date, 'k');
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
  if (D.review) reviewPages();  // a review opens with its summary; its plans list replaces the overdue one
  countyPages();
  groupsPage();
  if (!D.review) overduePlansPage();
  mark('county');
  if (D.timeline) {
    timelinePage();
    monthTable();
  }
  dclassPage();
  if (D.scenarios) scenarioPage();
  D.towns.forEach(townPage);
  colophon();
  number();
  mark('pages');
  maps.forEach(function (m) { PH.makeMap(m[0], m[1], m[2], m[3]); });
  mark('maps');
  lists.forEach(function (fill) { fill(); });
  mark('lists');
  ready();
})();
