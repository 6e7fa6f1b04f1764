"""A hand-written evaluation set of dated obligations, by phrasing (issue 10).

Not a corpus of real documents: each case is a sentence or short passage written for this set in the way
实施方案, 行动计划, 办法 and their English translations are worded, none copied from the seeds or from the
reserved evaluation repositories. The expected facts were written by hand when the case was written, never
copied from the extractor's output.

Each case: (category, issue year or None, text, expected), expected being a list of
(kind, due date, quantity, unit): kind "t" (target, a quantity by a date) or "m" (milestone, no number).
An empty list means: nothing here is a dated obligation (precision cases).
"""

CASES = [
    # --- milestones: Chinese deadline forms ------------------------------------------------------------------
    ("milestone", 2023, "2023年底前完成全市公共数据目录编制工作。", [("m", "2023-12-31", None, None)]),
    ("milestone", 2024, "2024年6月底前建成全市统一的企业服务云平台。", [("m", "2024-06-30", None, None)]),
    ("milestone", 2024, "年底前出台本区老旧小区改造实施细则。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2024, "各区于6月底前报送工作方案。", [("m", "2024-06-30", None, None)]),
    ("milestone", 2024, "上半年启动第一批试点项目遴选。", [("m", "2024-06-30", None, None)]),
    ("milestone", 2024, "三季度完成平台功能测试并投入试运行。", [("m", "2024-09-30", None, None)]),
    ("milestone", 2025, "年内实现“一网通办”移动端全覆盖。", [("m", "2025-12-31", None, None)]),
    ("milestone", 2023, "2024年3月31日前完成存量数据清洗和迁移。", [("m", "2024-03-31", None, None)]),
    ("milestone", 2023, "力争2024年底前实现区级医疗机构检查检验结果互认。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2024, "2025年第一季度完成项目竣工验收。", [("m", "2025-03-31", None, None)]),
    ("milestone", 2024, "2024年9月底前，各区完成辖区内自建房安全隐患排查。", [("m", "2024-09-30", None, None)]),
    ("milestone", 2022, "2022年11月底前制定出台配套政策。", [("m", "2022-11-30", None, None)]),
    ("milestone", 2024, "2025年上半年建立跨部门数据共享机制。", [("m", "2025-06-30", None, None)]),
    ("milestone", 2024, "确保2024年12月31日前全面完成整改。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2023, "四季度开展全面评估，形成评估报告。", [("m", "2023-12-31", None, None)]),
    ("milestone", 2023, "2023年10月底前印发实施。", [("m", "2023-10-31", None, None)]),
    ("milestone", 2024, "到2027年，基本建成覆盖城乡的公共法律服务体系。", [("m", "2027-12-31", None, None)]),
    ("milestone", 2021, "到2035年，全面建成现代化综合交通体系。", [("m", "2035-12-31", None, None)]),
    ("milestone", 2024, "2025年年底前，完成全部老旧供水管网改造任务。", [("m", "2025-12-31", None, None)]),
    ("milestone", 2024, "争取于2026年6月底前建成投用。", [("m", "2026-06-30", None, None)]),
    ("milestone", 2023, "2024年二季度前完成系统上线。", [("m", "2024-06-30", None, None)]),
    ("milestone", 2024, "明年上半年完成全市首批示范街区创建。", [("m", "2025-06-30", None, None)]),
    ("milestone", 2022, "“十四五”期末，形成较为完善的政策制度体系。", [("m", "2025-12-31", None, None)]),
    # --- milestones: English -------------------------------------------------------------------------------
    ("milestone_en", 2024, "By the end of June 2024, complete the inventory of public data resources.", [("m", "2024-06-30", None, None)]),
    ("milestone_en", 2024, "By the end of 2024, establish a unified platform for enterprise services.", [("m", "2024-12-31", None, None)]),
    ("milestone_en", 2023, "The implementation rules shall be issued before the end of the third quarter of 2023.", [("m", "2023-09-30", None, None)]),
    # Numbers written in words are read since issue 11: "in five districts" is a count, as 在5个区开展试点 is.
    ("milestone_en", 2024, "By the first half of 2025, launch the pilot program in five districts.", [("t", "2025-06-30", 5, "districts")]),
    ("milestone_en", 2023, "A cross-departmental coordination mechanism will be set up by December 2023.", [("m", "2023-12-31", None, None)]),
    ("milestone_en", 2024, "By 2027, the city will have basically formed a modern public cultural service system.", [("m", "2027-12-31", None, None)]),
    # --- targets with periods, plans and horizons ----------------------------------------------------------
    ("period", 2023, "2023-2025年，全市新增分布式光伏装机容量超过10万千瓦。", [("t", "2025-12-31", 100000, "千瓦")]),
    ("period", 2024, "2024—2026年，每年新增就业岗位不少于5万个。", [("t", "2026-12-31", 50000, "个")]),
    ("period", 2021, "“十四五”期间，全区累计改造老旧小区300个以上。", [("t", "2025-12-31", 300, "个")]),
    ("period", 2021, "十四五时期，新建公共充电桩2万个。", [("t", "2025-12-31", 20000, "个")]),
    ("period", 2023, "2023年至2025年，培育省级专精特新企业500家。", [("t", "2025-12-31", 500, "家")]),
    ("period", 2021, "到2035年，人均预期寿命达到82岁以上。", [("t", "2035-12-31", 82, "岁")]),
    ("period", 2021, "到2030年，非化石能源消费比重达到25%左右。", [("t", "2030-12-31", 25, "percent")]),
    ("period", 2022, "“十四五”末，全市养老机构护理型床位占比不低于60%。", [("t", "2025-12-31", 60, "percent")]),
    ("period", 2024, "During 2024-2026, no fewer than 300 smart factories will be built.", [("t", "2026-12-31", 300, "factories")]),
    ("period", 2021, "By the end of the 14th Five-Year Plan, the share of green buildings will exceed 70%.", [("t", "2025-12-31", 70, "percent")]),
    # --- several quantities in one sentence ----------------------------------------------------------------
    ("several", 2023, "到2025年，推出100项数字化转型典型场景、打造100个智能工厂、培育10家平台企业。",
     [("t", "2025-12-31", 100, "项"), ("t", "2025-12-31", 100, "个"), ("t", "2025-12-31", 10, "家")]),
    ("several", 2023, "到2025年，研发投入强度和规上工业企业研发机构覆盖率分别不低于4.5%和50%。",
     [("t", "2025-12-31", 4.5, "percent"), ("t", "2025-12-31", 50, "percent")]),
    ("several", 2024, "到2026年底，建成5G基站5万个，千兆光网覆盖家庭300万户。",
     [("t", "2026-12-31", 50000, "个"), ("t", "2026-12-31", 3000000, "户")]),
    ("several", 2023, "到2024年，新增绿地1000公顷、绿道200公里。",
     [("t", "2024-12-31", 1000, "公顷"), ("t", "2024-12-31", 200, "公里")]),
    ("several", 2022, "到2025年，全市数字经济核心产业增加值占GDP比重达到15%，数字化转型示范企业达到200家。",
     [("t", "2025-12-31", 15, "percent"), ("t", "2025-12-31", 200, "家")]),
    ("several", 2024, "By 2026, the city will build 20 industrial parks and cultivate 500 high-tech enterprises.",
     [("t", "2026-12-31", 20, "parks"), ("t", "2026-12-31", 500, "enterprises")]),
    # --- a year opening a paragraph governs its clauses -----------------------------------------------------
    ("paragraph", 2021, "到2022年，全市建成区公共充电桩平均服务半径小于1公里；新建住宅小区固定车位100%建设充电设施；基本形成布局合理的充电网络。",
     [("t", "2022-12-31", 1, "公里"), ("t", "2022-12-31", 100, "percent"), ("m", "2022-12-31", None, None)]),
    ("paragraph", 2023, "到2025年，主要目标是：\n（一）新增城镇就业30万人以上；\n（二）城镇调查失业率控制在5.5%以内；\n（三）建成一批高质量就业社区。",
     [("t", "2025-12-31", 300000, "人"), ("t", "2025-12-31", 5.5, "percent"), ("m", "2025-12-31", None, None)]),
    ("paragraph", 2023, "2024年，全市规上工业增加值同比增长6%，工业投资增长10%。",
     [("t", "2024-12-31", 6, "percent"), ("t", "2024-12-31", 10, "percent")]),
    ("paragraph", 2023, "至2026年，全区累计建成口袋公园50座。", [("t", "2026-12-31", 50, "座")]),
    ("paragraph", 2023, "截至2026年底，累计培育上市企业不少于30家。", [("t", "2026-12-31", 30, "家")]),
    ("paragraph", 2024, "力争到2027年，全市规模以上工业总产值突破5万亿元。", [("t", "2027-12-31", 5, "万亿元")]),
    ("paragraph", 2023, "2026年底前，各区至少建成1个示范性社区食堂。", [("t", "2026-12-31", 1, "个")]),
    # --- stage headings govern the items under them --------------------------------------------------------
    ("stage", 2024, "三、实施步骤\n（一）动员部署阶段（2024年6月底前）\n1.制定工作方案，明确责任分工。\n2.召开全市动员部署会。\n"
     "（二）建设及试运行阶段（2025年年底前）\n1.完成平台主体功能开发。\n2.在5个区开展试点应用。\n（三）总结评估阶段（2026年）\n全面总结工作成效，形成评估报告。",
     [("m", "2024-06-30", None, None), ("m", "2024-06-30", None, None), ("m", "2025-12-31", None, None),
      ("t", "2025-12-31", 5, "个"), ("m", "2026-12-31", None, None)]),
    ("stage", 2023, "第一阶段（2023年3月—2023年6月）：完成摸底调查，建立问题清单。\n第二阶段（2023年7月—12月）：集中开展整治，完成销号。",
     [("m", "2023-06-30", None, None), ("m", "2023-12-31", None, None)]),
    ("stage", 2024, "（一）2024年：完成30个村的人居环境整治。\n（二）2025年：完成剩余60个村整治，实现全覆盖。",
     [("t", "2024-12-31", 30, "个"), ("t", "2025-12-31", 60, "个")]),
    # --- precision: past facts, recurring duties, windows, caps and references --------------------------------
    ("precision", 2023, "2022年，全市已建成5G基站6.8万个。", []),
    ("precision", 2023, "截至目前，全区已累计完成改造项目120个。", []),
    ("precision", 2024, "截至2023年底，全市共有养老床位17万张。", []),
    ("precision", 2024, "各区应于每年6月底前报送上半年工作进展。", []),
    ("precision", 2024, "本办法自2024年3月1日起施行，有效期至2029年2月28日。", []),
    ("precision", 2024, "对新认定的企业，给予最高200万元的一次性奖励。", []),
    ("precision", 2024, "根据《上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定本方案。", []),
    ("precision", 2024, "在实施第一轮行动计划(2021-2023年)的基础上，制定本计划。", []),
    ("precision", 2024, "建设100个以上社区嵌入式服务设施。", []),
    ("precision", 2023, "2023年5月印发的《实施意见》明确了工作要求。", []),
    ("precision", 2024, "The Measures shall come into force on 1 March 2024 and remain valid until 28 February 2029.", []),
    ("precision", 2024, "In 2023, the city had already completed 120 renovation projects.", []),
    ("precision", 2024, "每季度末前，牵头单位汇总进展情况报市政府。", []),
    # --- bad dates are reported, not stored ----------------------------------------------------------------
    ("bad_date", 2024, "2025年13月底前完成验收。", []),
    # --- a second batch, written after the rules to test phrasings they were not written from -------------------
    ("milestone", 2024, "2025年前，完成全市燃气老化管道更新改造。", [("m", "2025-12-31", None, None)]),
    ("milestone", 2024, "2024年底，全面完成农村公路危桥改造。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2024, "计划于2025年建成投运。", [("m", "2025-12-31", None, None)]),
    ("milestone", 2024, "在2025年6月30日之前，完成全部历史档案数字化。", [("m", "2025-06-30", None, None)]),
    ("milestone", 2024, "今年底前，完成区级平台与市级平台对接。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2024, "明年底前实现市域内异地就医直接结算。", [("m", "2025-12-31", None, None)]),
    ("milestone", 2024, "12月底前，各街镇完成排查整治并报区城运中心备案。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2023, "力争用三年时间，到2026年实现社区卫生服务中心智能化改造全覆盖。", [("m", "2026-12-31", None, None)]),
    ("milestone", 2024, "市经济信息化委牵头，2024年8月底前出台专项支持政策（责任单位：市经济信息化委、市财政局）。", [("m", "2024-08-31", None, None)]),
    ("milestone", 2024, "于2024年10月15日前将自查报告报送市生态环境局。", [("m", "2024-10-15", None, None)]),
    ("milestone", 2022, "2022年年内启动，2023年6月底前全面完成。", [("m", "2022-12-31", None, None), ("m", "2023-06-30", None, None)]),
    ("milestone", 2024, "到2025年末，全面建立以信用为基础的新型监管机制。", [("m", "2025-12-31", None, None)]),
    ("milestone_en", 2024, "The municipal platform shall be put into operation no later than 30 June 2025.", [("m", "2025-06-30", None, None)]),
    ("milestone_en", 2024, "Complete the revision of the local standards by end-2025.", [("m", "2025-12-31", None, None)]),
    ("milestone_en", 2024, "All districts shall finish the survey within this year.", [("m", "2024-12-31", None, None)]),
    ("period", 2023, "到2025年，全市单位GDP能耗比2020年下降14%。", [("t", "2025-12-31", 14, "percent")]),
    ("period", 2024, "2024年至2026年期间，每年安排专项资金不少于5亿元。", [("t", "2026-12-31", 5, "亿元")]),
    ("period", 2021, "“十四五”时期，全市累计新增城镇就业250万人。", [("t", "2025-12-31", 2500000, "人")]),
    ("several", 2024, "到2027年，全市新能源汽车年产量达到120万辆、产值超过5000亿元。",
     [("t", "2027-12-31", 1200000, "辆"), ("t", "2027-12-31", 5000, "亿元")]),
    ("several", 2024, "到2026年，高新技术企业数量达到2.5万家，技术合同成交额突破5000亿元，每万人口高价值发明专利拥有量达到50件。",
     [("t", "2026-12-31", 25000, "家"), ("t", "2026-12-31", 5000, "亿元"), ("t", "2026-12-31", 50, "件")]),
    ("paragraph", 2024, "2025年，全市空气质量优良天数比率稳定在90%以上；2026年，PM2.5年均浓度控制在30微克/立方米以下。",
     [("t", "2025-12-31", 90, "percent"), ("t", "2026-12-31", 30, "微克/立方米")]),
    ("stage", 2024, "（一）试点先行阶段（2024年7月至12月）\n选择3个区开展试点，形成可复制经验。\n（二）全面推广阶段（2025年）\n在全市推广应用，实现全覆盖。",
     [("t", "2024-12-31", 3, "个"), ("m", "2025-12-31", None, None)]),
    ("precision", 2024, "自2021年以来，全市累计建成保障性租赁住房20万套。", []),
    ("precision", 2024, "2023年，全市规上工业总产值达到4.0万亿元。", []),
    ("precision", 2024, "申请人应当在收到通知之日起30日内提交材料。", []),
    ("precision", 2024, "项目建设期一般不超过3年。", []),
]

# A third batch written after the rules above and scored once before any rule was changed for it (the note
# for issue 10 gives that first score); later rule changes are measured on it too, so it drifts towards
# the rules like the others. Longer passages, mixed with prose, agencies and numbers that are not targets.
HELD_OUT = [
    ("passage", 2024, "（三）加快充电设施建设。2024年底前，在全市高速公路服务区实现快充站全覆盖；到2025年，全市累计建成公共充电桩20万个，"
     "车桩比达到2:1。（责任单位：市发展改革委、市交通委，各区政府）",
     [("m", "2024-12-31", None, None), ("t", "2025-12-31", 200000, "个")]),
    ("passage", 2023, "5.完善养老服务网络。2023年9月底前，各区完成社区养老服务设施布局规划编制。到2025年，每个街镇至少建有1家综合为老服务中心，"
     "护理型床位占比达到65%以上。",
     [("m", "2023-09-30", None, None), ("t", "2025-12-31", 1, "家"), ("t", "2025-12-31", 65, "percent")]),
    ("passage", 2024, "全面推行河湖长制，2024年年底前完成全部河湖划界工作，2025年6月底前建立河湖健康评价体系。",
     [("m", "2024-12-31", None, None), ("m", "2025-06-30", None, None)]),
    ("passage", 2022, "二、主要目标\n到2025年，全市生活垃圾回收利用率达到45%以上，原生生活垃圾零填埋，湿垃圾资源化利用率保持100%。"
     "到2035年，全面建成生活垃圾全程分类体系。",
     [("t", "2025-12-31", 45, "percent"), ("t", "2025-12-31", 100, "percent"), ("m", "2035-12-31", None, None)]),
    ("passage", 2024, "四、进度安排\n（一）准备阶段（2024年5月—6月）。各区制定实施方案，明确任务清单。\n"
     "（二）实施阶段（2024年7月—2025年6月）。全面推进改造，2024年底前完成不少于60%的改造任务。\n"
     "（三）验收阶段（2025年7月—9月）。组织开展考核验收。",
     [("m", "2024-06-30", None, None), ("m", "2025-06-30", None, None), ("t", "2024-12-31", 60, "percent"),
      ("m", "2025-09-30", None, None)]),
    ("passage", 2023, "到2027年，全市建成10个以上国家级先进制造业集群，制造业增加值占地区生产总值比重保持在25%以上。",
     [("t", "2027-12-31", 10, "个"), ("t", "2027-12-31", 25, "percent")]),
    ("passage", 2024, "2024年，全市新增公共租赁住房1.5万套；2025年，新增2万套。",
     [("t", "2024-12-31", 15000, "套"), ("t", "2025-12-31", 20000, "套")]),
    ("passage", 2023, "年内完成市级政务云平台扩容，三季度前实现与国家平台互联互通。",
     [("m", "2023-12-31", None, None), ("m", "2023-09-30", None, None)]),
    ("passage", 2023, "2022年，全市数字经济核心产业增加值已达到5000亿元。到2025年，力争突破8000亿元。",
     [("t", "2025-12-31", 8000, "亿元")]),
    ("passage", 2024, "各牵头部门要在2024年11月30日前将年度任务完成情况报市政府办公厅。",
     [("m", "2024-11-30", None, None)]),
    ("passage", 2024, "力争到2026年底，全市绿色建筑占新建建筑比例达到100%，装配式建筑占新建建筑比例不低于90%。",
     [("t", "2026-12-31", 100, "percent"), ("t", "2026-12-31", 90, "percent")]),
    ("passage", 2023, "按照“成熟一批、推进一批”的原则，2023年底前完成首批15个项目审批，2024年6月底前开工建设。",
     [("t", "2023-12-31", 15, "个"), ("m", "2024-06-30", None, None)]),
    ("passage", 2024, "对年度考核优秀的单位，给予通报表扬；连续两年考核不合格的，约谈主要负责人。", []),
    ("passage", 2024, "本方案有效期为2024年1月1日至2026年12月31日。", []),
    ("passage", 2024, "原《上海市促进会展业发展三年行动计划（2021-2023年）》同时废止。", []),
    ("passage", 2024, "截至2023年底，全市已建成各类充电桩近80万个，居全国前列。", []),
    ("passage_en", 2024, "By 2025, the city will have built 200,000 public charging points, and by the end of 2024 all expressway "
     "service areas will be covered by fast-charging stations.",
     [("t", "2025-12-31", 200000, "points"), ("m", "2024-12-31", None, None)]),
    ("passage_en", 2023, "Each district shall complete its layout plan for community elderly care facilities before September 30, 2023.",
     [("m", "2023-09-30", None, None)]),
    ("passage_en", 2024, "In 2023, the output of the digital economy reached 500 billion yuan.", []),
    ("passage_en", 2024, "Phase II (July 2024 to June 2025): advance the renovation in all districts.", [("m", "2025-06-30", None, None)]),
]

# Phrasings seen in real notices found while looking for a corpus (re-worded here, not copied).
HELD_OUT += [
    ("real_phrasing", 2014, "自2014年起，全面启动改革试点。2015年在重点领域取得实质性进展。2016年基本完成各项改革任务。",
     [("m", "2016-12-31", None, None)]),
    ("real_phrasing", 2018, "到2020年，城镇就业规模逐步扩大，就业质量稳步提升；城乡居民人均收入比2010年翻一番。",
     [("m", "2020-12-31", None, None)]),
    ("real_phrasing", 2016, "公布2016年版市政府部门权力清单。", []),
]

# A fourth batch, scored once as written before any rule changed for it (first score in the note).
HELD_OUT += [
    ("blind", 2024, "到2026年，全市数据要素市场规模达到1000亿元，数据交易所年交易额突破100亿元，培育数据商300家。",
     [("t", "2026-12-31", 1000, "亿元"), ("t", "2026-12-31", 100, "亿元"), ("t", "2026-12-31", 300, "家")]),
    ("blind", 2023, "（二）2023年10月底前，市住房城乡建设管理委会同市规划资源局制定城中村改造认定标准；2023年底前，各区完成改造项目排摸。",
     [("m", "2023-10-31", None, None), ("m", "2023-12-31", None, None)]),
    ("blind", 2024, "力争到2025年底，实现全市16个区“15分钟社区生活圈”全覆盖。",
     [("m", "2025-12-31", None, None)]),
    ("blind", 2024, "2024年9月1日起，全市新建住宅全面执行新标准。", []),
    ("blind", 2024, "2024年内，完成不少于50个老旧小区加装电梯。", [("t", "2024-12-31", 50, "个")]),
    ("blind", 2022, "到2025年，全市新能源汽车保有量超过100万辆，公共充电桩与新能源汽车比例力争达到1:3。",
     [("t", "2025-12-31", 1000000, "辆")]),
    ("blind", 2023, "各区政府要于2023年7月15日前制定本区实施方案并报市住房城乡建设管理委备案。",
     [("m", "2023-07-15", None, None)]),
    ("blind", 2024, "到“十五五”末，基本建成国际一流的营商环境。", [("m", "2030-12-31", None, None)]),
    ("blind", 2024, "2025年起，新建公共建筑全面执行绿色建筑二星级标准。", []),
    ("blind", 2023, "今后三年，每年新增公办幼儿园学位5000个。", []),
    ("blind", 2024, "截至2024年6月，全市已有2.3万家企业完成数字化诊断。", []),
    ("blind", 2024, "第二步，2025年至2027年，全面推广应用，形成一批可复制推广的经验。",
     [("m", "2027-12-31", None, None)]),
    ("blind_en", 2024, "By the end of 2025, the share of renewable energy in total energy consumption will reach 20%, "
     "and 50 zero-carbon demonstration parks will be built.",
     [("t", "2025-12-31", 20, "percent"), ("t", "2025-12-31", 50, "parks")]),
    ("blind_en", 2024, "Before 30 September 2024, each district shall submit its implementation plan.",
     [("m", "2024-09-30", None, None)]),
    ("blind_en", 2024, "From 1 January 2025, all new public buildings shall meet the two-star green building standard.", []),
]

# Issue 11: English numbers in words, and item numbers that are not counts. Written for this set, scored once
# before the rules for them were written (see the extract note).
CASES += [
    ("en_words", 2024, "By 2026, the province will build no fewer than fifteen provincial-level innovation centres.",
     [("t", "2026-12-31", 15, "centres")]),
    ("en_words", 2024, "By the end of 2025, cultivate two hundred specialised and sophisticated enterprises.",
     [("t", "2025-12-31", 200, "enterprises")]),
    ("en_words", 2024, "By 2027, the number of registered volunteers will exceed three million people.",
     [("t", "2027-12-31", 3000000, "people")]),
    ("en_words", 2023, "By 2025, forty-five key industrial chains will be covered by the chain-leader system.",
     [("t", "2025-12-31", 45, "chains")]),
    ("en_words", 2024, "Article 7 The municipal credit platform shall be upgraded by the end of September 2025.",
     [("m", "2025-09-30", None, None)]),
    ("en_words", 2024, "(3) By 2026, set up one-stop service centres for foreign-invested enterprises in all districts.",
     [("m", "2026-12-31", None, None)]),
    ("en_words", 2024, "By 2025, the Two Zones will complete the integration of their data platforms.",
     [("m", "2025-12-31", None, None)]),
    ("en_words", 2024, "Each of the three pilot zones may apply for a subsidy of up to five million yuan.", []),
    ("en_words", 2024, "From 2024 to 2026, the province will renovate no fewer than sixty county-level hospitals.",
     [("t", "2026-12-31", 60, "hospitals")]),
    ("en_words", 2024, "By 2027, the annual turnover of the digital trade platforms will reach RMB 300 billion.",
     [("t", "2027-12-31", 300000000000, "yuan")]),
]

# Whole documents (issue 10 items 4-6, issue 11): what each policy of the text must come out as. Written by
# hand for this set in the way notices, orders and English translations are worded; none copied from a seed.
# Each: (category, text, [policy]), a policy being a dict with title, doc_number, window (from, to), measures
# (their numbers as printed) and targets [(kind, due, quantity, unit)] as in CASES.
DOCUMENTS = [
    ("several_policies", """广西壮族自治区人民政府办公厅关于印发《广西加快发展银发经济实施方案》和《广西促进家政服务业提质扩容实施方案》的通知
桂政办发〔2024〕30号
各市、县人民政府，自治区人民政府各组成部门、各直属机构：
《广西加快发展银发经济实施方案》《广西促进家政服务业提质扩容实施方案》已经自治区人民政府同意，现印发给你们，请认真组织实施。
上述两个方案自印发之日起施行，有效期至2027年12月31日。
广西壮族自治区人民政府办公厅
2024年5月8日
广西加快发展银发经济实施方案
一、发展民生事业
1.扩大老年助餐服务。到2025年，建成社区老年食堂1000个。（责任单位：自治区民政厅）
2.拓展居家助老服务。（责任单位：自治区民政厅、自治区卫生健康委）
二、培育银发产业
3.发展老年用品制造。2025年6月底前发布老年用品推广目录。（责任单位：自治区工业和信息化厅）
广西促进家政服务业提质扩容实施方案
一、加强职业培训。到2026年，累计培训家政服务人员10万人次。（责任单位：自治区人力资源社会保障厅）
二、推进员工制家政企业发展。（责任单位：自治区商务厅）
""", [
        {"title": "广西加快发展银发经济实施方案", "doc_number": "桂政办发〔2024〕30号", "window": ("2024-05-08", "2027-12-31"),
         "measures": ["1.", "2.", "3."],
         "targets": [("t", "2025-12-31", 1000, "个"), ("m", "2025-06-30", None, None)]},
        {"title": "广西促进家政服务业提质扩容实施方案", "doc_number": "桂政办发〔2024〕30号", "window": ("2024-05-08", "2027-12-31"),
         "measures": ["一、", "二、"],
         "targets": [("t", "2026-12-31", 100000, "人次")]},
    ]),
    ("several_policies", """内蒙古自治区人民政府关于印发《内蒙古自治区工业园区高质量发展办法》等2个文件的通知
内政发〔2023〕19号
各盟行政公署、市人民政府，自治区各委、办、厅、局：
现将《内蒙古自治区工业园区高质量发展办法》等2个文件印发给你们，请结合实际认真贯彻落实。
附件：1.内蒙古自治区工业园区高质量发展办法
2.内蒙古自治区工业园区考核评价细则
内蒙古自治区人民政府
2023年9月1日
附件1
内蒙古自治区工业园区高质量发展办法
第一条 为推动工业园区高质量发展，制定本办法。
第二条 自治区工业和信息化厅负责全区工业园区的统筹指导。
第三条 本办法自2023年10月1日起施行，有效期5年。原《内蒙古自治区工业园区管理办法》（内政发〔2016〕7号）同时废止。
附件2
内蒙古自治区工业园区考核评价细则
第一条 为规范工业园区考核评价工作，制定本细则。
第二条 考核评价每年开展一次。
第三条 本细则自2023年10月1日起施行，有效期至2025年12月31日。
""", [
        {"title": "内蒙古自治区工业园区高质量发展办法", "doc_number": "内政发〔2023〕19号", "window": ("2023-10-01", "2028-09-30"),
         "measures": ["第一条", "第二条", "第三条"], "targets": [],
         "supersedes": [("内政发〔2016〕7号", "内蒙古自治区工业园区管理办法")]},
        {"title": "内蒙古自治区工业园区考核评价细则", "doc_number": "内政发〔2023〕19号", "window": ("2023-10-01", "2025-12-31"),
         "measures": ["第一条", "第二条", "第三条"], "targets": []},
    ]),
    ("order_number", """湖南省人民政府令
第318号
《湖南省农村供水条例实施办法》已经2024年2月27日省人民政府第29次常务会议通过，现予公布，自2024年5月1日起施行。
省长 毛伟明
2024年3月12日
湖南省农村供水条例实施办法
第一条 为保障农村供水安全，制定本办法。
第二条 县级人民政府负责本行政区域内农村供水工作。
第三条 本办法自2024年5月1日起施行。
""", [
        {"title": "湖南省农村供水条例实施办法", "doc_number": "湖南省人民政府令第318号", "window": ("2024-05-01", None),
         "measures": ["第一条", "第二条", "第三条"], "targets": []},
    ]),
    ("doc_number_forms", """陕西省支持秦创原创新驱动平台建设若干措施
陕政办发 [2024] 第 4 号
一、加大研发投入。到2025年，全社会研发投入强度达到2.5%。（责任单位：省科技厅、省财政厅）
二、集聚创新人才。（责任单位：省委人才办）
本措施自2024年3月1日起施行，有效期至2026年2月28日。
""", [
        {"title": "陕西省支持秦创原创新驱动平台建设若干措施", "doc_number": "陕政办发〔2024〕4号", "window": ("2024-03-01", "2026-02-28"),
         "measures": ["一、", "二、"], "targets": [("t", "2025-12-31", 2.5, "percent")]},
    ]),
    ("number_after_signature", """山西省促进农产品加工业发展三年行动方案（2024—2026年）
一、壮大加工主体。到2026年，培育农产品加工龙头企业500家。（责任单位：省农业农村厅）
二、建设加工园区。2024年底前认定首批省级农产品加工园区。（责任单位：省农业农村厅、省发展改革委）
山西省人民政府办公厅
2024年4月2日
晋政办发〔2024〕15号
""", [
        {"title": "山西省促进农产品加工业发展三年行动方案（2024—2026年）", "doc_number": "晋政办发〔2024〕15号",
         "window": ("2024-01-01", "2026-12-31"), "measures": ["一、", "二、"],
         "targets": [("t", "2026-12-31", 500, "家"), ("m", "2024-12-31", None, None)]},
    ]),
    ("measure_unit", """海南省推进医疗卫生服务能力提升行动方案
一、工作目标
到2025年，每千人口拥有执业（助理）医师达到3.2人。
二、重点任务
（一）加强医疗人才队伍建设
1.实施卫生人才引进计划。（责任单位：省卫生健康委、省人力资源社会保障厅）
2.加强基层医务人员培训。2024年底前完成全员轮训。（责任单位：省卫生健康委）
（二）提升基层服务能力
3.推进紧密型县域医共体建设。（责任单位：省卫生健康委）
三、保障措施
各市县要加强组织领导，确保各项任务落到实处。
附件：重点任务清单
1.人才引进计划，省卫生健康委，2025年底前
2.医务人员培训，省卫生健康委，2024年底前
""", [
        {"title": "海南省推进医疗卫生服务能力提升行动方案", "doc_number": None, "window": (None, None),
         "measures": ["1.", "2.", "3."],
         "targets": [("t", "2025-12-31", 3.2, "人"), ("m", "2024-12-31", None, None)]},
    ]),
    ("english_only", """Measures of Shenzhen Municipality for Supporting the Development of the Drone Industry
Shen Fu Ban Gui [2024] No. 6
Issued on: 10 June 2024
Article 1 These Measures are formulated to promote the development of the drone industry in the city.
Article 2 By 2026, the city will have no fewer than eight hundred drone enterprises above designated size.
Article 3 By the end of 2025, build fifty drone take-off and landing sites.
Responsible units: Municipal Transport Bureau, Municipal Development and Reform Commission
Article 4 A municipal low-altitude flight management platform shall be put into operation before 31 December 2024.
Article 5 Eligible enterprises may receive a one-off reward of up to 10 million yuan.
Article 6 These Measures shall come into force on 1 July 2024 and remain valid for three years.
""", [
        {"title": "Measures of Shenzhen Municipality for Supporting the Development of the Drone Industry",
         "doc_number": "Shen Fu Ban Gui [2024] No. 6", "window": ("2024-07-01", "2027-06-30"),
         "measures": [f"Article {n}" for n in range(1, 7)],
         "targets": [("t", "2026-12-31", 800, "enterprises"), ("t", "2025-12-31", 50, "sites"), ("m", "2024-12-31", None, None)]},
    ]),
    ("english_only", """Action Plan of Zhejiang Province for Promoting Digital Trade
I. Main Objectives
By 2027, the province's digital trade will exceed 1 trillion yuan.
II. Key Tasks
(1) Develop digital service exports. By the end of 2025, set up ten digital trade demonstration zones. (Lead unit: Provincial Department of Commerce; Supporting units: Provincial Development and Reform Commission)
(2) Strengthen cross-border data services. (Responsible unit: Cyberspace Administration of Zhejiang Province)
III. Safeguards
This Plan shall be valid for five years from the date of issuance.
General Office of the People's Government of Zhejiang Province
3 September 2024
""", [
        {"title": "Action Plan of Zhejiang Province for Promoting Digital Trade", "doc_number": None,
         "window": ("2024-09-03", "2029-09-02"), "measures": ["(1)", "(2)"],
         "targets": [("t", "2027-12-31", 1000000000000, "yuan"), ("t", "2025-12-31", 10, "zones")]},
    ]),
]

# Written after the rules for metadata blocks, notices with their own requirements, laws promulgated by order
# and compilations without a contents list.
DOCUMENTS += [
    ("metadata_block", """索引号：\t11440000006939801N/2024-00088\t分类：\t综合政务
发布机构：\t广东省人民政府办公厅\t成文日期：\t2024年05月20日
名　　称：\t广东省人民政府办公厅关于印发《广东省推动低空经济高质量发展行动方案（2024—2026年）》的通知
文　　号：\t粤府办〔2024〕6号\t发布日期：\t2024年05月27日
广东省推动低空经济高质量发展行动方案（2024—2026年）
一、推进低空基础设施建设。到2026年，建成通用机场20个以上。（责任单位：省发展改革委、省交通运输厅）
二、培育低空产业集群。（责任单位：省工业和信息化厅）
""", [
        {"title": "广东省推动低空经济高质量发展行动方案（2024—2026年）", "doc_number": "粤府办〔2024〕6号",
         "window": ("2024-01-01", "2026-12-31"), "measures": ["一、", "二、"], "targets": [("t", "2026-12-31", 20, "个")]},
    ]),
    ("notice_requirements", """安徽省人民政府关于印发《安徽省加快建设制造强省实施方案》的通知
皖政〔2024〕12号
各市、县人民政府，省政府各部门、各直属机构：
现将《安徽省加快建设制造强省实施方案》印发给你们，并就做好实施工作提出如下要求：
一、压实工作责任。各市要制定具体推进方案。
二、加强督查考核。省经济和信息化厅要定期调度。
本通知自印发之日起施行，有效期至2027年12月31日。
安徽省人民政府
2024年4月15日
安徽省加快建设制造强省实施方案
（一）培育先进制造业集群。到2027年，培育国家级先进制造业集群5个。（责任单位：省经济和信息化厅）
（二）推进智能化改造。2025年底前实现规上工业企业数字化转型全覆盖。（责任单位：省经济和信息化厅、省科技厅）
""", [
        {"title": "安徽省加快建设制造强省实施方案", "doc_number": "皖政〔2024〕12号", "window": ("2024-04-15", "2027-12-31"),
         "measures": ["（一）", "（二）"], "targets": [("t", "2027-12-31", 5, "个"), ("m", "2025-12-31", None, None)]},
    ]),
    ("order_number", """中华人民共和国主席令
第三十一号
《中华人民共和国学前教育法》已由中华人民共和国第十四届全国人民代表大会常务委员会第十二次会议于2024年11月8日通过，现予公布，自2025年6月1日起施行。
中华人民共和国主席 习近平
2024年11月8日
中华人民共和国学前教育法
第一章 总则
第一条 为了保障适龄儿童接受学前教育，制定本法。
第二条 在中华人民共和国境内实施学前教育，适用本法。
第二章 学前儿童
第三条 学前儿童享有生存、发展、受保护和参与的权利。
第四条 本法自2025年6月1日起施行。
""", [
        {"title": "中华人民共和国学前教育法", "doc_number": "中华人民共和国主席令第三十一号", "window": ("2025-06-01", None),
         "measures": ["第一条", "第二条", "第三条", "第四条"], "targets": []},
    ]),
    ("compilation_no_contents", """吉林省稳增长若干政策措施
一、加大项目投资。2024年6月底前开工建设重大项目100个。（责任单位：省发展改革委）
二、促进消费升级。（责任单位：省商务厅）
本政策措施自2024年1月1日起施行，有效期至2024年12月31日。
原《吉林省稳增长若干措施》（吉政发〔2022〕11号）同时废止。
吉林省中小企业纾困帮扶办法
第一条 为帮助中小企业纾困发展，制定本办法。
第二条 省工业和信息化厅负责组织实施。
第三条 本办法自2024年2月1日起施行，有效期2年。
""", [
        {"title": "吉林省稳增长若干政策措施", "doc_number": None, "window": ("2024-01-01", "2024-12-31"),
         "measures": ["一、", "二、"], "targets": [("t", "2024-06-30", 100, "个")],
         "supersedes": [("吉政发〔2022〕11号", "吉林省稳增长若干措施")]},
        {"title": "吉林省中小企业纾困帮扶办法", "doc_number": None, "window": ("2024-02-01", "2026-01-31"),
         "measures": ["第一条", "第二条", "第三条"], "targets": []},
    ]),
]

# After the English batch: 超70% is "more than 70%".
CASES += [
    ("several", 2025, "到2027年，新一代智能终端、智能体等应用普及率超80%，相关产业规模超过1万亿元。",
     [("t", "2027-12-31", 80, "percent"), ("t", "2027-12-31", 1, "万亿元")]),
]

# A section about one year (found reading government work reports): what it counts is due that year.
CASES += [
    ("year_section", 2026, "二、2026年重点任务\n主要预期目标是：全市地区生产总值增长5.5%左右，城镇新增就业12万人以上。\n（一）扩大内需\n推进消费提质扩容，新增文旅消费新场景30个。",
     [("t", "2026-12-31", 5.5, "percent"), ("t", "2026-12-31", 120000, "人"), ("t", "2026-12-31", 30, "个")]),
    ("year_section", 2026, "三、2026年工作安排\n（一）推动产业升级\n办好第五届数字经济大会，深化产业链协同。", []),
]

# Schedules in notices (admissions, applications): the step due by its date.
CASES += [
    ("milestone", 2026, "各幼儿园应于5月10日前将招生计划报区教育局审核。", [("m", "2026-05-10", None, None)]),
]

# Dates that say which acts a rule covers, and a plan period that is the subject of its sentence (from reading
# judicial interpretations and work reports): not deadlines.
CASES += [
    ("precision", 2024, "对于2024年3月1日以前实施的行为，适用修正前的规定。", []),
    ("precision", 2024, "但行为连续或者继续到2024年3月1日以后的，适用修正后的规定。", []),
    ("precision", 2026, "“十五五”时期是基本实现现代化夯实基础、全面发力的关键时期。", []),
    ("precision", 2026, "“十五五”时期经济社会发展的主要目标是：创新能力大幅提高，改革开放全面深化。", []),
]

# A starting figure (从380元提高至1000元) and a framework's name (“1+2+4”) are not targets.
CASES += [
    ("precision", 2026, "到2026年，城乡居民基础养老金最低标准从每人每月200元提高至260元。", [("t", "2026-12-31", 260, "元")]),
    ("precision", 2026, "到2026年，构建“1+3+N”产业政策体系。", [("m", "2026-12-31", None, None)]),
]

# Schedules (admissions, applications): each step is due on its last day; durations are not targets.
CASES += [
    ("milestone", 2026, "现场确认时间为7月1日至7月3日，逾期视为放弃。", [("m", "2026-07-03", None, None)]),
    ("milestone", 2026, "区教育局于8月15日前发出录取通知书，学校须在5个工作日内完成注册。", [("m", "2026-08-15", None, None)]),
]

# Added with the second milestone round (extract2); sentences written by hand the way notices word them.
# A day opening a step of a schedule (7月2日，…), a step whatever it counts or however its act is worded, Chinese
# numeral years, a span of months, and what is not a deadline (an issuing told, a condition, a plan period's goals).
CASES += [
    ("schedule", 2026, "7月10日，区教育局在门户网站公布录取名单。", [("m", "2026-07-10", None, None)]),
    ("schedule", 2026, "7月12日9:00，录取学生持录取通知书到学校报到。", [("m", "2026-07-12", None, None)]),
    ("schedule", 2026, "8月3日10：00—8月6日17:00，申请人登录申请系统填报1至3个志愿。", [("m", "2026-08-06", None, None)]),
    ("schedule", 2025, "申请家庭可在2025年9月1日至9月5日内登录服务平台上传申请材料。", [("m", "2025-09-05", None, None)]),
    ("schedule", 2025, "受理时间：2025年10月8日至10月17日。", [("m", "2025-10-17", None, None)]),
    ("milestone", 1986, "各部门一九八八年底以前完成计量器具的更新改造。", [("m", "1988-12-31", None, None)]),
    ("milestone", 2024, "二〇二五年六月底前，各区完成排查。", [("m", "2025-06-30", None, None)]),
    ("milestone", 2024, "各地须于二〇二四年十二月底前完成整改。", [("m", "2024-12-31", None, None)]),
    ("milestone", 2026, "市医保局会同市教育局于2026年3月至6月组织开展参保数据核对工作。", [("m", "2026-06-30", None, None)]),
    ("precision", 2019, "2018年9月，国务院办公厅印发《关于加强城市管理的指导意见》，对相关工作作出部署。", []),
    ("precision", 2024, "在2024年1月1日以前已经取得资格证书的，可继续使用至有效期届满，无需重新办理。", []),
    ("precision", 2026, "实现“十五五”时期经济社会发展目标，必须坚持稳中求进工作总基调。", []),
    ("precision", 2026, "“十五五”时期，是全面建设现代化强市的关键五年。", []),
    ("precision", 2026, "8月1日，某某活动在市文化中心举行。", []),
]
CASES += [
    ("schedule", 2025, "各区局于6月30日前将推荐名单报市局质量处。", [("m", "2025-06-30", None, None)]),
    ("milestone", 2026, "各区须在2026年5月6日至5月8日完成现场核查。", [("m", "2026-05-08", None, None)]),
]

# Second milestone round (extract2): a deadline counted from the issue date, and an undated guide dated by its
# title's year (written by hand).
DOCUMENTS += [
    ("after_issue", """某某市人民政府办公室关于推进社区嵌入式服务设施建设的通知
各区人民政府，市政府各部门：
一、摸清设施底数。各区要于本通知印发后2个月内完成辖区设施摸底。（责任单位：市民政局）
二、制定建设方案。市发展改革委自本通知印发之日起30日内制定年度建设计划。（责任单位：市发展改革委）
某某市人民政府办公室
2025年7月15日
""", [
        {"title": "某某市人民政府办公室关于推进社区嵌入式服务设施建设的通知", "doc_number": None, "window": (None, None),
         "measures": ["一、", "二、"], "targets": [("m", "2025-09-15", None, None), ("m", "2025-08-14", None, None)]},
    ]),
    ("undated_guide", """2026年某某区小学一年级学位申请指引
一、网上申请。5月6日10：00—5月9日17:00，申请人登录学位申请系统填报信息。
二、公布结果。5月20日，区教育局通过门户网站公布审核结果。
三、注册入学。录取学生按通知时间到学校注册。
""", [
        {"title": "2026年某某区小学一年级学位申请指引", "doc_number": None, "window": (None, None),
         "measures": ["一、", "二、", "三、"], "targets": [("m", "2026-05-09", None, None), ("m", "2026-05-20", None, None)]},
    ]),
]

# Percentages in words (extract2).
CASES += [
    ("several", 1996, "到2000年，全省森林覆盖率达到百分之三十，城市污水处理率不低于百分之五十。",
     [("t", "2000-12-31", 30, "percent"), ("t", "2000-12-31", 50, "percent")]),
]

# The latest day a party must start applying a rule (extract2).
CASES += [
    ("milestone", 2024, "确有困难的单位可以适当延期；但是，最迟应当自2025年1月1日起执行新标准。", [("m", "2025-01-01", None, None)]),
]
CASES += [
    ("several", 2024, "到2030年，农村自来水普及率达到95%以上，基本实现城乡供水一体化，水质达标率达到90%。",
     [("t", "2030-12-31", 95, "percent"), ("m", "2030-12-31", None, None), ("t", "2030-12-31", 90, "percent")]),
    ("precision", 2024, "到2028年，引进培育高层次人才500名，形成一批各领域领军人才的后备力量。", [("t", "2028-12-31", 500, "名")]),
]
CASES += [
    ("precision", 2025, "市有关部门要及时出台配套政策，加强指导；涉及修改地方性法规的，要抓紧按程序办理，确保2025年底前落实到位。",
     [("m", "2025-12-31", None, None)]),
]
CASES += [
    ("milestone", 2026, "推动新一代整车三季度实现量产，支持本地企业自主研发的工业机器人上半年面市。",
     [("m", "2026-09-30", None, None), ("m", "2026-06-30", None, None)]),
]
CASES += [
    ("precision", 2026, "按时办理参保登记并缴费的，自2027年1月1日至12月31日享受当年度医保待遇。", []),
]
CASES += [
    ("precision", 2026, "市发展改革委于2026年9月底前制定实施细则；各区要加强配合，确保政策落地见效。", [("m", "2026-09-30", None, None)]),
]

# English translations with Chinese glosses; domains a goal spans (extract2).
CASES += [
    ("en_words", 2025, "By 2028, the coverage of smart elderly care services (智慧养老服务) shall exceed 60%.", [("t", "2028-12-31", 60, "percent")]),
    ("en_words", 2025, "By 2028, we will achieve deep integration of the digital economy with eight key industries and build 12 pilot zones.",
     [("t", "2028-12-31", 12, "zones")]),
]
CASES += [
    ("milestone_en", 2025, "By 2030, the province will have fully built a modern logistics system, and the share of multimodal transport will exceed 25%.",
     [("m", "2030-12-31", None, None), ("t", "2030-12-31", 25, "percent")]),
]

# Units of farm, transport and event goals; a colon list of goals around a dated goal (extract2).
CASES += [
    ("several", 2026, "到2027年，全省粮食产量稳定在1200亿斤以上，生猪出栏量达到3000万头，国际货运班列开行1500班次。",
     [("t", "2027-12-31", 120000000000, "斤"), ("t", "2027-12-31", 30000000, "头"), ("t", "2027-12-31", 1500, "班次")]),
]
CASES += [
    ("several", 2026, "主要目标包括：地区生产总值年均增长6%左右，城镇化率达到70%，2030年前碳达峰目标如期实现，粮食产量稳定在800亿斤。",
     [("t", "2030-12-31", 6, "percent"), ("t", "2030-12-31", 70, "percent"), ("m", "2030-12-31", None, None),
      ("t", "2030-12-31", 80000000000, "斤")]),
]

# A goal paragraph's year reaches its later sentences and bullets; magnitude words; other goal lead-ins; figures
# describing what is counted (extract3). Written by hand for these rules, in the way plans word them.
CASES += [
    ("goal_paragraph", 2025, "到2027年，生物制造产业实现跨越发展。建成中试平台6个；培育创新企业20家以上。",
     [("m", "2027-12-31", None, None), ("t", "2027-12-31", 6, "个"), ("t", "2027-12-31", 20, "家")]),
    ("goal_paragraph", 2024, "到2026年，初步建成智慧港口。\n——自动化码头泊位达到12个。\n——集装箱吞吐量突破5000万标准箱。",
     [("m", "2026-12-31", None, None), ("t", "2026-12-31", 12, "个")]),
    ("goal_paragraph", 2025, "坚持统筹推进。2028年前，绿色算力体系基本形成。新建智算中心3座。",
     [("m", "2028-12-31", None, None), ("t", "2028-12-31", 3, "座")]),
    ("goal_paragraph", 2025, "到2027年，数字乡村建设取得进展。截至2024年底，已建成益农信息社800个。",
     [("m", "2027-12-31", None, None)]),
    ("magnitude", 2025, "到2028年，打造百家数字化转型标杆企业，突破千项关键工艺。",
     [("t", "2028-12-31", 100, "家"), ("t", "2028-12-31", 1000, "项")]),
    ("magnitude", 2025, "到2030年，平台服务用户超千万，产业规模超千亿元。",
     [("t", "2030-12-31", 10000000, None), ("t", "2030-12-31", 1000, "亿元")]),
    ("magnitude", 2025, "到2027年，建设数十个示范场景，让智慧服务走进千家万户。", [("m", "2027-12-31", None, None)]),
    ("goal_leadin", 2025, "展望2035年，全面建成现代化综合交通枢纽。", [("m", "2035-12-31", None, None)]),
    ("goal_leadin", 2025, "到2030年前后，形成具有全球影响力的创新集群。", [("m", "2030-12-31", None, None)]),
    ("modifier", 2025, "到2027年，培育年销售收入超30亿元的领军企业4家。", [("t", "2027-12-31", 4, "家")]),
    ("goal_leadin", 2025, "至2028年，城市更新机制初步建立，完成老旧小区改造120个。",
     [("m", "2028-12-31", None, None), ("t", "2028-12-31", 120, "个")]),
]
