"""Word lists and templates for the generated clustering corpus (all written for kuaibao).

Templates use ``{name}`` slots filled per report; ``{raise}``, ``{say}`` and the other
verbs are synonyms drawn per report, so two reports of one story rarely share a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One field of science and technology: its vocabulary in English and Chinese."""

    key: str
    suffixes: tuple[str, ...]
    nouns: tuple[tuple[str, str], ...]  # (English, Chinese)
    metrics: tuple[tuple[str, str], ...]
    product_names: tuple[str, ...]
    background_en: tuple[str, ...]
    background_zh: tuple[str, ...]


CITIES = (
    ("Boulder", "博尔德"), ("Sunderland", "桑德兰"), ("Plymouth", "普利茅斯"), ("Lyon", "里昂"),
    ("Dresden", "德累斯顿"), ("Kumamoto", "熊本"), ("Hsinchu", "新竹"), ("Austin", "奥斯汀"),
    ("Eindhoven", "埃因霍温"), ("Grenoble", "格勒诺布尔"), ("Leuven", "鲁汶"), ("Osaka", "大阪"),
    ("Daejeon", "大田"), ("Toulouse", "图卢兹"), ("Kiruna", "基律纳"), ("Turin", "都灵"),
    ("Basel", "巴塞尔"), ("Cambridge", "剑桥"), ("San Diego", "圣迭戈"), ("Singapore", "新加坡"),
    ("Montreal", "蒙特利尔"), ("Oslo", "奥斯陆"), ("Haifa", "海法"), ("Bangalore", "班加罗尔"),
)  # fmt: skip

