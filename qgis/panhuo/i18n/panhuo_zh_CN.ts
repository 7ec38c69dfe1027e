<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>panhuo</name>
    <message>
        <source>Stock land scan</source>
        <translation>存量土地扫描</translation>
    </message>
    <message>
        <source>Every determination at the as-of date: approved land not supplied (批而未供) and lapsed approvals, idle land (闲置土地) with its action (recover, fee, negotiate), early warnings of the coming days, the towns&apos; yearly figures and ranking, and the per-mu efficiency classes of enterprises. The result layers open styled, in one group. Runs the panhuo engine (&apos;panhuo scan&apos;).</source>
        <translation>截至认定日期的全部认定：批而未供与失效批次、闲置土地及其处置方式（无偿收回、征收闲置费、协商处置）、此后若干天内的预警、各乡镇的年度指标与排名、企业亩均效益分类。结果图层按保存的样式加载到同一个图层组中。调用盘活引擎（panhuo scan）。</translation>
    </message>
    <message>
        <source>Monthly bulletin</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <source>The monthly bulletin: for every month end from the first month to the last and every town, unsupplied and idle hectares, hectares revitalized so far in the year, completion of the year&apos;s target, and the early warnings after the month end. Only the month of each date counts. Runs &apos;panhuo timeline&apos;.</source>
        <translation>月度通报：从起始月到截止月的每个月末、每个乡镇的批而未供面积、闲置土地面积、年内累计盘活面积、年度目标完成率，以及月末之后的预警。日期只取其所在月份。调用 panhuo timeline。</translation>
    </message>
    <message>
        <source>Change between two dates</source>
        <translation>变化对比</translation>
    </message>
    <message>
        <source>What changed between two dates: approvals newly supplied (and by how much), idle land resolved, land newly idle, approvals newly lapsed. Runs &apos;panhuo compare&apos;.</source>
        <translation>两个日期之间的变化：新增供地的批次地块（及供地面积）、闲置处置完成、新增闲置、新增失效。调用 panhuo compare。</translation>
    </message>
    <message>
        <source>Scenario analysis</source>
        <translation>情景分析</translation>
    </message>
    <message>
        <source>Planners&apos; scenarios side by side: the village plots each scenario reclaims, the linkage quota and balance of every town, the development along the Yangtze before and after clearing riverside parcels. A scenario is a TOML file (see datasets/scenarios/README.md). Runs &apos;panhuo scenario&apos;.</source>
        <translation>多个规划情景并列对比：每个情景复垦的村庄地块、各乡镇的增减挂钩指标与平衡、腾退沿江宗地前后的长江岸线开发强度。每个情景是一个 TOML 文件（写法见 panhuo 的 datasets/scenarios/README.md）。调用 panhuo scenario。</translation>
    </message>
    <message>
        <source>As-of date</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>The date T at which every determination is made.</source>
        <translation>所有认定所依据的截止日期 T。</translation>
    </message>
    <message>
        <source>Smallest unsupplied area listed, ha (--min-unsupplied-ha)</source>
        <translation>列入批而未供的最小面积，公顷（--min-unsupplied-ha）</translation>
    </message>
    <message>
        <source>Built ratio from which a parcel has started (--start-ratio)</source>
        <translation>视为已动工的建设比例（--start-ratio）</translation>
    </message>
    <message>
        <source>Years of the supply-rate window (--window-years)</source>
        <translation>供地率统计年数（--window-years）</translation>
    </message>
    <message>
        <source>Year of the enterprise figures (--efficiency-year)</source>
        <translation>亩均评价年度（--efficiency-year）</translation>
    </message>
    <message>
        <source>Rank towns by (--rank-by)</source>
        <translation>乡镇排名依据（--rank-by）</translation>
    </message>
    <message>
        <source>First month</source>
        <translation>起始月份</translation>
    </message>
    <message>
        <source>Any day of the first month of the bulletin.</source>
        <translation>通报第一个月中的任意一天。</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>截止月份</translation>
    </message>
    <message>
        <source>Any day of the last month of the bulletin.</source>
        <translation>通报最后一个月中的任意一天。</translation>
    </message>
    <message>
        <source>First date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>The earlier date.</source>
        <translation>较早的日期。</translation>
    </message>
    <message>
        <source>Second date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>The later date, not before the first.</source>
        <translation>较晚的日期，不早于起始日期。</translation>
    </message>
    <message>
        <source>Scenario files (TOML)</source>
        <translation>情景文件（TOML）</translation>
    </message>
    <message>
        <source>The date at which the county is scanned.</source>
        <translation>扫描全县所依据的日期。</translation>
    </message>
    <message>
        <source>The last month is before the first</source>
        <translation>截止月份早于起始月份</translation>
    </message>
    <message>
        <source>The second date is before the first</source>
        <translation>截止日期早于起始日期</translation>
    </message>
    <message>
        <source>One or more scenario files; each gives its own result layers.</source>
        <translation>一个或多个情景文件；每个情景各有一组结果图层。</translation>
    </message>
    <message>
        <source>No scenario file given</source>
        <translation>未指定情景文件</translation>
    </message>
    <message>
        <source>Empty: 0.01 ha, or the parameter file&apos;s value.</source>
        <translation>留空：0.01 公顷，或参数文件中的值。</translation>
    </message>
    <message>
        <source>Empty: 0.01, or the parameter file&apos;s value.</source>
        <translation>留空：0.01，或参数文件中的值。</translation>
    </message>
    <message>
        <source>Empty: 5, or the parameter file&apos;s value.</source>
        <translation>留空：5 年，或参数文件中的值。</translation>
    </message>
    <message>
        <source>Empty: the as-of date&apos;s year.</source>
        <translation>留空：认定日期所在年度。</translation>
    </message>
    <message>
        <source>Engine default (completion, or the parameter file&apos;s)</source>
        <translation>引擎默认（完成率，或参数文件中的设置）</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>加权得分</translation>
    </message>
    <message>
        <source>towns: towns, sub-districts and development zones</source>
        <translation>towns 乡镇（镇、街道、开发区）</translation>
    </message>
    <message>
        <source>approvals: approved conversions and expropriations</source>
        <translation>approvals 报批地块（农转用、征收）</translation>
    </message>
    <message>
        <source>supplies: land supplied by grant or allocation</source>
        <translation>supplies 供地地块（出让、划拨）</translation>
    </message>
    <message>
        <source>construction: built-up footprints</source>
        <translation>construction 建设图斑</translation>
    </message>
    <message>
        <source>enterprises: yearly enterprise figures (table)</source>
        <translation>enterprises 企业亩均数据（表）</translation>
    </message>
    <message>
        <source>rural_plots: rural construction land</source>
        <translation>rural_plots 农村建设用地</translation>
    </message>
    <message>
        <source>river: the Yangtze mainline</source>
        <translation>river 长江干流</translation>
    </message>
    <message>
        <source>targets: yearly revitalization targets (table)</source>
        <translation>targets 年度盘活目标（表）</translation>
    </message>
    <message>
        <source>reserves: land in the government land reserve</source>
        <translation>reserves 收购储备地块</translation>
    </message>
    <message>
        <source>constraints: land where the plan permits no supply</source>
        <translation>constraints 规划管控范围</translation>
    </message>
    <message>
        <source>holder_groups: the enterprise group of each land holder (table)</source>
        <translation>holder_groups 企业集团名录（表）</translation>
    </message>
    <message>
        <source>plans: work plans of the listed plots (table)</source>
        <translation>plans 工作方案（表）</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>County data (GeoPackage or another GDAL file)</source>
        <translation>县域数据（GeoPackage 或其他 GDAL 可读文件）</translation>
    </message>
    <message>
        <source>Or: PostGIS database connection</source>
        <translation>或：PostGIS 数据库连接</translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation>数据库模式（schema）</translation>
    </message>
    <message>
        <source>Or: data source text (folder, connection string)</source>
        <translation>或：数据源（文件夹、连接串）</translation>
    </message>
    <message>
        <source>Chinese layer and field names, code values and units (--schema zh)</source>
        <translation>中文图层名、字段名、代码值与单位（--schema zh）</translation>
    </message>
    <message>
        <source>Field map (JSON, --field-map)</source>
        <translation>字段对照表（JSON，--field-map）</translation>
    </message>
    <message>
        <source>Text encoding of Shapefiles (--encoding)</source>
        <translation>Shapefile 文字编码（--encoding）</translation>
    </message>
    <message>
        <source>CRS of layers that carry none (--crs)</source>
        <translation>无坐标系图层采用的坐标系（--crs）</translation>
    </message>
    <message>
        <source>Go on when a required layer loses more than half of its features (--accept-rejects)</source>
        <translation>必需图层过半要素被剔除时仍继续（--accept-rejects）</translation>
    </message>
    <message>
        <source>Parameter file (TOML, --config)</source>
        <translation>参数文件（TOML，--config）</translation>
    </message>
    <message>
        <source>Early-warning horizon, days (--warn-days)</source>
        <translation>预警天数（--warn-days）</translation>
    </message>
    <message>
        <source>Worker threads (--threads, 0 = all cores)</source>
        <translation>线程数（--threads，0 = 全部核心）</translation>
    </message>
    <message>
        <source>Language of basis lines, ledger and report (--lang)</source>
        <translation>认定依据、台账与报告的语言（--lang）</translation>
    </message>
    <message>
        <source>Result (GeoPackage)</source>
        <translation>结果（GeoPackage）</translation>
    </message>
    <message>
        <source>Open the result layers, styled, when done</source>
        <translation>完成后按样式加载结果图层</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>One file holding the county&apos;s layers (towns, approvals, supplies, construction and, if there are any, enterprises, rural_plots, river, targets). Leave it empty when the data comes from a database or from the project&apos;s layers below.</source>
        <translation>包含全县各图层的一个文件（towns、approvals、supplies、construction，以及已有的 enterprises、rural_plots、river、targets）。数据来自数据库或下方工程图层时留空。</translation>
    </message>
    <message>
        <source>A PostgreSQL/PostGIS connection saved in QGIS (Browser panel); the layers are read from the schema below.</source>
        <translation>QGIS 中保存的 PostgreSQL/PostGIS 连接（浏览器面板）；图层从下面的模式中读取。</translation>
    </message>
    <message>
        <source>The schema holding the county&apos;s tables or views.</source>
        <translation>存放全县各表或视图的模式。</translation>
    </message>
    <message>
        <source>Read bureau data as it comes: layers such as 供地 and 报批地块, fields such as 电子监管号 and 约定开工时间, values such as 企业原因 and 工业用地, money in 元 or 万元.</source>
        <translation>按局里数据的原样读取：图层如“供地”“报批地块”，字段如“电子监管号”“约定开工时间”，代码值如“企业原因”“工业用地”，金额单位为元或万元。</translation>
    </message>
    <message>
        <source>List what lapses, goes idle or falls due for recovery in the next N days. Empty: 90, or the parameter file&apos;s value.</source>
        <translation>列出此后 N 天内将失效、将闲置或将到期无偿收回的地块。留空：90 天，或参数文件中的值。</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Written complete or not at all: the engine writes under a temporary name and the file appears under this name only when the run has succeeded. An existing file is replaced.</source>
        <translation>要么完整写出，要么不写：引擎先写到临时文件名，运行成功后才以此名称出现。已有的同名文件会被替换。</translation>
    </message>
    <message>
        <source>Ledger (Excel, --xlsx)</source>
        <translation>台账（Excel，--xlsx）</translation>
    </message>
    <message>
        <source>Report (HTML, --report)</source>
        <translation>报告（HTML，--report）</translation>
    </message>
    <message>
        <source>No result file given</source>
        <translation>未指定结果文件</translation>
    </message>
    <message>
        <source>Reading {}</source>
        <translation>读取 {}</translation>
    </message>
    <message>
        <source>Writing {}</source>
        <translation>写出 {}</translation>
    </message>
    <message>
        <source>Evaluating {} scenarios</source>
        <translation>评估 {} 个情景</translation>
    </message>
    <message>
        <source>Any source GDAL can open, as the engine takes it: a folder of Shapefiles, a FileGDB, &apos;PG:dbname=land schemas=county&apos; ...</source>
        <translation>GDAL 能打开的任意数据源，写法与引擎命令行相同：Shapefile 文件夹、FileGDB、“PG:dbname=land schemas=county”等。</translation>
    </message>
    <message>
        <source>Take this contract layer from a layer open in QGIS instead of the data above (the whole layer is used). Its field names must be the contract&apos;s, or the Chinese ones with the Chinese names option.</source>
        <translation>用 QGIS 中已打开的图层代替上面数据中的这一图层（使用整个图层）。字段名须为约定的英文名；勾选“中文图层名……”时也可为中文名。</translation>
    </message>
    <message>
        <source>The bureau&apos;s own layer and field names, e.g. {&quot;supplies&quot;: {&quot;layer&quot;: &quot;GDXX&quot;, &quot;fields&quot;: {&quot;supply_id&quot;: &quot;DKBH&quot;}}}</source>
        <translation>本局自己的图层名和字段名，例如 {&quot;supplies&quot;: {&quot;layer&quot;: &quot;GDXX&quot;, &quot;fields&quot;: {&quot;supply_id&quot;: &quot;DKBH&quot;}}}</translation>
    </message>
    <message>
        <source>E.g. CP936. Empty: the .cpg file, else the DBF&apos;s language byte, else UTF-8 or GB18030.</source>
        <translation>例如 CP936。留空：依次按 .cpg 文件、DBF 语言标志字节判断，否则按 UTF-8 或 GB18030 读取。</translation>
    </message>
    <message>
        <source>Every threshold of the rules (lapse years, idle years, fee rate, weights ...), keys as in the README.</source>
        <translation>规则中的各项阈值（失效年限、闲置年限、闲置费比例、权重等），键名见 README。</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>One sheet per list, Chinese headers, no geometry.</source>
        <translation>每个清单一张工作表，中文表头，不含图形。</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>One self-contained page to open in a browser or print.</source>
        <translation>一个独立的网页，可在浏览器中打开或打印。</translation>
    </message>
    <message>
        <source>No county data: choose a file, a database connection or the project&apos;s layers</source>
        <translation>没有县域数据：请选择文件、数据库连接或工程中的图层</translation>
    </message>
    <message>
        <source>panhuo stock land</source>
        <translation>盘活 存量土地</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written</source>
        <translation>已取消：未写出任何结果</translation>
    </message>
    <message>
        <source>Some determinations could not be made: see the layer &apos;undetermined&apos;</source>
        <translation>部分认定无法完成：见“未能认定”图层</translation>
    </message>
    <message>
        <source>the engine was interrupted</source>
        <translation>引擎被中断</translation>
    </message>
    <message>
        <source>No PostgreSQL connection named &apos;{}&apos;</source>
        <translation>没有名为“{}”的 PostgreSQL 连接</translation>
    </message>
    <message>
        <source>Project layer as {}</source>
        <translation>工程图层作为 {}</translation>
    </message>
    <message>
        <source>&apos;{}&apos; is not a date</source>
        <translation>“{}”不是日期</translation>
    </message>
    <message>
        <source>Exporting layer &apos;{}&apos; as {}</source>
        <translation>正在导出图层“{}”作为 {}</translation>
    </message>
    <message>
        <source>The panhuo engine was not found (&apos;{}&apos;): set its path under Settings → Options → Processing → Providers → {}, or put panhuo on the PATH</source>
        <translation>找不到盘活引擎（“{}”）：请在 设置 → 选项 → 处理 → 提供者 → {} 中设置引擎路径，或把 panhuo 放到 PATH 上</translation>
    </message>
    <message>
        <source>Done in {:.1f} s: {}</source>
        <translation>完成，用时 {:.1f} 秒：{}</translation>
    </message>
    <message>
        <source>the engine was ended by signal {}</source>
        <translation>引擎被信号 {} 终止</translation>
    </message>
    <message>
        <source>project layer &apos;{}&apos;</source>
        <translation>工程图层“{}”</translation>
    </message>
    <message>
        <source>Layer for &apos;{}&apos; could not be opened</source>
        <translation>作为 {} 的图层无法打开</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; could not be exported for the engine: {}</source>
        <translation>图层“{}”无法导出给引擎：{}</translation>
    </message>
    <message>
        <source>The run failed: {}</source>
        <translation>运行失败：{}</translation>
    </message>
    <message>
        <source>the engine failed (exit status {})</source>
        <translation>引擎运行失败（退出码 {}）</translation>
    </message>
    <message>
        <source>The engine ended without writing &apos;{}&apos;</source>
        <translation>引擎已结束，但没有写出“{}”</translation>
    </message>
    <message>
        <source>unsupplied</source>
        <translation>批而未供</translation>
    </message>
    <message>
        <source>supply_status</source>
        <translation>供地利用状况</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>闲置土地</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>towns</source>
        <translation>乡镇排名</translation>
    </message>
    <message>
        <source>efficiency</source>
        <translation>亩均效益</translation>
    </message>
    <message>
        <source>d_class_parcels</source>
        <translation>D类企业宗地</translation>
    </message>
    <message>
        <source>reserve_unsupplied</source>
        <translation>收购储备</translation>
    </message>
    <message>
        <source>unfit_for_supply</source>
        <translation>不具备供地条件</translation>
    </message>
    <message>
        <source>low_efficiency</source>
        <translation>低效用地</translation>
    </message>
    <message>
        <source>holders</source>
        <translation>企业集团供而未用</translation>
    </message>
    <message>
        <source>newly_reserved</source>
        <translation>新增储备</translation>
    </message>
    <message>
        <source>reserve_supplied</source>
        <translation>储备供应</translation>
    </message>
    <message>
        <source>newly_low_efficiency</source>
        <translation>新增低效用地</translation>
    </message>
    <message>
        <source>no_longer_low_efficiency</source>
        <translation>低效用地退出</translation>
    </message>
    <message>
        <source>plan_status</source>
        <translation>工作方案进度</translation>
    </message>
    <message>
        <source>rejects</source>
        <translation>剔除要素</translation>
    </message>
    <message>
        <source>undetermined</source>
        <translation>未能认定</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行信息</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <source>newly_supplied</source>
        <translation>新增供地</translation>
    </message>
    <message>
        <source>idle_resolved</source>
        <translation>闲置处置完成</translation>
    </message>
    <message>
        <source>newly_idle</source>
        <translation>新增闲置</translation>
    </message>
    <message>
        <source>newly_lapsed</source>
        <translation>新增失效</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>方案对比</translation>
    </message>
    <message>
        <source>scenarios</source>
        <translation>方案说明</translation>
    </message>
    <message>
        <source>plots</source>
        <translation>复垦地块</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>腾退宗地</translation>
    </message>
    <message>
        <source>riverside</source>
        <translation>沿江岸线</translation>
    </message>
    <message>
        <source>towns (linkage balance)</source>
        <translation>乡镇平衡</translation>
    </message>
    <message>
        <source>Opened {} layers of {}</source>
        <translation>已加载 {} 个图层，来自 {}</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: no stored style ({})</source>
        <translation>图层“{}”：没有保存的样式（{}）</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; of {} could not be opened</source>
        <translation>{1} 中的图层“{0}”无法打开</translation>
    </message>
    <message>
        <source>panhuo: stock construction land analysis</source>
        <translation>盘活：存量建设用地分析</translation>
    </message>
    <message>
        <source>panhuo engine executable (empty: panhuo on the PATH)</source>
        <translation>盘活引擎程序（留空：PATH 上的 panhuo）</translation>
    </message>
    <message>
        <source>Language of the dialogs (applies when a dialog is opened)</source>
        <translation>界面语言（下次打开对话框时生效）</translation>
    </message>
    <message>
        <source>Quarterly, half-year and annual review</source>
        <translation>季度分析与考核</translation>
    </message>
    <message>
        <source>The review of a calendar quarter, half or year (季度分析、半年小结、全年考核): the scan at the period&apos;s last day, what changed over it, each town&apos;s pace against its target and the towns behind it, the work plans due or overdue, and the hard plots (the longest listed, the largest, those with an overdue plan), with a summary paragraph in the style of a bulletin. Runs &apos;panhuo review&apos;.</source>
        <translation>自然季度、半年或全年的分析与考核（季度分析、半年小结、全年考核）：期末的全部认定、本期变化、各镇街对照年度目标的时序进度及落后镇街、本期到期或逾期的工作方案、重点难点地块（列入时间最长、面积最大、方案逾期），并生成通报式摘要。调用盘活引擎（panhuo review）。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核期</translation>
    </message>
    <message>
        <source>First quarter</source>
        <translation>第一季度</translation>
    </message>
    <message>
        <source>Second quarter</source>
        <translation>第二季度</translation>
    </message>
    <message>
        <source>Third quarter</source>
        <translation>第三季度</translation>
    </message>
    <message>
        <source>Fourth quarter</source>
        <translation>第四季度</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>上半年</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>下半年</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Hard plots: how many of the longest listed and of the largest (--hard-n)</source>
        <translation>重点难点地块：列入时间最长与面积最大的各取几宗（--hard-n）</translation>
    </message>
</context>
</TS>
