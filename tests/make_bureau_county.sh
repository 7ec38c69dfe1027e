#!/usr/bin/env bash
# Makes a bureau-shaped copy of a county GeoPackage (datasets/sample_county.gpkg): the same
# features under the Chinese names of docs/data.md (section 4), as county land bureaus hand them
# over. Needs ogr2ogr (gdal-bin) and python3 only.
#
#   tests/make_bureau_county.sh SOURCE.gpkg OUT_DIR
#
# OUT_DIR/ldid/   Shapefiles in GBK, no .cpg, the DBF's language driver byte set to 0x4D (CP936)
# OUT_DIR/plain/  the same without the language driver byte: only the content tells the encoding
#   行政区 报批地块 供地 建设图斑 农村建设用地 储备地块 规划管控 (EPSG:4528, CGCS2000 3-degree
#   zone 40), and the tables 亩均评价, 目标任务, 企业集团 and 工作方案 as bare DBFs. Long field names are cut to 10 bytes by the DBF
#   (合同签订日期 -> 合同签订日); dates as text in four forms (2019年3月1日, 20190301, 2019.03.01,
#   2019/3/1); code values in Chinese (出让, 工业用地, 企业原因, 是/否); prices as text with
#   their unit (75.29万元, 752900元); a field nothing reads (行政区.序号).
# OUT_DIR/长江.geojson      the river, in EPSG:4490 (geographic CGCS2000)
# OUT_DIR/county.gdb        every layer but the river in a FileGDB, Chinese layer and field names
# OUT_DIR/亩均评价.xlsx     enterprises as a spreadsheet, the tax in yuan (税收(元))
# OUT_DIR/目标任务.csv      targets as CSV in GBK, the target in mu (目标任务(亩))
set -euo pipefail
src="$1"
out="$2"
rm -rf "$out"
mkdir -p "$out/ldid" "$out/plain"

# A date column as text in one of four forms, by fid; anything not YYYY-MM-DD as it is.
date_text() {
  local c="$1"
  echo "CASE WHEN length($c) <> 10 THEN $c
    WHEN fid % 4 = 0 THEN CAST(substr($c,1,4) AS INT) || '年' || CAST(substr($c,6,2) AS INT) || '月' || CAST(substr($c,9,2) AS INT) || '日'
    WHEN fid % 4 = 1 THEN substr($c,1,4) || substr($c,6,2) || substr($c,9,2)
    WHEN fid % 4 = 2 THEN substr($c,1,4) || '.' || substr($c,6,2) || '.' || substr($c,9,2)
    ELSE CAST(substr($c,1,4) AS INT) || '/' || CAST(substr($c,6,2) AS INT) || '/' || CAST(substr($c,9,2) AS INT) END"
}

declare -A sql names
names[towns]=行政区
sql[towns]="SELECT geom, 'T' || fid AS 序号, town_code AS 行政区代码, town_name AS 行政区名称,
  CASE kind WHEN 'town' THEN '镇' WHEN 'street' THEN '街道' WHEN 'zone' THEN '开发区' ELSE kind END AS 类型 FROM towns"
names[approvals]=报批地块
sql[approvals]="SELECT geom, approval_id AS 地块编号, batch_no AS 批准文号, $(date_text approval_date) AS 批准日期,
  CASE kind WHEN 'conversion' THEN '农用地转用' WHEN 'expropriation' THEN '土地征收' ELSE kind END AS 报批类型
  FROM approvals"
names[supplies]=供地
sql[supplies]="SELECT geom, supply_id AS 电子监管号, $(date_text supply_date) AS 合同签订日期,
  CASE mode WHEN 'grant' THEN CASE WHEN fid % 2 = 0 THEN '出让' ELSE '挂牌出让' END
            WHEN 'allocation' THEN '划拨' ELSE mode END AS 供地方式,
  CASE land_use WHEN '0601' THEN '工业用地' WHEN '0602' THEN '采矿用地' WHEN '0604' THEN '仓储用地'
    WHEN '0701' THEN '城镇住宅用地' WHEN '0702' THEN '农村宅基地' WHEN '0801' THEN '机关团体用地'
    WHEN '0809' THEN '公用设施用地' ELSE land_use END AS 土地用途,
  $(date_text agreed_start) AS 约定开工时间,
  CASE WHEN price_wan IS NULL THEN NULL WHEN fid % 2 = 0 THEN CAST(price_wan AS TEXT) || '万元'
       ELSE CAST(round(price_wan * 10000, 4) AS TEXT) || '元' END AS 成交价格,
  holder AS 土地使用权人,
  CASE idle_cause WHEN 'enterprise' THEN '企业原因' WHEN 'government' THEN '政府原因'
    WHEN 'force_majeure' THEN '不可抗力' WHEN 'mixed' THEN '混合原因'
    ELSE coalesce(idle_cause, CASE WHEN fid % 3 = 0 THEN '无' END) END AS 闲置原因
  FROM supplies"
