import { clampedText, type Doc, drawPhoto, drawQr, finish, GREY, INK, MM, newDocument, RED } from './pdf';
import type { DeputyProfile, StationProfile } from './public.usecases';
import { deputyLink, stationLink } from './qr';

/**
 * The printed faces of "reaching a deputy": the 代表联系卡 (A6 landscape, one card per page so a
 * township's cards print in one file) and the station poster (A4 portrait).
 */
export interface PrintContext {
  publicBaseUrl: string;
  congressName: string;
}

const PLATFORM = '连心 · 人大代表联系群众平台';
const CARD: [number, number] = [148 * MM, 105 * MM];
const A4: [number, number] = [210 * MM, 297 * MM];

export async function renderCards(cards: DeputyProfile[], pc: PrintContext): Promise<Buffer> {
  const title = cards.length === 1 ? `代表联系卡 · ${cards[0]!.name}` : `代表联系卡（${cards.length} 张）`;
  const doc = newDocument(CARD, title, pc.congressName);
  for (const d of cards) drawCard(doc, d, pc);
  return finish(doc);
}

function drawCard(doc: Doc, d: DeputyProfile, pc: PrintContext): void {
  doc.addPage({ size: CARD, margin: 0 });
  const [W, H] = CARD;
  const pad = 6 * MM;
  // Header band
  doc.rect(0, 0, W, 11 * MM).fill(RED);
  doc
    .font('bold')
    .fontSize(13)
    .fillColor('#ffffff')
    .text('人大代表联系卡', pad, 3.2 * MM, { lineBreak: false });
  doc
    .font('regular')
    .fontSize(8)
    .text(pc.congressName, pad, 4.3 * MM, { width: W - 2 * pad, align: 'right', lineBreak: false });

  const qrSize = 38 * MM;
  const qrX = W - pad - qrSize;
  const top = 15 * MM;
  drawQr(doc, deputyLink(pc.publicBaseUrl, d.code), qrX, top, qrSize);
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(GREY)
    .text('微信扫码 · 查看代表信息', qrX, top + qrSize + 1 * MM, { width: qrSize, align: 'center' })
    .text('预约接待 · 反映意见', qrX, undefined, { width: qrSize, align: 'center' });

  const photoW = 20 * MM;
  drawPhoto(doc, d.photoUrl, d.name, pad, top, photoW, 26 * MM);
  const textX = pad + photoW + 4 * MM;
  const textW = qrX - textX - 4 * MM;
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(INK)
    .text(d.name, textX, top - 1 * MM, { width: textW, lineBreak: false });
  let y = top + 10 * MM;
  for (const m of d.levels.slice(0, 3)) {
    y += clampedText(doc, m.fullLabel, textX, y, { width: textW, lines: 1, size: 8.5 });
  }
  const group = d.levels.find((m) => m.groupName)?.groupName;
  if (group) y += clampedText(doc, group, textX, y, { width: textW, lines: 1, size: 8, color: GREY });

  // Below the photo: duties, expertise, grids, stations and their reception days.
  y = Math.max(y, top + 27 * MM) + 1.5 * MM;
  const bodyW = qrX - pad - 4 * MM;
  const line = (label: string, text: string, lines = 1) => {
    if (!text || y > H - 14 * MM) return;
    y += clampedText(doc, `${label}${text}`, pad, y, { width: bodyW, lines, size: 8 }) + 0.8 * MM;
  };
  line('', d.duties ?? '', 2);
  line('专长：', d.expertise.join('、'));
  line('联系网格：', d.grids.map((g) => g.name).join('、'));
  for (const s of d.stations.slice(0, 2)) {
    line('进站：', `${s.name}（${s.address}）`, 2);
    line('接待：', s.schedule.join('；') || s.openingHours || '', 1);
  }
  // Footer
  doc
    .moveTo(pad, H - 9 * MM)
    .lineTo(W - pad, H - 9 * MM)
    .lineWidth(0.4)
    .strokeColor('#e8d5d5')
    .stroke();
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(GREY)
    .text(PLATFORM, pad, H - 7.5 * MM, { lineBreak: false })
    .text(deputyLink(pc.publicBaseUrl, d.code), pad, H - 7.5 * MM, {
      width: W - 2 * pad,
      align: 'right',
      lineBreak: false,
    });
}

export async function renderPoster(s: StationProfile, pc: PrintContext): Promise<Buffer> {
  const doc = newDocument(A4, `${s.name} · 海报`, pc.congressName);
  doc.addPage({ size: A4, margin: 0 });
  const [W, H] = A4;
  const pad = 18 * MM;
  doc.rect(0, 0, W, 62 * MM).fill(RED);
  doc
    .font('regular')
    .fontSize(14)
    .fillColor('#ffffff')
    .text(pc.congressName, pad, 14 * MM, { lineBreak: false });
  doc
    .font('bold')
    .fontSize(30)
    .text(s.name, pad, 24 * MM, { width: W - 2 * pad, height: 24 * MM, ellipsis: '…' });
  doc
    .font('regular')
    .fontSize(13)
    .text(`${s.kindLabel} · 人大代表在这里听民意、解民忧`, pad, 46 * MM);

  const qrSize = 80 * MM;
  const qrY = 72 * MM;
  drawQr(doc, stationLink(pc.publicBaseUrl, s.code), (W - qrSize) / 2, qrY, qrSize);
  doc
    .font('bold')
    .fontSize(16)
    .fillColor(RED)
    .text('扫一扫 · 找代表 · 预约接待', 0, qrY + qrSize + 3 * MM, { width: W, align: 'center' });

  let y = qrY + qrSize + 16 * MM;
  const row = (label: string, text: string | null | undefined, lines = 2) => {
    if (!text) return;
    doc.font('bold').fontSize(12).fillColor(INK).text(label, pad, y, { lineBreak: false });
    y += clampedText(doc, text, pad + 26 * MM, y, { width: W - 2 * pad - 26 * MM, lines, size: 12 }) + 3 * MM;
  };
  row('地　　址', s.address);
  row('开放时间', s.openingHours);
  row('接待安排', s.schedule.join('\n'), 4);
  row('联系电话', s.deskPhone, 1);

  if (s.deputies.length > 0) {
    y += 2 * MM;
    doc.font('bold').fontSize(13).fillColor(RED).text(`进站代表（${s.deputies.length} 名）`, pad, y);
    y += 9 * MM;
    const cols = 4;
    const colW = (W - 2 * pad) / cols;
    const rowsLeft = Math.max(0, Math.floor((H - 22 * MM - y) / (11 * MM)));
    const shown = s.deputies.slice(0, rowsLeft * cols);
    shown.forEach((d, i) => {
      const x = pad + (i % cols) * colW;
      const yy = y + Math.floor(i / cols) * 11 * MM;
      doc
        .font('bold')
        .fontSize(12)
        .fillColor(INK)
        .text(d.name, x, yy, { width: colW - 2 * MM, lineBreak: false });
      clampedText(doc, d.levelLabel, x, yy + 5 * MM, {
        width: colW - 2 * MM,
        lines: 1,
        size: 7,
        color: GREY,
      });
    });
  }
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text(`${PLATFORM} · ${stationLink(pc.publicBaseUrl, s.code)}`, 0, H - 12 * MM, {
      width: W,
      align: 'center',
      lineBreak: false,
    });
  return finish(doc);
}
