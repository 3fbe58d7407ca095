/** The demo category tree (written for Lianxin): top level with its second level, and complexity. */
export const DEMO_CATEGORIES: Array<{
  code: string;
  name: string;
  children: Array<[string, string, 'simple' | 'complex']>;
}> = [
  {
    code: 'CJ',
    name: '城乡建设',
    children: [
      ['CJ01', '道路设施', 'simple'],
      ['CJ02', '加装电梯', 'complex'],
      ['CJ03', '老旧小区改造', 'complex'],
      ['CJ04', '违章搭建', 'simple'],
    ],
  },
  {
    code: 'ZF',
    name: '住房保障',
    children: [
      ['ZF01', '物业服务', 'simple'],
      ['ZF02', '保障性住房', 'complex'],
      ['ZF03', '房屋维修', 'simple'],
    ],
  },
  {
    code: 'JT',
    name: '交通出行',
    children: [
      ['JT01', '停车难', 'complex'],
      ['JT02', '公交线路', 'complex'],
      ['JT03', '信号灯与标线', 'simple'],
      ['JT04', '非机动车管理', 'simple'],
    ],
  },
  {
    code: 'ST',
    name: '生态环境',
    children: [
      ['ST01', '噪声扰民', 'simple'],
      ['ST02', '油烟污染', 'simple'],
      ['ST03', '河道水质', 'complex'],
      ['ST04', '垃圾分类', 'simple'],
    ],
  },
  {
    code: 'SC',
    name: '市场监管',
    children: [
      ['SC01', '食品安全', 'simple'],
      ['SC02', '消费纠纷', 'simple'],
      ['SC03', '价格监督', 'simple'],
    ],
  },
  {
    code: 'JY',
    name: '教育',
    children: [
      ['JY01', '入学入园', 'complex'],
      ['JY02', '校园周边安全', 'simple'],
      ['JY03', '课后服务', 'simple'],
    ],
  },
  {
    code: 'YL',
    name: '医疗卫生',
    children: [
      ['YL01', '社区医疗', 'simple'],
      ['YL02', '医保报销', 'simple'],
      ['YL03', '公共卫生', 'simple'],
    ],
  },
  {
    code: 'LD',
    name: '劳动和社会保障',
    children: [
      ['LD01', '欠薪讨薪', 'simple'],
      ['LD02', '社保办理', 'simple'],
      ['LD03', '就业服务', 'simple'],
    ],
  },
  {
    code: 'MZ',
    name: '民政',
    children: [
      ['MZ01', '养老服务', 'complex'],
      ['MZ02', '社会救助', 'simple'],
      ['MZ03', '残疾人帮扶', 'simple'],
    ],
  },
  {
    code: 'SQ',
    name: '社区治理',
    children: [
      ['SQ01', '邻里纠纷', 'simple'],
      ['SQ02', '公共设施维护', 'simple'],
      ['SQ03', '宠物管理', 'simple'],
    ],
  },
  {
    code: 'GA',
    name: '公共安全',
    children: [
      ['GA01', '治安防范', 'simple'],
      ['GA02', '消防隐患', 'simple'],
      ['GA03', '电动自行车充电', 'simple'],
    ],
  },
  {
    code: 'QT',
    name: '其他',
    children: [
      ['QT01', '意见建议', 'simple'],
      ['QT02', '其他诉求', 'simple'],
    ],
  },
];

/** Category → department by name (district level); SQ goes to each township's own office. */
export const DEMO_ROUTES: Array<[string, string]> = [
  ['CJ', '区住房城乡建设管理委'],
  ['CJ04', '区城管执法局'],
  ['ZF', '区房管局'],
  ['JT', '区交通委'],
  ['ST', '区生态环境局'],
  ['ST03', '区水务局'],
  ['ST04', '区绿化市容局'],
  ['SC', '区市场监管局'],
  ['JY', '区教育局'],
  ['YL', '区卫生健康委'],
  ['YL02', '区医保局'],
  ['LD', '区人社局'],
  ['MZ', '区民政局'],
  ['GA', '区公安分局'],
  ['GA02', '区应急管理局'],
];

export type DemoEnd =
  | 'submitted'
  | 'accepted'
  | 'assigned'
  | 'in_progress'
  | 'extension'
  | 'returned'
  | 'replied'
  | 'closed'
  | 'closed_basic'
  | 'reopened_closed'
  | 'staff_review'
  | 'rejected'
  | 'overdue';

/** [title, description, category, end state, channel hint ('deputy' | 'station' | 'walk_in' | 'portal')]. */
export const DEMO_CASES: Array<
  [string, string, string, DemoEnd, 'deputy' | 'station' | 'walk_in' | 'portal']