FIELDS = (
    Field(
        "quantum", ("Quantum", "Qubits", "Photonics", "Labs"),
        (("quantum processor", "量子处理器"), ("ion-trap computer", "离子阱量子计算机"),
         ("quantum sensor", "量子传感器"), ("photonic quantum chip", "光量子芯片")),
        (("logical qubits", "个逻辑量子比特"), ("physical qubits", "个物理量子比特")),
        ("Helix", "Lattice", "Aurora", "Q-Core"),
        ("Quantum computers could one day solve problems that defeat classical machines.",
         "Error correction remains the main obstacle to useful quantum computing.",
         "Governments have poured money into quantum technology in recent years.",
         "Several groups are racing to build machines with thousands of qubits."),
        ("量子计算有望解决经典计算机难以处理的问题。", "纠错仍是实用化量子计算面临的主要障碍。",
         "近年来各国政府持续加大对量子技术的投入。"),
    ),
    Field(
        "ai", ("AI", "Labs", "Intelligence", "Robotics"),
        (("language model", "大语言模型"), ("coding assistant", "编程助手"),
         ("AI accelerator", "人工智能加速器"), ("robot foundation model", "机器人基础模型")),
        (("trillion training tokens", "万亿训练词元"), ("benchmark points", "个基准分")),
        ("Wren", "Atlas", "Sable", "Kite"),
        ("Competition among AI developers has intensified this year.",
         "Demand for computing power continues to outstrip supply.",
         "Regulators are still working out how to oversee large models.",
         "Open-weight models have narrowed the gap with proprietary systems."),
        ("今年人工智能开发商之间的竞争愈发激烈。", "算力需求持续超过供给。",
         "监管机构仍在探索如何监管大模型。"),
    ),
    Field(
        "chips", ("Semiconductor", "Microsystems", "Foundry", "Silicon"),
        (("wafer fab", "晶圆厂"), ("power chip", "功率芯片"),
         ("advanced packaging line", "先进封装产线"), ("lithography tool", "光刻设备")),
        (("wafers per month", "片晶圆/月"), ("chips per hour", "颗芯片/小时")),
        ("Nano", "Vector", "Crest", "Pulse"),
        ("Governments are competing to attract chip manufacturing.",
         "The industry expects demand for power semiconductors to keep rising.",
         "Supply chain security has become a priority for policymakers.",
         "Building a leading-edge fab takes several years."),
        ("各国政府竞相吸引芯片制造项目落地。", "业界预计功率半导体需求将持续增长。",
         "供应链安全已成为政策制定者的优先事项。"),
    ),
    Field(
        "space", ("Space", "Orbital", "Aerospace", "Launch"),
        (("radar satellite", "雷达卫星"), ("launch vehicle", "运载火箭"),
         ("lunar lander", "月球着陆器"), ("broadband satellite", "宽带卫星")),
        (("satellites", "颗卫星"), ("kilograms to orbit", "公斤入轨能力")),
        ("Falcon", "Vega", "Nova", "Polar"),
        ("Launch prices have fallen sharply over the past decade.",
         "Earth observation data is in growing demand from governments.",
         "Commercial operators now dominate the satellite market.",
         "Space agencies increasingly buy services rather than hardware."),
        ("过去十年发射价格大幅下降。", "各国政府对对地观测数据的需求不断增长。",
         "商业运营商已主导卫星市场。"),
    ),
    Field(
        "biotech", ("Bio", "Therapeutics", "Genomics", "Medicines"),
        (("gene therapy", "基因疗法"), ("cell therapy", "细胞疗法"), ("mRNA vaccine", "mRNA疫苗"),
         ("antibody drug", "抗体药物")),
        (("patients", "名患者"), ("trial sites", "个试验中心")),
        ("VT", "HX", "CR", "NB"),
        ("Investors have become more selective about early-stage biotech.",
         "Regulators have approved a growing number of gene-based treatments.",
         "Manufacturing capacity remains a bottleneck for new therapies.",
         "Drug developers are under pressure to show data quickly."),
        ("投资者对早期生物技术企业更加审慎。", "监管机构批准的基因类疗法数量不断增加。",
         "生产能力仍是新疗法的瓶颈。"),
    ),
    Field(
        "energy", ("Energy", "Power", "Solar", "Fusion"),
        (("sodium-ion battery", "钠离子电池"), ("tandem solar cell", "叠层太阳能电池"),
         ("small modular reactor", "小型模块化反应堆"), ("electrolyser", "电解槽")),
        (("megawatts", "兆瓦"), ("cycles", "次循环")),
        ("Volt", "Sol", "Tide", "Ember"),
        ("Grid operators are struggling to connect new capacity fast enough.",
         "Battery prices have fallen for the third year in a row.",
         "Utilities are looking for firm low-carbon power.",
         "Electricity demand from data centres is rising quickly."),
        ("电网运营商难以及时接入新增装机。", "电池价格已连续第三年下降。",
         "数据中心用电需求快速增长。"),
    ),
    Field(
        "cyber", ("Security", "Cyber", "Shield", "Defense"),
        (("identity platform", "身份认证平台"), ("threat detection system", "威胁检测系统"),
         ("encryption module", "加密模块"), ("firewall appliance", "防火墙设备")),
        (("customers", "家客户"), ("incidents", "起安全事件")),
        ("Aegis", "Bastion", "Warden", "Vault"),
        ("Ransomware attacks on hospitals and utilities have increased.",
         "Companies are consolidating their security suppliers.",
         "New rules require faster reporting of breaches.",
         "Attackers increasingly target software supply chains."),
        ("针对医院和公用事业的勒索软件攻击有所增加。", "企业正在整合安全供应商。",
         "新规要求更快报告数据泄露事件。"),
    ),
    Field(
        "materials", ("Materials", "Composites", "Metals", "Graphene"),
        (("graphene membrane", "石墨烯薄膜"), ("solid-state electrolyte", "固态电解质"),
         ("carbon-fibre composite", "碳纤维复合材料"), ("rare-earth magnet", "稀土永磁体")),
        (("tonnes a year", "吨/年"), ("square metres", "平方米")),
        ("Carbo", "Lumen", "Strata", "Ferro"),
        ("New materials often take a decade to reach the market.",
         "Manufacturers want lighter and stronger components.",
         "Supply of critical minerals is a growing concern.",
         "Scaling up production is the hardest step for materials start-ups."),
        ("新材料从研发到上市往往需要十年。", "制造商希望获得更轻更强的部件。",
         "关键矿产供应日益受到关注。"),
    ),
)  # fmt: skip