names[construction]=建设图斑
sql[construction]="SELECT geom, obs_id AS 图斑编号, $(date_text observed_date) AS 监测日期 FROM construction"
names[rural_plots]=农村建设用地
sql[rural_plots]="SELECT geom, plot_id AS 地块编号, village AS 村名,
  CASE kind WHEN 'homestead' THEN '宅基地' WHEN 'vacant' THEN '村内空闲地' WHEN 'unused' THEN '零星未利用地' ELSE kind END AS 类型,
  CASE retained WHEN 1 THEN '是' WHEN 0 THEN '否' END AS 是否保留村庄,
  CASE idle WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END AS 是否闲置 FROM rural_plots"
names[enterprises]=亩均评价
sql[enterprises]="SELECT enterprise_id AS 统一社会信用代码, supply_id AS 电子监管号, year AS 年度,
  TAX, sales_wan AS 销售收入, value_added_wan AS 工业增加值, energy_tce AS 综合能耗,
  emission_t AS 排放量, rnd_wan AS 研发经费, employees AS 从业人数 FROM enterprises"
# a DBF keeps no parentheses in a field name: the unit goes with the spreadsheet
enterprises_dbf="${sql[enterprises]/TAX/tax_wan AS 税收}"
enterprises_xlsx="${sql[enterprises]/TAX/tax_wan * 10000 AS \"税收(元)\"}"
sql[enterprises]="$enterprises_dbf"
names[targets]=目标任务
sql[targets]="SELECT town_code AS 行政区代码, year AS 年度, target_ha AS 目标任务 FROM targets"
names[reserves]=储备地块
sql[reserves]="SELECT geom, reserve_id AS 储备编号, $(date_text acquired_date) AS 收储日期,
  CASE kind WHEN 'purchase' THEN '收购' WHEN 'recovered' THEN '依法收回' ELSE kind END AS 收储方式 FROM reserves"
names[constraints]=规划管控
sql[constraints]="SELECT geom, constraint_id AS 标识码,
  CASE kind WHEN 'ecological_redline' THEN '生态保护红线' WHEN 'basic_farmland' THEN '永久基本农田'
    WHEN 'flood_control' THEN '行洪区' ELSE kind END AS 管控类型, name AS 名称 FROM constraints"
names[holder_groups]=企业集团
sql[holder_groups]="SELECT holder AS 土地使用权人, group_name AS 所属集团 FROM holder_groups"
# v3: the work plans, dates as text like the others
names[plans]=工作方案
sql[plans]="SELECT feature_id AS 地块编号, measure AS 处置措施, responsible AS 责任单位, leader AS 挂钩领导,
  $(date_text due_date) AS 计划完成时间 FROM plans"

layers="towns approvals supplies construction rural_plots enterprises targets reserves constraints holder_groups plans"

for layer in $layers; do
  ogr2ogr -q -f "ESRI Shapefile" -lco ENCODING=CP936 -t_srs EPSG:4528 -nln "${names[$layer]}" \
    -sql "${sql[$layer]}" "$out/plain" "$src" 2>/dev/null
done
rm -f "$out"/plain/*.cpg
cp "$out"/plain/* "$out/ldid/"
# byte 29 of a DBF header is its language driver id; 0x4D: CP936
python3 - "$out"/ldid/*.dbf <<'EOF'
import sys
for path in sys.argv[1:]:
    with open(path, "r+b") as f:
        f.seek(29)
        f.write(b"\x4d")
EOF

ogr2ogr -q -f GeoJSON -t_srs EPSG:4490 -lco COORDINATE_PRECISION=12 -nln 长江 \
  -sql "SELECT geom, name AS 名称 FROM river" "$out/长江.geojson" "$src"

# FileGDB: every layer but the river (lines and polygons: the GeoJSON has it), in EPSG:4528
gdb="$out/county.gdb"
for layer in $layers; do
  nlt=MULTIPOLYGON
  case $layer in enterprises | targets | holder_groups | plans) nlt=NONE ;; esac
  ogr2ogr -q -f OpenFileGDB -t_srs EPSG:4528 -nlt $nlt -nln "${names[$layer]}" -sql "${sql[$layer]}" \
    $([ -d "$gdb" ] && echo -update) "$gdb" "$src"
done

ogr2ogr -q -f XLSX -nln 亩均 "$out/亩均评价.xlsx" "$src" -sql "$enterprises_xlsx"
ogr2ogr -q -f CSV "$out/目标任务.csv" "$src" \
  -sql "SELECT town_code AS 行政区代码, year AS 年度, target_ha * 15 AS \"目标任务(亩)\" FROM targets"
# saved from a Chinese Excel: GBK, header and all
python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[1], "w", encoding="gbk", newline="").write(t)' \
  "$out/目标任务.csv"
