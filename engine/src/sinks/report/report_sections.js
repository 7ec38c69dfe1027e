// The report's building blocks: labels in two languages, number formats, display geometry,
// the maps (Leaflet, canvas renderer) and the plot lists. report.js assembles the pages.
var PH = (function () {
  'use strict';
  var D = JSON.parse(document.getElementById('panhuo-data').textContent);
  var M = D.meta, EN = M.lang === 'en';
  var ZH_TEXT = {
    title: { scan: '存量建设用地盘活情况通报', timeline: '存量建设用地盘活月度通报', scenario: '盘活方案比选报告', review: '存量建设用地盘活' },
    asOf: '截至', input: '输入', page: '第 {0} 页 / 共 {1} 页', county: '全县', ranking: '乡镇排名',
    totals: '全县合计', towns: '乡镇', plots: '地块清单（按紧迫程度）', more: '另有 {0} 宗，见台账',
    kind: '类别', id: '编号', area: '面积（公顷）', dates: '日期', basis: '认定依据', none: '无',
    floors: '▼ 低于下限：存量占比 {0}，供地率 {1}', efficiency: '亩均效益分类（企业数）',
    monthly: '月度变化（公顷）', scenarios: '方案比选', figure: '指标', unit: '单位',
    quota: '挂钩指标（公顷）', demand: '新增建设需求（公顷）', days: '剩 {0} 天',
    listed: '批而未供宗数', lapsedN: '已失效宗数', idleN: '闲置宗数', warnN: '{0} 日内预警',
    undetermined: '未能认定', noTown: '不在任何乡镇', county_curves: '全县月度曲线',
    rank: '名次', groups: '企业集团挂钩清单（供而未用）', group: '企业集团', holders: '土地使用权人',
    groupTowns: '涉及镇街', recoverN: '应收回宗数', groupsNote: '按供而未用面积、闲置面积降序排列，同值按集团名称',
    moreGroups: '另有 {0} 个集团，见台账', reserveN: '收购储备未供宗数', unfitN: '不具备供地条件宗数',
    lowN: '低效用地宗数', overdue: '逾期', overduePlans: '逾期未完成的工作方案', noOverdue: '没有逾期的工作方案',
    daysOver: '逾期天数',
    reviewFigures: '全县主要指标', start: '期初', end: '期末', change: '增减', changes: '本期变化',
    newly_supplied: '新增供地', idle_resolved: '闲置土地处置完成', newly_idle: '新增闲置土地', newly_lapsed: '批准满期失效',
    newly_reserved: '新增收购储备', reserve_supplied: '储备土地供应', newly_low_efficiency: '新增低效用地',
    no_longer_low_efficiency: '低效用地退出', count: '宗数', reviewTowns: '镇街进度与时序', behind: '落后',
    plansDue: '本期到期及逾期的工作方案', noPlansDue: '本期没有到期或逾期的工作方案', hardPlots: '重点难点地块（集中攻坚清单）',
    noHard: '没有列入的地块', reasons: '列入原因', longest: '时间最长', largest: '面积最大', planOverdue: '方案逾期',
    continued: '（续）', planStatus: '期末状态', listedDays: '列入天数', yearRevitalized: '年内累计盘活（公顷）',
    mu: '亩', noTarget: '无目标任务', north: '北', colophon: '编制说明', source: '数据来源', generated: '生成日期',
    version: '软件版本', parameters: '认定参数', docNo: '文号', issuer: '编制单位', dclassList: 'D类企业名单（亩均效益评价）',
    enterprise: '企业（统一社会信用代码）', parcel: '宗地', noDclass: '没有D类企业', classT: 'T（用地不足3亩，不参评）',
    paceNote: '进度比 = 完成率 ÷ 时序进度（{0}），▼ 落后于时序进度；预计全年完成率按当前进度推算', monthTable: '本月与上月', thisMonth: '本月', lastMonth: '上月', countyTotal: '全县合计', asOfZh: '截至{0}'
  };
  var EN_TEXT = {
    title: { scan: 'Stock construction land report', timeline: 'Monthly bulletin', scenario: 'Scenario comparison', review: 'Stock construction land' },
    asOf: 'as of', input: 'input', page: 'page {0} of {1}', county: 'County', ranking: 'Town ranking',
    totals: 'County totals', towns: 'towns', plots: 'Plots by urgency', more: '{0} more in the ledger',
    kind: 'kind', id: 'id', area: 'area (ha)', dates: 'dates', basis: 'basis', none: 'none',
    floors: '▼ below the floor: stock share {0}, supply rate {1}', efficiency: 'Efficiency classes (enterprises)',
    monthly: 'Month by month (ha)', scenarios: 'Scenarios side by side', figure: 'figure', unit: 'unit',
    quota: 'linkage quota (ha)', demand: 'new-build demand (ha)', days: '{0} days left',
    listed: 'approvals unsupplied', lapsedN: 'lapsed', idleN: 'idle parcels', warnN: 'warnings, {0} days',
    undetermined: 'undetermined', noTown: 'outside every town', county_curves: 'County, month by month',
    rank: 'rank', groups: 'Enterprise groups with supplied but unused land', group: 'group', holders: 'holders',
    groupTowns: 'towns', recoverN: 'plots to recover', groupsNote: 'by unused, then idle hectares, descending; then by name',
    moreGroups: '{0} more groups in the ledger', reserveN: 'reserves not yet supplied', unfitN: 'approvals unfit for supply',
    lowN: 'low-efficiency parcels', overdue: 'overdue', overduePlans: 'Work plans past their due date',
    noOverdue: 'no work plan is past its due date', daysOver: 'days overdue',
    reviewFigures: 'County figures', start: 'start', end: 'end', change: 'change', changes: 'Changes in the period',
    newly_supplied: 'approvals supplied', idle_resolved: 'idle land resolved', newly_idle: 'newly idle',
    newly_lapsed: 'approvals lapsed', newly_reserved: 'reserves acquired', reserve_supplied: 'reserves supplied',
    newly_low_efficiency: 'newly low-efficiency', no_longer_low_efficiency: 'no longer low-efficiency', count: 'count',
    reviewTowns: 'Towns against their pace', behind: 'behind', plansDue: 'Work plans due in the period or overdue',
    noPlansDue: 'no work plan due in the period or overdue', hardPlots: 'Hard plots', noHard: 'none listed',
    reasons: 'reasons', longest: 'listed longest', largest: 'largest', planOverdue: 'plan overdue',
    continued: ' (continued)', planStatus: 'status at the end', listedDays: 'days listed', yearRevitalized: 'revitalized this year (ha)',
    mu: 'mu', noTarget: 'no target', north: 'N', colophon: 'About this report', source: 'data', generated: 'generated',
    version: 'version', parameters: 'parameters', docNo: 'document no.', issuer: 'issued by', dclassList: 'D-class enterprises',
    enterprise: 'enterprise (credit code)', parcel: 'parcel', noDclass: 'no D-class enterprise', classT: 'T (below 3 mu, not evaluated)',
    paceNote: 'pace = completion / elapsed share of the year ({0}), ▼ behind; projected: the year-end completion at this pace', monthTable: 'This month and last', thisMonth: 'this month', lastMonth: 'last month', countyTotal: 'county', asOfZh: 'as of {0}'
  };
  var TEXT = EN ? EN_TEXT : ZH_TEXT;
  // the colours and names of the QGIS styles the GeoPackage carries (engine/src/sinks/styles.cpp)
  var KINDS = {
    lapsed: { zh: '批而未供（已失效）', en: 'unsupplied, lapsed', color: 'rgb(215,25,28)', order: 0 },
    recover: { zh: '闲置·建议无偿收回', en: 'idle: recover proposed', color: 'rgb(165,0,38)', order: 1 },
    fee: { zh: '闲置·建议征收闲置费', en: 'idle: fee proposed', color: 'rgb(244,109,67)', order: 2 },
    negotiate: { zh: '闲置·建议协商处置', en: 'idle: negotiation proposed', color: 'rgb(69,117,180)', order: 3 },
    idle: { zh: '闲置·未定处置', en: 'idle: no action yet', color: 'rgb(150,150,150)', order: 4 },
    warn: { zh: '预警', en: 'warning', color: 'rgb(0,150,200)', order: 5 },
    unsupplied: { zh: '批而未供', en: 'unsupplied', color: 'rgb(231,41,138)', order: 6 },
    unfit: { zh: '不具备供地条件', en: 'unfit for supply', color: 'rgb(0,109,44)', order: 7 },
    reserve: { zh: '收购储备未供', en: 'reserve not yet supplied', color: 'rgb(49,130,189)', order: 8 },
    lowEff: { zh: '低效用地', en: 'low-efficiency land', color: 'rgb(140,81,10)', order: 9 },
    dclass: { zh: 'D类企业宗地', en: 'D-class parcel', color: 'rgb(118,42,131)', order: 10 }
  };
  var DRAW_ORDER = ['reserve', 'unsupplied', 'lapsed', 'unfit', 'lowEff', 'idle', 'negotiate', 'fee', 'recover', 'dclass', 'warn'];
  var EFF = ['A', 'B', 'C', 'D', 'T'];

  function t(key) {
    var s = TEXT[key];
    for (var i = 1; i < arguments.length; i++) s = s.replace('{' + (i - 1) + '}', arguments[i]);
    return s;
  }
  function kindName(k) { return EN ? KINDS[k].en : KINDS[k].zh; }
  // the output layer a plot of the report comes from, for the labels of its codes
  var LAYER_OF = { lapsed: 'unsupplied', unsupplied: 'unsupplied', recover: 'idle', fee: 'idle', negotiate: 'idle',
    idle: 'idle', warn: 'warnings', reserve: 'reserve_unsupplied', unfit: 'unfit_for_supply', lowEff: 'low_efficiency',
    dclass: 'efficiency' };
  // the Chinese label of a code value (the output schema's, engine/src/io/code_labels.cpp)
  function label(field, value, layer) {
    if (value === null || value === undefined || value === '') return value;
    if (layer === 'comparison' && field === 'figure' && !EN) return D.figures[value] || value;
    var L1 = (layer && D.labels[layer + '.' + field]) || D.labels[field];
    if (!L1) return value;
    return String(value).split(',').map(function (v) {
      return field === 'land_use' && L1[v] ? v + ' ' + L1[v] : (L1[v] || v);
    }).join('、');
  }
  // hectares at two decimals with the same area in mu beside them
  function haMu(v) { return v === null || v === undefined ? '–' : num(v, 2) + '（' + num(v * 15, 1) + t('mu') + '）'; }
  function title(field) { return D.titles[field] || field; }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function num(v, digits) { return v === null || v === undefined ? '–' : Number(v).toFixed(digits === undefined ? 2 : digits); }
  function pct(v) { return v === null || v === undefined ? '–' : (100 * v).toFixed(1) + ' %'; }
  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }

  var decoded = [];
  function geom(i) {
    if (decoded[i]) return decoded[i];
    decoded[i] = D.geoms[i].map(function (poly) {
      return poly.map(function (ring) {
        var out = [], lat = 0, lon = 0;
        for (var k = 0; k < ring.length; k += 2) {
          lat += ring[k];
          lon += ring[k + 1];
          out.push([lat / 1e6, lon / 1e6]);
        }
        return out;
      });
    });
    return decoded[i];
  }

  // a river's lines (delta-encoded as the rings of geom)
  function lines(i) {
    return D.geoms[i].map(function (flat) {
      var out = [], lat = 0, lon = 0;
      for (var k = 0; k < flat.length; k += 2) {
        lat += flat[k];
        lon += flat[k + 1];
        out.push([lat / 1e6, lon / 1e6]);
      }
      return out;
    });
  }

  function completionColor(c) {
    if (c === null || c === undefined) return 'rgb(200,200,200)';
    if (c < 0.5) return 'rgb(215,25,28)';
    if (c < 0.8) return 'rgb(253,174,97)';
    if (c < 1.0) return 'rgb(255,255,191)';
    return 'rgb(26,150,65)';
  }

  function popupTable(rows) {
    return '<table class="pop">' + rows.map(function (r) {
      return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>';
    }).join('') + '</table>';
  }
  function plotPopup(p) {
    var rows = [[t('kind'), kindName(p.k)], [t('id'), p.id], [t('area'), haMu(p.ha)]];
    Object.keys(p.f).forEach(function (f) {
      if (p.f[f] !== null && p.f[f] !== '') rows.push([title(f), label(f, p.f[f], LAYER_OF[p.k])]);
    });
    var html = '<b>' + esc(p.id) + '</b>' + popupTable(rows);
    if (p.b) html += '<p class="basis">' + esc(p.b) + '</p>';
    return html;
  }
  function townPopup(town) {
    return '<b>' + esc(town.name) + ' (' + esc(town.code) + ')</b>' + popupTable([
      [t('rank'), town.rank], [title('completion'), pct(town.completion)],
      [title('stock_share'), pct(town.stock_share)], [title('supply_rate'), pct(town.supply_rate)],
      [title('unsupplied_ha'), haMu(town.unsupplied_ha)], [title('idle_ha'), haMu(town.idle_ha)],
      [title('revitalized_ha'), haMu(town.revitalized_ha)], [title('target_ha'), haMu(town.target_ha)]]);
  }

  // a thicker outline on a town's map, where the parcels are small beside the town
  function plotStyle(k, full) {
    var c = KINDS[k].color;
    if (k === 'warn') return { color: c, weight: full ? 2 : 3, dashArray: '4 3', fill: false };
    return { color: c, weight: full ? 1 : 2.5, fillColor: c, fillOpacity: 0.75 };
  }

  function legend(kinds) {
    var ctl = L.control({ position: 'bottomright' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'legend');
      var html = '<div class="lg-title">' + esc(title('completion')) + '</div>';
      [[0.3, '&lt; 50 %'], [0.6, '50–80 %'], [0.9, '80–100 %'], [1, '≥ 100 %'], [null, esc(t('noTarget'))]].forEach(function (c) {
        html += '<div><i style="background:' + completionColor(c[0]) + '"></i>' + c[1] + '</div>';
      });
      kinds.forEach(function (k) {
        var st = k === 'warn' ? 'border:2px dashed ' + KINDS[k].color : 'background:' + KINDS[k].color;
        html += '<div><i style="' + st + '"></i>' + esc(kindName(k)) + '</div>';
      });
      div.innerHTML = html;
      return div;
    };
    return ctl;
  }

  // A map of the county (town < 0) or of one town (its plots only, zoomed to it), `size` pixels
  // wide and high. The map is told its size rather than measuring its box: a measure would lay
  // out the whole document, once per map.
  function makeMap(node, town, full, size) {
    node.style.width = size[0] + 'px';
    node.style.height = size[1] + 'px';
    var map = L.map(node, { preferCanvas: true, attributionControl: false, zoomSnap: 0.1, fadeAnimation: false,
      zoomAnimation: false, markerZoomAnimation: false, inertia: false });
    map._size = L.point(size[0], size[1]);
    map._sizeChanged = false;
    if (M.tiles) L.tileLayer(M.tiles, { maxZoom: 19 }).addTo(map);
    var townLayer = L.featureGroup(), focus = null;
    D.towns.forEach(function (tw, i) {
      var mine = town < 0 || i === town;
      var poly = L.polygon(geom(tw.g), { color: '#444', weight: mine ? 1.2 : 0.6,
        fillColor: completionColor(tw.completion), fillOpacity: mine ? 0.35 : 0.08 });
      poly.bindPopup(function () { return townPopup(tw); });
      poly.townName = tw.name;
      poly.addTo(townLayer);
      if (i === town) focus = poly;
    });
    townLayer.addTo(map);
    // the river, in a group of its own: a vector layer added straight to a map that has no view
    // yet would ask the renderer for its bounds before it has any
    var river = L.featureGroup();
    (D.river || []).forEach(function (r) {
      if (r.line) L.polyline(lines(r.g), { color: 'rgb(49,130,189)', weight: full ? 2 : 3 }).addTo(river);
      else L.polygon(geom(r.g), { color: 'rgb(49,130,189)', weight: 1, fillColor: 'rgb(158,202,225)', fillOpacity: 0.9 }).addTo(river);
    });
    river.addTo(map);
    var groups = {}, present = [];
    D.plots.forEach(function (p) {
      if (town >= 0 && p.t !== town) return;
      if (!groups[p.k]) groups[p.k] = L.featureGroup();
      L.polygon(geom(p.g), plotStyle(p.k, full)).bindPopup(function () { return plotPopup(p); }).addTo(groups[p.k]);
    });
    var overlays = {};
    overlays[t('towns') + ' · ' + title('completion')] = townLayer;
    DRAW_ORDER.forEach(function (k) {
      if (!groups[k]) return;
      groups[k].addTo(map);
      overlays[kindName(k)] = groups[k];
      present.push(k);
    });
    map.fitBounds((focus || townLayer).getBounds(), { padding: [6, 6] });
    L.control.scale({ imperial: false, maxWidth: 150 }).addTo(map);
    var north = L.control({ position: 'topleft' });
    north.onAdd = function () { return L.DomUtil.create('div', 'north', null); };
    north.addTo(map).getContainer().innerHTML = '▲<br>' + esc(t('north'));
    if (town < 0) {  // the towns by name
      townLayer.eachLayer(function (poly) {
        L.marker(poly.getBounds().getCenter(), { icon: L.divIcon({ className: 'town-label', html: esc(poly.townName),
          iconSize: null }), interactive: false }).addTo(map);
      });
    } else {  // each listed plot by its number in the town's list
      urgent(town).forEach(function (p, n) {
        var b = L.polygon(geom(p.g)).getBounds();
        L.marker(b.getCenter(), { icon: L.divIcon({ className: 'plot-no', html: String(n + 1), iconSize: null }),
          interactive: false }).addTo(map);
      });
    }
    if (full) {
      L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);
      legend(present).addTo(map);
    }
    return map;
  }

  function plotDates(p) {
    var f = p.f, parts = [];
    ['approval_date', 'lapse_date', 'acquired_date', 'supply_date', 'agreed_start', 'idle_from', 'recover_from', 'event_date'].forEach(function (k) {
      if (f[k]) parts.push(title(k) + ' ' + f[k]);
    });
    if (p.k === 'warn') parts.push(t('days', p.days) + ' · ' + label('kind', f.kind, 'warnings'));
    if (p.k === 'dclass') parts.push(title('enterprise_id') + ' ' + f.enterprise_id + ', ' + title('score') + ' ' + num(f.score, 1));
    if (p.k === 'unfit') parts.push(title('kinds') + ' ' + label('kinds', f.kinds, 'unfit_for_supply'));
    if (p.k === 'lowEff') parts.push(label('reason', f.reason, 'low_efficiency'));
    if (LAYER_OF[p.k] === 'idle' && !f.idle_cause) parts.push(EN ? 'cause not recorded: pending determination' : '闲置原因待认定');
    if (f.due_date) {  // the plot's work plan, and whether it is past its date
      parts.push([f.measure, f.responsible, f.leader].filter(function (v) { return v; }).map(esc).join(' · ') +
        '<br>' + esc(title('due_date')) + ' ' + esc(f.due_date) +
        (f.due_date < M.as_of ? ' <b class="below">' + esc(t('overdue')) + '</b>' : ''));
    }
    return parts.join('<br>');
  }

  // A town's plots, most urgent first: lapsed, recover, fee, negotiate, warnings by days left.
  function urgent(town) {
    return D.plots.filter(function (p) { return p.t === town; }).sort(function (a, b) {
      var d = KINDS[a.k].order - KINDS[b.k].order;
      if (d) return d;
      if (a.k === 'warn') return a.days - b.days;
      return (b.ha || 0) - (a.ha || 0);
    });
  }

  // rows first..first+plots.length-1 of a town's list, numbered as on its map
  function plotTable(plots, first) {
    var head = '<tr><th>#</th><th>' + [t('kind'), t('id'), t('area'), t('mu'), t('dates'), t('basis')].map(esc).join('</th><th>') + '</th></tr>';
    var body = plots.map(function (p, i) {
      return '<tr><td>' + ((first || 0) + i + 1) + '</td><td><i class="sw" style="background:' +
        KINDS[p.k].color + '"></i>' + esc(kindName(p.k)) + '</td><td>' + esc(p.id) + '</td><td class="n">' + num(p.ha, 2) +
        '</td><td class="n">' + num(p.ha * 15, 1) + '</td><td class="dates">' + plotDates(p) + '</td><td class="basis">' +
        esc(p.b || '') + '</td></tr>';
    }).join('');
    var table = el('table', 'plots', '<thead>' + head + '</thead><tbody>' + body + '</tbody>');
    return table;
  }

  return { D: D, M: M, EN: EN, t: t, title: title, esc: esc, num: num, pct: pct, el: el, EFF: EFF, KINDS: KINDS,
    kindName: kindName, makeMap: makeMap, urgent: urgent, plotTable: plotTable, completionColor: completionColor,
    label: label, haMu: haMu };
})();
