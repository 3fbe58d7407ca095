import { type Doc, finish, GREY, INK, MM, newDocument, RED } from '../reach/pdf';
import type { Archive } from './archive.usecases';

/**
 * The printable 履职档案 (A4 portrait): a header with the congress and the year and a footer with
 * 第 i 页 / 共 n 页 on every page; tables that run over a page continue on the next one under a
 * repeated header row. Fonts and plumbing are reach's (reach/pdf.ts: embedded Noto Sans SC subset).
 */
const A4: [number, number] = [210 * MM, 297 * MM];
const [W, H] = A4;
const PAD = 16 * MM;
const TOP = 22 * MM;
const BOTTOM = H - 16 * MM;
const CELL_X = 1.6 * MM;
const CELL_Y = 1.2 * MM;
const SIZE = 8.5;

interface Column {
  header: string;
  /** Share of the text width. */
  share: number;
  align?: 'left' | 'right' | 'center';
}

class ArchiveWriter {
  y = TOP;
  constructor(
    readonly doc: Doc,
    private readonly header: { left: string; right: string },
  ) {}

  page() {
    const { doc } = this;
    doc.addPage({ size: A4, margin: 0 });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(this.header.left, PAD, 9 * MM, { lineBreak: false })
      .text(this.header.right, PAD, 9 * MM, { width: W - 2 * PAD, align: 'right', lineBreak: false });
    doc
      .moveTo(PAD, 14.5 * MM)
      .lineTo(W - PAD, 14.5 * MM)
      .lineWidth(0.8)
      .strokeColor(RED)
      .stroke();
    this.y = TOP;
  }

  /** Room for `h` more points on this page, else a new page. */
  need(h: number) {
    if (this.y + h > BOTTOM) this.page();
  }

  title(text: string, sub: string) {
    const { doc } = this;
    doc
      .font('bold')
      .fontSize(18)
      .fillColor(INK)
      .text(text, PAD, this.y, { width: W - 2 * PAD, align: 'center' });
    this.y = doc.y + 1.5 * MM;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(sub, PAD, this.y, { width: W - 2 * PAD, align: 'center' });
    this.y = doc.y + 5 * MM;
  }

  section(text: string) {
    this.need(18 * MM); // a heading never ends a page alone
    const { doc } = this;
    doc.rect(PAD, this.y + 0.6 * MM, 1.2 * MM, 4.2 * MM).fill(RED);
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(INK)
      .text(text, PAD + 3 * MM, this.y, { lineBreak: false });
    this.y += 7.5 * MM;
  }

  paragraph(text: string, opts: { color?: string; size?: number } = {}) {
    const { doc } = this;
    doc.font('regular').fontSize(opts.size ?? 9.5);
    const h = doc.heightOfString(text, { width: W - 2 * PAD, lineGap: 1.5 });
    this.need(h);
    doc.fillColor(opts.color ?? INK).text(text, PAD, this.y, { width: W - 2 * PAD, lineGap: 1.5 });
    this.y += h + 2 * MM;
  }

  /** Label–value pairs, two per row. */
  facts(pairs: Array<[string, string]>) {
    const cols: Column[] = [
      { header: '', share: 0.16 },
      { header: '', share: 0.34 },
      { header: '', share: 0.16 },
      { header: '', share: 0.34 },
    ];
    const rows: string[][] = [];
    for (let i = 0; i < pairs.length; i += 2)
      rows.push([pairs[i]![0], pairs[i]![1], pairs[i + 1]?.[0] ?? '', pairs[i + 1]?.[1] ?? '']);
    this.table(cols, rows, { headerRow: false, labelColumns: [0, 2] });
  }