SYLLABLES = (
    "vel", "tor", "ka", "lin", "mar", "ro", "sen", "dal", "vi", "qua", "nex", "lo", "ber",
    "ta", "zen", "cor", "al", "mi", "tra", "gen", "fi", "sol", "ar", "ix", "bel", "ne", "os",
    "pra", "lu", "dor", "ven", "ka", "zo", "ri", "hal", "ceph", "ly", "pan", "tes", "or",
)  # fmt: skip
HAN_SYLLABLE = "维托卡林马罗森达维夸奈洛伯塔泽科阿米特根菲索尔伊贝内奥普卢多文佐里哈塞莱潘泰欧"
GOVERNMENTS = (
    ("the Department for Science and Industrial Strategy", "英国科学与产业战略部"),
    ("the Ministry of Economy, Trade and Industry", "日本经济产业省"),
    ("the European Commission", "欧盟委员会"),
    ("the Department of Energy", "美国能源部"),
    ("the Federal Ministry of Research", "德国联邦研究部"),
    ("the Ministry of Science and ICT", "韩国科学技术信息通信部"),
    ("the Swedish National Space Agency", "瑞典国家航天局"),
    ("the National Research Foundation", "新加坡国家研究基金会"),
    ("the French Ministry for the Economy", "法国经济部"),
    ("the Dutch Ministry of Economic Affairs", "荷兰经济事务部"),
    ("the Canadian Innovation Agency", "加拿大创新署"),
    ("the Indian Ministry of Electronics", "印度电子部"),
)
INVESTORS = tuple(
    f"{a} {b}"
    for a in ("Northgate", "Redfern", "Alder", "Summit", "Halcyon", "Juniper", "Granite")
    for b in ("Capital", "Ventures", "Partners")
)
CURRENCIES = (
    ("USD", "$", "", "美元"), ("USD", "$", "", "美元"), ("EUR", "€", "", "欧元"),
    ("GBP", "£", "", "英镑"), ("JPY", "¥", "", "日元"), ("CNY", "", " yuan", "元"),
    ("KRW", "₩", "", "韩元"), ("SEK", "SEK ", "", "瑞典克朗"),
)  # fmt: skip
SYNONYMS_EN = {
    "raise": ("raised", "secured", "closed", "landed", "pulled in"),
    "say": ("said", "announced", "confirmed", "stated"),
    "build": ("build", "construct", "set up", "open"),
    "plant": ("plant", "factory", "facility", "site"),
    "grant": ("grant", "subsidy", "award", "funding package"),
    "deal": ("contract", "deal", "agreement", "order"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "new": ("new", "latest", "next-generation", "upgraded"),
}
SYNONYMS_ZH = {
    "say": ("宣布", "表示", "透露", "对外公布"),
    "raise": ("完成", "宣布完成", "获得"),
    "build": ("建设", "新建", "投建"),
    "plant": ("工厂", "生产基地", "项目"),
    "deal": ("合同", "协议", "订单"),
}

TEMPLATES_EN: dict[str, dict[str, tuple[str, ...]]] = {
    "funding": {
        "title": ("{company} raises {amount} to expand {noun} business",
                  "{company} {raise} {amount} in round led by {investor}",
                  "{investor} leads {amount} round in {company}",
                  "{noun} developer {company} closes {amount} funding round"),
        "lead": ("{company} has {raise} {amount} in a funding round led by {investor}, the "
                 "company {say} on {day}.",
                 "{investor} has led a {amount} investment in {company}, which develops {noun}s "
                 "in {city}.",
                 "{company}, a {city}-based maker of {noun}s, {say} it had {raise} {amount} "
                 "from investors led by {investor}."),
        "facts": ("The round values the company at {amount2}.",
                  "The money will let it hire {count} engineers.", "Revenue grew {pct} last year.",
                  "Existing backers including {investor} also took part."),
    },
    "grant": {
        "title": ("{gov_cap} awards {amount} to {company} for {noun} {plant}",
                  "{company} wins {amount} {grant} for {city} {plant}",
                  "{amount} {grant} for {company} {noun} {plant} in {city}"),
        "lead": ("{gov_cap} will provide {amount} to {company} to {build} a {noun} {plant} in "
                 "{city}, officials {say} on {day}.",
                 "{company} has secured a {amount} {grant} from {gov} towards a {new} {noun} "
                 "{plant} in {city}.",
                 "A {amount} {grant} from {gov} will help {company} {build} a {noun} {plant} in "
                 "{city}, the company {say}."),
        "facts": ("The company will invest a further {amount2} of its own.",
                  "The {plant} is expected to create {count} jobs.",
                  "It should cover {pct} of national demand once running.",
                  "Ministers said the award was the largest of its kind this year."),
    },
    "result": {
        "title": ("{company} reports {count} {metric} in {new} {noun}",
                  "Researchers reach {count} {metric} with {noun}",
                  "{noun} from {company} hits {pct} efficiency"),
        "lead": ("Researchers at {company} in {city} have demonstrated a {noun} with {count} "
                 "{metric}, they {say} on {day}.",
                 "A {noun} built by {company} has reached {count} {metric}, according to a paper "
                 "published this week.",
                 "{company} {say} its {new} {noun} achieved {count} {metric} in tests in {city}."),
        "facts": ("The device reached an efficiency of {pct}.",
                  "The work was funded with {amount} from {gov}.",
                  "The team plans a larger version within two years.",
                  "Independent experts called the result a clear step forward."),
    },
    "contract": {
        "title": ("{company} signs {amount} {deal} with {partner}",
                  "{partner} wins {amount} {deal} from {company}",
                  "{company} and {partner} agree {amount} {noun} {deal}"),
        "lead": ("{company} has signed a {amount} {deal} with {partner} for {count} {noun}s, the "
                 "companies {say} on {day}.",
                 "{partner} has won a {amount} {deal} from {company} to supply {noun}s.",
                 "Under a {amount} {deal} {say} on {day}, {partner} will deliver {noun}s to "
                 "{company}."),
        "facts": ("Deliveries start in {city} next year.",
                  "The {deal} includes an option worth a further {amount2}.",
                  "{partner} expects the work to lift its margin by {pct}.",
                  "It covers {count} units over five years."),
    },
    "launch": {
        "title": ("{company} launches {product} {noun}", "{company} unveils {product}",
                  "{product}: {company} claims {pct} gain with {new} {noun}"),
        "lead": ("{company} has launched {product}, a {noun} it says is {pct} better than its "
                 "predecessor, at an event in {city} on {day}.",
                 "{company} on {day} unveiled {product}, its {new} {noun}.",
                 "The {new} {product} {noun} from {company} goes on sale this month, the company "
                 "{say}."),
        "facts": ("The company spent {amount} developing {product}.",
                  "It plans to ship {count} units in the first year.",
                  "{product} improves performance by {pct}, according to the company.",
                  "Early customers include {partner}."),
    },
    "policy": {
        "title": ("{gov_cap} unveils {amount} plan for {noun}s",
                  "{amount} {noun} strategy announced", "{gov_cap} to spend {amount} on {noun}s"),
        "lead": ("{gov_cap} has published a strategy that commits {amount} to {noun}s over five "
                 "years, officials {say} on {day}.",
                 "A {amount} national plan for {noun}s was {say} by {gov} on {day}.",
                 "{gov_cap} will spend {amount} to build up {noun} capacity, it {say}."),
        "facts": ("The plan aims to train {count} specialists.",
                  "It targets a {pct} share of the global market by 2030.",
                  "A first call for proposals opens in {city}.",
                  "Industry groups welcomed the plan but asked for faster funding."),
    },
}  # fmt: skip

TEMPLATES_ZH: dict[str, dict[str, tuple[str, ...]]] = {
    "funding": {
        "title": ("{company}{raise}{amount}融资", "{investor}领投{company}{amount}融资"),
        "lead": ("{noun}企业{company}{say}{raise}{amount}融资，由{investor}领投。",
                 "{company}近日{say}获得{amount}投资，本轮由{investor}领投，资金将用于{noun}研发。"),
        "facts": ("本轮融资后公司估值达{amount2}。", "公司计划新增{count}名工程师。",
                  "公司去年营收增长{pct}。"),
    },
    "grant": {
        "title": ("{gov}向{company}提供{amount}资助",
                  "{company}获{amount}政府资助{build}{noun}{plant}"),
        "lead": ("{gov}{say}将向{company}提供{amount}资助，用于在{city}{build}{noun}{plant}。",
                 "{company}获得{gov}{amount}补贴，将在{city}{build}{noun}{plant}。"),
        "facts": ("企业将另行投入{amount2}。", "项目预计创造{count}个就业岗位。",
                  "投产后可满足国内{pct}的需求。"),
    },
    "result": {
        "title": ("{company}{noun}实现{count}{metric}", "{company}发布{noun}研究成果"),
        "lead": ("{city}的{company}研究人员{say}，其研制的{noun}实现了{count}{metric}。",
                 "据本周发表的论文，{company}的{noun}达到{count}{metric}。"),
        "facts": ("器件效率达到{pct}。", "该研究获得{gov}{amount}资助。",
                  "团队计划在两年内推出更大规模的版本。"),
    },
    "contract": {
        "title": ("{company}与{partner}签署{amount}{deal}", "{partner}获{company}{amount}{deal}"),
        "lead": ("{company}与{partner}签署价值{amount}的{deal}，涉及{count}套{noun}。",
                 "{partner}{say}获得{company}价值{amount}的{noun}{deal}。"),
        "facts": ("首批交付将于明年在{city}开始。", "协议还包括价值{amount2}的选择权。",
                  "预计将使{partner}利润率提升{pct}。"),
    },
    "launch": {
        "title": ("{company}发布新一代{noun}{product}", "{company}推出{product}"),
        "lead": ("{company}在{city}发布新一代{noun}{product}，性能较上一代提升{pct}。",
                 "{company}{say}推出{noun}{product}，将于本月上市。"),
        "facts": ("公司为研发{product}投入{amount}。", "计划首年出货{count}台。"),
    },
    "policy": {
        "title": ("{gov}发布{amount}{noun}发展计划", "{gov}拟投入{amount}发展{noun}"),
        "lead": ("{gov}发布战略，计划在五年内投入{amount}发展{noun}。",
                 "{gov}{say}将投入{amount}提升{noun}能力。"),
        "facts": ("计划培养{count}名专业人才。", "目标是到2030年占据全球{pct}的市场份额。"),
    },
}  # fmt: skip

BOILERPLATE_EN = (
    ("By {site} staff | 3 min read.", "Copyright {site}. All rights reserved. Do not republish."),
    ("{site} - ", "Sign up for the {site} daily newsletter to get stories like this first."),
    ("Share this article: Facebook, LinkedIn, Email.", "Related: more news from {site}."),
    ("Advertisement.", "This story was first published by {site} and is republished here with "
     "permission."),
    ("", "Follow {site} for more technology news. Advertisement."),
)  # fmt: skip
BOILERPLATE_ZH = (
    ("【{site}讯】", "来源：{site}　责任编辑：王磊　【打印】【关闭】"),
    ("", "（本文来自{site}，转载请注明出处）分享到：微信　微博"),
    ("据{site}消息，", "更多科技资讯请关注{site}。"),
)  # fmt: skip
SITES_EN = ("TechWire Daily", "Science Desk", "Industry Pulse", "The Circuit", "Orbit Today")
SITES_ZH = ("科技前沿网", "产业观察", "新材料在线", "澄江科技网")
