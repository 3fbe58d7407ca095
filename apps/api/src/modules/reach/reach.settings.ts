import { z } from 'zod';
import { defineSetting } from '../../kernel/settings';

export const coverageRadius = defineSetting({
  key: 'coverage.radiusMeters',
  label: '服务圈半径（米）',
  description: '网格或社区在此距离内没有代表之家/联络站，即视为未覆盖（“十五分钟民主服务圈”约 1500 米）',
  schema: z.number().int().min(100).max(20_000),
  defaultValue: 1500,
});

const expertiseEntry = z.object({
  /** The expertise tag as deputies carry it (代表的专长标签). */
  tag: z.string().trim().min(1).max(20),
  /** Words in a citizen's problem that point to this tag. */
  keywords: z.array(z.string().trim().min(1).max(20)).max(100),
  /** Occupation categories whose deputies also know the field. */
  occupations: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
});
export type ExpertiseEntry = z.infer<typeof expertiseEntry>;

export const defaultExpertise: ExpertiseEntry[] = [
  {
    tag: '法律',
    keywords: [
      '物业纠纷',
      '物业',
      '合同',
      '劳动争议',
      '离婚',
      '继承',
      '欠薪',
      '讨薪',
      '维权',
      '纠纷',
      '诉讼',
      '赔偿',
      '租房',
    ],
    occupations: ['律师'],
  },
  {
    tag: '医疗卫生',
    keywords: ['看病', '医院', '医保', '就医', '挂号', '药', '疫苗', '家庭医生'],
    occupations: ['医务'],
  },
  {
    tag: '教育',
    keywords: ['上学', '入学', '学校', '幼儿园', '托育', '课外', '学位'],
    occupations: ['教育'],
  },
  {
    tag: '城建',
    keywords: [
      '加装电梯',
      '电梯',
      '老旧小区',
      '停车',
      '道路',
      '修路',
      '房屋',
      '拆迁',
      '漏水',
      '违建',
      '管网',
    ],
    occupations: ['专业技术人员'],
  },
  {
    tag: '环保',
    keywords: ['噪音', '噪声', '污染', '垃圾', '扰民', '油烟', '绿化', '河道', '臭味'],
    occupations: [],
  },
  {
    tag: '交通',
    keywords: ['公交', '地铁', '红绿灯', '拥堵', '出行', '非机动车', '共享单车'],
    occupations: [],
  },
  { tag: '养老', keywords: ['养老', '老人', '助餐', '长护险', '适老化', '独居'], occupations: [] },
  {
    tag: '社区治理',
    keywords: ['居委', '业委会', '邻里', '群租', '小区管理', '楼道', '宠物', '广场舞'],
    occupations: ['社区工作者'],
  },
  { tag: '就业创业', keywords: ['就业', '找工作', '创业', '培训', '失业', '社保'], occupations: ['企业界'] },
  { tag: '农业农村', keywords: ['农业', '种植', '宅基地', '土地', '村里', '合作社'], occupations: ['农民'] },
];

export const expertiseKeywords = defineSetting({
  key: 'deputies.expertiseKeywords',
  label: '问题关键词与代表专长对照',
  description: '群众描述问题时出现这些词，就推荐具有对应专长标签（或对应职业）的代表，用于“按问题找代表”',
  schema: z.array(expertiseEntry).max(100),
  defaultValue: defaultExpertise,
});
