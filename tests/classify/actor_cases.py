"""Texts written for the actor/act tests: who acts, what kind of act, and the section.

Each case is (title, text, actor kind that acts, section). The texts are the project's
own; none is taken from the evaluation set or the demo content.
"""

from __future__ import annotations

POLICY = "科技政策与科研计划"
RESEARCH = "前沿研究动态"
INDUSTRY = "产业动态"

QKD_206_KM = (
    "省实验室团队实现206公里光纤量子密钥分发",
    "省量子科学实验室研究团队在两座城市之间已铺设的光纤上完成了206公里的量子密钥分发实验，"
    "成果发表在《物理评论快报》上。\n"
    "量子密钥分发依靠单光子传递密钥，距离越长损耗越大。\n"
    "该实验室由省政府批准设立，列入省重大科技计划，获得省财政专项资金支持；"
    "团队计划下一步与政府部门合作建设量子保密通信网络。",
    "research",
    RESEARCH,
)
QKD_206_KM_EN = (
    "Physicists send quantum keys over 206 km of installed fibre",
    "A team at the Harbourside Quantum Laboratory has distributed secret keys over 206 "
    "kilometres of commercial fibre, they report in Physical Review Letters. "
    "The photons lost on the way were made up for by new detectors.\n"
    "The laboratory was set up by the regional government in 2022 under its quantum "
    "programme and has received 60 million euros of public funding; the government plans a "
    "secure network for ministries.",
    "research",
    RESEARCH,
)
MINISTER_OPENS_PLANT = (
    "Minister opens Voltaris battery gigafactory in Sunderland",
    "The business minister on Monday opened a £450 million battery factory built by "
    "Voltaris, the company's first plant outside Asia. It will make cells for 100,000 "
    "electric cars a year.\nThe government supported the project through its automotive "
    "transformation fund and says the policy will bring more investment.",
    "government",
    INDUSTRY,
)
MINISTER_OPENS_PLANT_ZH = (
    "部长出席海川电池年产20GWh工厂投产仪式",
    "11月5日，海川电池公司位于东港的年产20GWh动力电池工厂正式投产，总投资85亿元。"
    "工业和信息化部部长出席投产仪式并致辞。\n"
    "省政府表示将继续出台政策支持新能源汽车产业链。",
    "government",
    INDUSTRY,
)
GOVERNMENT_FUNDS_RESEARCH = (
    "Government commits £250 million to a national fusion research programme",
    "The science ministry will fund a five-year research programme on fusion materials at "
    "three universities, the minister announced on Thursday. Researchers can apply from "
    "January.",
    "government",
    POLICY,
)
GOVERNMENT_FUNDS_RESEARCH_ZH = (
    "科技部启动量子科技重大专项 首批安排资金12亿元",
    "科技部近日印发通知，启动量子科技重大专项，首批安排中央财政资金12亿元，"
    "支持高校和科研院所的研究团队开展量子计算、量子通信等方向研究。",
    "government",
    POLICY,
)
TEAM_RESULT_NAMES_PROGRAMME_ZH = (
    "东湖大学团队研制出效率27%的钙钛矿太阳能电池",
    "东湖大学研究团队研制出一种新型钙钛矿太阳能电池，光电转换效率达到27%，"
    "相关论文发表于《自然》。\n该研究得到国家重点研发计划和国家自然科学基金资助，"
    "政府部门表示将推动成果转化。",
    "research",
    RESEARCH,
)
COMPANY_INVESTS_WITH_TAX_CREDITS = (
    "Chipmaker Norlith to invest $12 billion in Ohio fab",
    "Norlith Semiconductor said on Tuesday it would invest $12 billion in a factory near "
    "Columbus, helped by federal tax credits. Production is due to start in 2029.",
    "company",
    INDUSTRY,
)
LEGISLATURE_PASSES_BILL = (
    "Senate passes bill to limit police use of facial recognition",
    "The state senate voted 31 to 8 for a bill that requires a warrant before police "
    "departments can search face databases. The law now goes to the governor.",
    "government",
    POLICY,
)
COMPANY_BUYS_START_UP = (
    "Brightwave buys chip start-up Lumetric for $400 million",
    "Brightwave, the lidar maker, has agreed to acquire Lumetric, which designs laser "
    "chips for self-driving cars, in a cash deal, the companies said.",
    "company",
    INDUSTRY,
)
START_UP_RAISES_ZH = (
    "星辰机器人完成10亿元B轮融资",
    "人形机器人企业星辰机器人宣布完成10亿元B轮融资，投资方包括多家产业基金，资金将用于量产线建设。",
    "company",
    INDUSTRY,
)
PROVINCE_ISSUES_REGULATION_ZH = (
    "省政府出台数据安全条例 明年3月起施行",
    "省政府常务会议审议通过《数据安全条例》，对重要数据目录、风险评估和事件报告作出规定，"
    "企业发生数据泄露须在24小时内报告。",
    "government",
    POLICY,
)
SIGNING_AT_GOVERNMENT_EVENT_ZH = (
    "45个集成电路项目集中签约 总投资210亿元",
    "在市政府举办的集成电路产业推介会上，45个项目集中签约，总投资210亿元，"
    "涉及芯片设计、封装测试和材料等领域，其中12家企业将在明年建成投产。",
    "government",
    INDUSTRY,
)
ASTRONOMERS_OBSERVE = (
    "Astronomers spot the most distant spiral galaxy yet",
    "Astronomers using a space telescope have observed a spiral galaxy whose light left it "
    "1.5 billion years after the Big Bang, they report in Nature. The space agency funded "
    "the observing programme.",
    "research",
    RESEARCH,
)

CASES = {
    "qkd_206_km": QKD_206_KM,
    "qkd_206_km_en": QKD_206_KM_EN,
    "minister_opens_plant": MINISTER_OPENS_PLANT,
    "minister_opens_plant_zh": MINISTER_OPENS_PLANT_ZH,
    "government_funds_research": GOVERNMENT_FUNDS_RESEARCH,
    "government_funds_research_zh": GOVERNMENT_FUNDS_RESEARCH_ZH,
    "team_result_names_programme_zh": TEAM_RESULT_NAMES_PROGRAMME_ZH,
    "company_invests_with_tax_credits": COMPANY_INVESTS_WITH_TAX_CREDITS,
    "legislature_passes_bill": LEGISLATURE_PASSES_BILL,
    "company_buys_start_up": COMPANY_BUYS_START_UP,
    "start_up_raises_zh": START_UP_RAISES_ZH,
    "province_issues_regulation_zh": PROVINCE_ISSUES_REGULATION_ZH,
    "signing_at_government_event_zh": SIGNING_AT_GOVERNMENT_EVENT_ZH,
    "astronomers_observe": ASTRONOMERS_OBSERVE,
}