> = [
  [
    '小区门口人行道地砖松动',
    '小区南门外人行道有十几块地砖松动翘起，下雨天一踩就溅水，老人已经绊倒过两次，希望尽快修复。',
    'CJ01',
    'closed',
    'deputy',
  ],
  [
    '老公房加装电梯意见不统一',
    '我们楼6层共12户，多数住户同意加装电梯，但一楼两户反对，希望代表帮助协调并了解补贴政策。',
    'CJ02',
    'in_progress',
    'deputy',
  ],
  [
    '老旧小区雨污管道堵塞',
    '小区雨污水管道老化，每逢大雨底楼就积水倒灌，物业说需要纳入改造计划，请求相关部门尽快研究。',
    'CJ03',
    'extension',
    'station',
  ],
  [
    '楼顶违章搭建阳光房',
    '隔壁楼顶层住户在屋顶平台搭建了阳光房，影响楼道消防通道，且有漏水，反映多次未处理。',
    'CJ04',
    'assigned',
    'portal',
  ],
  [
    '物业费上涨未经业主大会',
    '物业公司贴出通知明年物业费每平方米上涨0.5元，没有召开业主大会，请求核查是否合规。',
    'ZF01',
    'replied',
    'walk_in',
  ],
  [
    '公租房申请进度咨询',
    '去年11月提交了公租房申请材料，至今没有消息，想了解审核进度和轮候情况。',
    'ZF02',
    'closed_basic',
    'portal',
  ],
  [
    '外墙瓷砖脱落存在隐患',
    '我家所在楼栋东侧外墙瓷砖多处空鼓，上周掉下一块砸坏了电动车，担心伤人，请尽快排查。',
    'ZF03',
    'reopened_closed',
    'deputy',
  ],
  [
    '地铁站周边停车难',
    '地铁站附近居民区晚上停车位严重不足，车辆乱停占用消防通道，建议利用周边空地建设临时停车场。',
    'JT01',
    'accepted',
    'deputy',
  ],
  [
    '公交线路末班车太早',
    '小区附近公交线路末班车晚上8点半就结束了，下夜班的居民回家很不方便，建议延长运营时间。',
    'JT02',
    'in_progress',
    'station',
  ],
  [
    '路口信号灯时间过短',
    '两条主干道交叉口行人绿灯只有15秒，老人和孩子过马路来不及，建议延长行人通行时间。',
    'JT03',
    'closed',
    'portal',
  ],
  [
    '共享单车堆放占用盲道',
    '地铁站出口共享单车堆放严重，占用盲道和人行道，早高峰行人只能走到机动车道上。',
    'JT04',
    'overdue',
    'walk_in',
  ],
  [
    '夜间施工噪声扰民',
    '附近工地连续两周晚上11点以后还在施工，渣土车进出噪声很大，严重影响休息。',
    'ST01',
    'replied',
    'deputy',
  ],
  [
    '底商餐馆油烟直排',
    '小区底商新开的烧烤店没有安装油烟净化设施，油烟直接排到楼上住户窗口。',
    'ST02',
    'assigned',
    'portal',
  ],
  [
    '河道发黑发臭',
    '小区旁边的河道最近水面发黑，夏天气味很重，还有死鱼，希望查明污染源。',
    'ST03',
    'in_progress',
    'station',
  ],
  [
    '垃圾箱房清运不及时',
    '小区垃圾箱房周末经常满溢，湿垃圾清运不及时，气味很大还招蚊蝇。',
    'ST04',
    'closed',
    'walk_in',
  ],
  [
    '学校门口流动摊贩食品卫生',
    '小学门口放学时段有多个流动摊贩售卖油炸食品，卫生状况堪忧，担心学生食品安全。',
    'SC01',
    'submitted',
    'portal',
  ],
  [
    '预付卡健身房关门',
    '小区附近健身房突然停业，我办的年卡还剩8个月，联系不上商家，希望帮助维权。',
    'SC02',
    'rejected',
    'portal',
  ],
  [
    '菜市场缺斤短两',
    '菜市场个别摊位电子秤有问题，买了两斤排骨回家一称少了二两，希望加强计量检查。',
    'SC03',
    'closed',
    'deputy',
  ],
  [
    '幼儿园入园难',
    '我们小区新交付了一千多户，周边只有一所公办幼儿园，今年很多孩子报不上名。',
    'JY01',
    'submitted',
    'deputy',
  ],
  [
    '校门口上下学交通拥堵',
    '学校门口早晚接送车辆乱停，交通拥堵，存在安全隐患，建议设置临时停车区域并安排人员疏导。',
    'JY02',
    'assigned',
    'station',
  ],
  [
    '课后托管名额不足',
    '学校课后托管名额有限，双职工家庭孩子放学后无人照看，希望增加托管名额。',
    'JY03',
    'accepted',
    'portal',
  ],
  [
    '社区卫生服务中心开药不便',
    '社区卫生服务中心很多慢性病常用药配不到，老人每次都要跑到大医院去开药。',
    'YL01',
    'closed_basic',
    'walk_in',
  ],
  [
    '异地就医备案流程复杂',
    '父母退休后随我来本区生活，异地就医备案要准备很多材料，希望简化流程。',
    'YL02',
    'submitted',
    'portal',
  ],
  [
    '小区疑似有人饲养家禽',
    '小区绿地里有住户私自饲养鸡鸭，卫生状况差，担心传播疾病。',
    'YL03',
    'submitted',
    'walk_in',
  ],
  [
    '装修公司拖欠工资',
    '我在一家装修公司干了三个月，老板拖欠工资一万二千元，多次讨要未果。',
    'LD01',
    'in_progress',
    'portal',
  ],
  [
    '灵活就业人员社保缴费',
    '我是外卖骑手，想咨询灵活就业人员如何参加职工养老保险，办理渠道有哪些。',
    'LD02',
    'closed',
    'portal',
  ],
  [
    '大龄失业人员再就业培训',
    '今年48岁失业，希望了解街道有没有适合中年人的职业技能培训和就业推荐。',
    'LD03',
    'replied',
    'station',
  ],
  [
    '社区长者食堂太少',
    '附近只有一个长者食堂，每天中午排长队，建议在小区周边再设一个助餐点。',
    'MZ01',
    'staff_review',
    'deputy',
  ],
  [
    '低保申请被退回',
    '我家因病致贫申请低保，材料被退回说收入超标，但医疗支出很大，希望重新核查。',
    'MZ02',
    'in_progress',
    'walk_in',
  ],
  [
    '无障碍设施缺失',
    '社区服务中心门口只有台阶没有坡道，坐轮椅的残疾人进不去。',
    'MZ03',
    'assigned',
    'deputy',
  ],
  [
    '楼上漏水邻里纠纷',
    '楼上住户卫生间漏水导致我家天花板发霉，协商多次对方不愿维修。',
    'SQ01',
    'closed',
    'station',
  ],
  [
    '小区健身器材损坏',
    '小区中心花园的健身器材有三件已经损坏，有尖锐断口，孩子玩耍时容易受伤。',
    'SQ02',
    'returned',
    'portal',
  ],
  [
    '犬只不拴绳伤人',
    '小区里经常有大型犬不拴绳遛狗，上周一位老人被扑倒受伤，希望加强文明养犬管理。',
    'SQ03',
    'accepted',
    'deputy',
  ],
  [
    '小区监控大面积损坏',
    '小区内公共监控探头一半以上已经坏了，最近发生多起电动车电瓶被盗。',
    'GA01',
    'submitted',
    'station',
  ],
  [
    '商铺占用消防通道',
    '商业街多家店铺在后门消防通道堆放杂物，一旦发生火灾后果不堪设想。',
    'GA02',
    'replied',
    'portal',
  ],
  [
    '电动自行车楼道充电',
    '楼道里经常有人私拉电线给电动自行车充电，存在很大火灾隐患，建议增设集中充电桩。',
    'GA03',
    'closed',
    'deputy',
  ],
  [
    '建议增设社区图书角',
    '建议在社区活动中心设立图书角，方便老人和孩子就近阅读。',
    'QT01',
    'submitted',
    'portal',
  ],
  [
    '反映与本区无关的投诉',
    '我在外省购买的商品出现质量问题，想请代表帮忙联系外省商家。',
    'QT02',
    'rejected',
    'portal',
  ],
  [
    '路灯不亮夜间出行不便',
    '小区东侧道路有五盏路灯不亮已经半个月，晚上出行很不安全。',
    'CJ01',
    'overdue',
    'deputy',
  ],
  [
    '小区绿化带被占种菜',
    '小区公共绿化带被部分居民开垦种菜，还使用粪肥，气味难闻。',
    'SQ02',
    'submitted',
    'deputy',
  ],
];

export const DEMO_REPLIES: Record<string, string> = {
  solved:
    '经现场核查，您反映的问题属实。我单位已安排维修（整改）人员于近日完成处理，并将加强日常巡查。感谢您对我们工作的监督。',
  explained:
    '经核查，该事项涉及多个部门和整体规划，目前已纳入年度工作计划统筹推进。我单位将持续跟进，并及时向您反馈进展。',
};