  /** A table whose rows keep whole; a row that does not fit goes to the next page under the header. */
  table(
    cols: Column[],
    rows: string[][],
    opts: { headerRow?: boolean; labelColumns?: number[]; empty?: string } = {},
  ) {
    const { doc } = this;
    if (rows.length === 0) {
      this.paragraph(opts.empty ?? '（无）', { color: GREY });
      return;
    }
    const total = W - 2 * PAD;
    const widths = cols.map((c) => c.share * total);
    const heightOf = (cells: string[], font: 'regular' | 'bold') => {
      doc.font(font).fontSize(SIZE);
      return (
        Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * CELL_X }))) +
        2 * CELL_Y
      );
    };
    const draw = (cells: string[], h: number, kind: 'header' | 'body') => {
      let x = PAD;
      cells.forEach((t, i) => {
        const w = widths[i]!;
        const label = kind === 'header' || opts.labelColumns?.includes(i);
        if (label) doc.rect(x, this.y, w, h).fill(kind === 'header' ? '#f6e7e7' : '#fafafa');
        doc.rect(x, this.y, w, h).lineWidth(0.4).strokeColor('#d9d9d9').stroke();
        doc
          .font(kind === 'header' ? 'bold' : 'regular')
          .fontSize(SIZE)
          .fillColor(label ? '#595959' : INK)
          .text(t, x + CELL_X, this.y + CELL_Y, { width: w - 2 * CELL_X, align: cols[i]!.align ?? 'left' });
        x += w;
      });
      this.y += h;
    };
    const head = cols.map((c) => c.header);
    const headH = opts.headerRow === false ? 0 : heightOf(head, 'bold');
    const printHead = () => {
      if (headH) draw(head, headH, 'header');
    };
    const first = heightOf(rows[0]!, 'regular');
    this.need(headH + first);
    printHead();
    for (const r of rows) {
      const h = heightOf(r, 'regular');
      if (this.y + h > BOTTOM) {
        this.page();
        printHead();
      }
      draw(r, h, 'body');
    }
    this.y += 4 * MM;
  }

  /** 第 i 页 / 共 n 页 on every page (the pages are buffered until the end). */
  numberPages(note: string) {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(GREY)
        .text(note, PAD, H - 10 * MM, { lineBreak: false })
        .text(`第 ${i + 1} 页 / 共 ${range.count} 页`, PAD, H - 10 * MM, {
          width: W - 2 * PAD,
          align: 'right',
          lineBreak: false,
        });
    }
  }
}

const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);

