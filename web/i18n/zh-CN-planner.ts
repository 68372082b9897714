import type { Messages } from './messages.ts'

/** The planner's strings: they load with the planner, not with the finder. */
export const zhCNPlanner: Messages['planner'] = {
  title: '站点覆盖规划',
  controls: '覆盖参数',
  radius: '服务半径',
  walk: '步行15分钟',
  ebike: '电动车15分钟',
  custom: '自定义',
  customLabel: '自定义半径（米）',
  customInvalid: (a, b) => `请输入 ${a}–${b.toLocaleString('zh-CN')} 米之间的整数`,
  apply: '应用',
  metres: (m) => `${m.toLocaleString('zh-CN')} 米`,
  layer: '设施',
  layers: { stations: '驿站', classes: '爱心托班' },
  metric: '指标',
  metrics: {
    coveredPct: '覆盖率（%）',
    uncoveredKm2: '未覆盖面积（km²）',
    perTenThousand: '每万人数量',
    per100Km2: '每百平方公里数量',
    count: '数量',
    areaKm2: '面积（km²）',
  },
  export: '导出',
  exportCsv: 'CSV 表格',
  exportGeojson: 'GeoJSON',
  printReport: '打印区县报告',
  note: {
    sample:
      '示例数据：站点和托班为程序生成的演示数据，下列数字仅用于说明计算方法，不代表真实覆盖情况。',
    population: '人口覆盖率暂缺：没有可用的人口分布栅格，因此显示为“—”，而非估算。',
    method: (r, layer) => {
      const what = layer === 'stations' ? '在用站点' : '爱心托班'
      const near = layer === 'stations' ? '站点' : '托班'
      return `覆盖率 = 县域陆地中，距至少一个${what}直线（椭球大地线）${r}以内部分的面积占比；按 H3 六边形网格计算，经与精确几何比对，误差不超过 0.25 个百分点或覆盖面积的 3%（取较大者）。相邻县的${near}也计入覆盖。城市和全省为面积加权合计。`
    },
  },
  loadingReport: '正在计算各区县覆盖率…',
  loadingSlow: '首次使用小于约 970 米的半径时需要先建立细网格，耗时较长。',
  reportError: '覆盖率数据加载失败。',
  retry: '重试',
  legend: {
    title: '图例',
    quantile: (n) => `五分位分级（${n} 档，每档区县数大致相同），颜色越深数值越大`,
    noData: '无数据',
    counties: (n) => `${n} 个`,
  },
  table: {
    caption: '各区县覆盖情况（含地级市小计和全省合计）',
    name: '区县',
    columns: {
      count: '数量',
      perTenThousand: '每万人',
      per100Km2: '每百km²',
      coveredPct: '覆盖率 %',
      uncoveredKm2: '未覆盖 km²',
      areaKm2: '面积 km²',
    },
    populationCoveredPct: '人口覆盖 %',
    popUnavailable: '暂缺：没有人口分布栅格，无法计算',
    province: '浙江省合计',
    grouped: '按地级市分组',
    sortHint: '点击列标题排序',
  },
  chart: {
    title: (m) => `各区县${m}（从高到低）`,
    province: '全省',
    loading: '正在加载图表…',
    error: '图表加载失败。',
    hint: '点击柱子查看该区县',
  },
  county: {
    back: '返回全省',
    report: '区县报告',
    population: '常住人口（2020）',
    area: '面积',
    covered: '已覆盖',
    gaps: (n, km2) => `${n} 处未覆盖区域，共 ${km2} km²`,
    gapsLoading: '正在计算未覆盖区域…',
    gapsError: '未覆盖区域加载失败。',
    points: (n, layer) =>
      `地图显示 ${n} 个${layer === 'stations' ? '驿站' : '爱心托班'}及其服务半径（含县界外附近的）`,
    pointsLoading: '正在加载站点…',
    pointsError: '站点加载失败。',
    suggestions: '建议新增站点',
    suggestionsHint: '贪心最大覆盖：依次选出能新增覆盖面积最多的位置。',
    suggestionsLoading: '正在计算建议位置…',
    suggestionsError: '建议位置加载失败。',
    none: '已全部覆盖，无需新增。',
    rank: '序号',
    added: '新增覆盖 km²',
    resulting: '建成后覆盖率',
    place: '位置',
    zoomError: '区县边界范围加载失败，无法缩放地图。',
  },
  map: {
    label: '区县覆盖地图',
    uncovered: '未覆盖区域',
    circles: (r) => `服务半径 ${r}`,
    points: (layer) => (layer === 'stations' ? '现有站点' : '现有托班'),
    suggested: '建议位置',
    computing: '正在计算…',
  },
  print: {
    title: (n, layer) => `${n}${layer === 'stations' ? '站点' : '爱心托班'}覆盖报告`,
    date: (d) => `生成日期：${d}`,
    snapshot: '地图截图',
  },
  // planner-ux
  time: {
    label: '时间',
    any: '任何时间',
    weekday: '工作日',
    weekend: '周末',
    hour: '时刻',
    at: (day, time) => `${day === 'weekday' ? '工作日' : '周末'} ${time}`,
    counts: (when, layer) =>
      when === null
        ? `不论开放时间，计入所有${layer === 'stations' ? '在用站点' : '爱心托班'}`
        : `只计入${when} ${layer === 'stations' ? '开放的站点（营业时间不明的不计）' : '正在开班的爱心托班'}`,
    mapPoints: (layer) =>
      layer === 'stations' ? '现有站点（含此时未开放的）' : '现有托班（含此时未开班的）',
  },
  figuresFor: (r, l, t) => `以下数字：服务半径 ${r} · ${l} · ${t}`,
  computingFor: (r, l, t) => `正在计算 ${r} · ${l} · ${t}的数字，下方仍是上一组`,
  elapsed: (s) => `已用 ${s} 秒`,
  busy: (s) => `服务器正忙，${s} 秒后自动重试`,
  worstFirst: '覆盖最差优先',
  filter: {
    hint: '点击图例中的分级，表格只列该级区县',
    showing: (range, n) => `只列出 ${range} 的 ${n} 个区县`,
    showAll: '显示全部',
  },
  site: {
    name: (rank) => `建议站点 ${rank}`,
    nearest: (name, compass, d) => `${name} ${compass} ${d}`,
    noNearest: (layer) => (layer === 'stations' ? '附近没有现有站点' : '附近没有现有托班'),
    openIn: '在地图应用中打开',
    lonLat: '经度, 纬度',
  },
}