export async function renderArchive(a: Archive): Promise<Buffer> {
  const name = a.deputy.name;
  const doc = newDocument(A4, `${name} ${a.year}年度履职档案`, a.congressName, { bufferPages: true });
  const w = new ArchiveWriter(doc, { left: a.congressName, right: `${a.year}年度 · 代表履职档案` });
  w.page();
  w.title(`${name} ${a.year}年度履职档案`, `${a.congressName} · 根据履职记录自动生成，非人工填报`);

  w.section('一、基本信息与任职');
  const d = a.deputy;
  w.facts([
    ['姓名', d.name],
    ['性别', d.gender],
    ['民族', d.ethnicity],
    ['出生年份', dash(d.birthYear)],
    ['政治面貌', dash(d.party)],
    ['职业类别', dash(d.occupationCategory)],
    ['工作单位', dash(d.workplace)],
    ['联系电话', dash(d.phoneMasked)],
    ['所在区划', d.jurisdictionName],
    ['代表状态', d.status === 'active' ? '在任' : `已终止（${dash(d.statusChangedOn)}）`],
  ]);
  w.table(
    [
      { header: '人大', share: 0.28 },
      { header: '层级', share: 0.14 },
      { header: '届次', share: 0.08, align: 'center' },
      { header: '选区 / 代表团 / 代表小组', share: 0.3 },
      { header: '任职期间', share: 0.2 },
    ],
    a.mandates.map((m) => [
      m.congressName,
      m.levelLabel,
      `第${m.term}届`,
      [m.electoralDistrict, m.delegation, m.groupName].filter(Boolean).join(' / ') || '—',
      `${dash(m.startedOn)} 至 ${m.endedOn ?? '今'}`,
    ]),
    { empty: '本年度无任职记录' },
  );

  w.section('二、履职活动');
  const at = a.activities.attendance;
  w.paragraph(
    `本年度参加履职活动 ${at.total} 次：出席 ${at.present} 次，请假 ${at.excused} 次，缺席 ${at.absent} 次；接待群众 ${a.activities.citizensReceived} 人次。`,
  );
  w.table(
    [
      { header: '活动类型', share: 0.4 },
      { header: '次数', share: 0.15, align: 'right' },
      { header: '出席', share: 0.15, align: 'right' },
      { header: '请假', share: 0.15, align: 'right' },
      { header: '缺席', share: 0.15, align: 'right' },
    ],
    a.activities.byKind.map((k) => [k.kindName, `${k.total}`, `${k.present}`, `${k.excused}`, `${k.absent}`]),
    { empty: '本年度无已确认的履职活动' },
  );
  w.table(
    [
      { header: '日期', share: 0.13 },
      { header: '类型', share: 0.14 },
      { header: '活动', share: 0.45 },
      { header: '地点', share: 0.18 },
      { header: '考勤', share: 0.1, align: 'center' },
    ],
    a.activities.items.map((i) => [i.day, i.kindName, i.title, dash(i.place), i.attendanceLabel]),
    { empty: '（无）' },
  );

  w.section('三、参加培训');
  w.table(
    [
      { header: '日期', share: 0.15 },
      { header: '培训', share: 0.55 },
      { header: '地点', share: 0.18 },
      { header: '考勤', share: 0.12, align: 'center' },
    ],
    a.activities.trainings.map((i) => [i.day, i.title, dash(i.place), i.attendanceLabel]),
    { empty: '本年度无培训记录' },
  );

  w.section('四、代表建议');
  const s = a.suggestions;
  w.paragraph(
    `本年度提出建议 ${s.total} 件（领衔 ${s.led} 件，联名 ${s.cosigned} 件），立案 ${s.registered} 件，列为重点督办 ${s.key} 件${
      s.answerCategories.length
        ? `；答复分类：${s.answerCategories.map((c) => `${c.code}类 ${c.count} 件`).join('，')}`
        : ''
    }。`,
  );
  w.table(
    [
      { header: '建议', share: 0.3 },
      { header: '方式', share: 0.07, align: 'center' },
      { header: '立案号', share: 0.2 },
      { header: '办理状态', share: 0.14 },
      { header: '答复分类', share: 0.14 },
      { header: '测评（态度/结果）', share: 0.15 },
    ],
    s.items.map((i) => [
      `${i.title}（${i.trackingNo}）${i.key ? ' · 重点督办' : ''}`,
      i.roleLabel,
      dash(i.registerNo),
      i.stateLabel,
      i.answerCategory ? `${i.answerCategory}类 ${i.answerCategoryLabel}` : '—',
      i.attitudeLabel ? `${i.attitudeLabel} / ${i.resultLabel}` : '—',
    ]),
    { empty: '本年度未提出建议' },
  );

  w.section('五、群众意见');
  const o = a.opinions;
  w.paragraph(
    `本年度收到群众意见 ${o.received} 件，已办结 ${o.closed} 件；群众评价：满意 ${o.ratings.satisfied} 件，基本满意 ${o.ratings.basicallySatisfied} 件，不满意 ${o.ratings.dissatisfied} 件，逾期未评价 ${o.ratings.unrated} 件。`,
  );
  w.table(
    [
      { header: '收到日期', share: 0.14 },
      { header: '群众意见', share: 0.5 },
      { header: '办理状态', share: 0.18 },
      { header: '群众评价', share: 0.18 },
    ],
    o.items.map((i) => [i.openedOn, `${i.title}（${i.trackingNo}）`, i.stateLabel, dash(i.ratingLabel)]),
    { empty: '本年度未收到群众意见' },
  );

  w.section('六、履职积分');
  if (a.points.length === 0) w.paragraph('本年度无积分记录', { color: GREY });
  for (const p of a.points) {
    w.paragraph(
      `${p.congressName}（${p.levelLabel}，任职 ${p.months} 个月，${p.ruleSetYear ? `${p.ruleSetYear}年起施行的积分规则` : '默认积分规则'}）：合计 ${p.total} 分`,
      { size: 10 },
    );
    w.table(
      [
        { header: '计分项目', share: 0.2 },
        { header: '规则键', share: 0.19 },
        { header: '次数', share: 0.07, align: 'right' },
        { header: '每次', share: 0.07, align: 'right' },
        { header: '封顶', share: 0.07, align: 'right' },
        { header: '得分', share: 0.08, align: 'right' },
        { header: '计算', share: 0.32 },
      ],
      [
        [
          '基础分',
          '—',
          '—',
          '—',
          '—',
          `${p.base}`,
          p.months < 12 ? `任职 ${p.months}/12 个月按比例计` : '全年任职',
        ],
        ...p.lines.map((l) => [
          l.label,
          l.key,
          `${l.count}`,
          `${l.pointsEach}`,
          l.cap === null ? '不封顶' : `${l.cap}`,
          `${l.points}`,
          l.words,
        ]),
        ...p.adjustments.map((x) => [
          '年终核定',
          '—',
          '—',
          '—',
          '—',
          `${x.points > 0 ? '+' : ''}${x.points}`,
          x.reason,
        ]),
      ],
    );
    w.paragraph(`计算公式：${p.formula}`, { color: GREY, size: 8.5 });
  }

  w.section('七、述职评议');
  w.table(
    [
      { header: '述职', share: 0.32 },
      { header: '日期', share: 0.13 },
      { header: '地点', share: 0.2 },
      { header: '满意/基本满意/不满意', share: 0.2, align: 'center' },
      { header: '满意率', share: 0.15, align: 'right' },
    ],
    a.voterReports.map((r) => [
      r.title,
      r.scheduledOn,
      dash(r.place),
      `${r.satisfied} / ${r.basicallySatisfied} / ${r.dissatisfied}`,
      r.satisfactionRate === null ? '尚无评议' : `${r.satisfactionRate}%`,
    ]),
    { empty: '本年度无述职评议记录' },
  );

  w.numberPages(`连心 · 生成于 ${a.generatedOn}`);
  return finish(doc);
}
