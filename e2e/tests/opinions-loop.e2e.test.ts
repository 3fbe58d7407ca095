import zlib from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const PHONE = '13812347777';
const MASKED = '138****7777';
const browser = useBrowser();
let deputy = { code: '', name: '' };

/** A real 8×8 PNG, made here (CRC-32 by hand), as a phone's photo would be. */
function png(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(8 * 25, 0x99);
  for (let y = 0; y < 8; y++) raw[y * 25] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  // A deputy stationed in 莘庄镇: the citizen arrives by scanning this deputy's QR code (/d/<code>).
  const call = await staffSession(baseUrl, 'xinzhuang');
  const { items } = await call<{ items: Array<{ publicCode: string }> }>('GET', '/api/receptions/stations');
  for (const s of items) {
    const pub = (await (await fetch(`${baseUrl}/api/public/stations/${s.publicCode}`)).json()) as {
      deputies?: Array<{ code: string; name: string }>;
    };
    if (pub.deputies?.length) {
      deputy = pub.deputies[0]!;
      break;
    }
  }
  expect(deputy.code).not.toBe('');
});

async function smsCode(): Promise<string> {
  const district = await staffSession(baseUrl, 'district');
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await district<{ items: Array<{ phoneMasked: string; body: string }> }>(
          'GET',
          '/api/notifications/sms-outbox?limit=20',
        );
        code = items
          .find((s) => s.phoneMasked === MASKED && s.body.includes('验证码'))
          ?.body.match(/(\d{6})/)?.[1];
        return code;
      },
      { timeout: 15_000, interval: 500 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

describe('the closed loop of one opinion', () => {
  it('QR page → report with a photo → accept, assign → sign, reply → 不满意 → 重办 → 满意', async () => {
    // 1. The citizen scans the deputy's QR code on a phone and reports a problem with a photo.
    const citizen = await newPage(browser(), { mobile: true });
    const errors = pageErrors(citizen.page);
    const portal = new PortalPage(citizen.page, baseUrl);
    await portal.open(`/d/${deputy.code}`);
    await citizen.page.getByRole('link', { name: '我要反映' }).click();
    await citizen.page.waitForURL(/\/report\?deputy=/);
    await expect.poll(() => citizen.page.getByRole('heading', { name: '手机号登录' }).isVisible()).toBe(true);
    await portal.requestSmsCode(PHONE);
    await portal.signInWithCode(await smsCode());
    await citizen.page.getByLabel('标题').fill('莘庄镇小区门口路灯不亮');
    await citizen.page
      .getByLabel('问题描述')
      .fill('小区南门外三盏路灯已经坏了两周，晚上出行很不安全，请尽快修复。');
    await citizen.page.getByLabel('问题分类（可不选）').selectOption({ label: '城乡建设 - 道路设施' });
    // The street is optional on a deputy's page (the deputy's area by default); the citizen picks it.
    await citizen.page.getByLabel('所在街道').selectOption({ label: '莘庄镇' });
    await citizen.page.getByLabel('详细地点（可不填）').fill('莘庄镇莘松路100弄南门');
    // Publication needs the citizen's own tick (个人信息保护法): it is not ticked for them.
    const consent = citizen.page.getByRole('checkbox', { name: /同意办结后在“民意处置公开”栏目公开本事项/ });
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await citizen.page
      .getByLabel(/^照片/)
      .setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: png() });
    await screenshot(citizen.page, 'opinion-report-form');
    await citizen.page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => citizen.page.getByRole('heading', { name: '提交成功' }).isVisible()).toBe(true);
    const trackingNo = ((await citizen.page.getByTestId('tracking-no').textContent()) ?? '').trim();
    expect(trackingNo).toMatch(/^MY\d{14}$/);
    const followHref = (await citizen.page.getByTestId('follow-link').getAttribute('href')) ?? '';
    expect(followHref).toMatch(new RegExp(`^/o/${trackingNo}\\?k=`));
    await screenshot(citizen.page, 'opinion-report-done');

    // 2. 莘庄镇 staff accept it and assign it (the routing rules pick the unit) in the console.
    const staff = await newPage(browser());
    const town = new ConsolePage(staff.page, baseUrl);
    await town.login('xinzhuang');
    await town.openScreen('民意受理');
    await town.tableRows(trackingNo).first().click();
    await town.button('受理').click();
    await town.button('确认受理').click();
    await expect
      .poll(() => staff.page.locator('.ant-drawer').getByText('已受理').first().isVisible())
      .toBe(true);
    await town.button('交办').click();
    await expect.poll(() => staff.page.getByText('区住房城乡建设管理委').first().isVisible()).toBe(true);
    await town.button('确认交办').click();
    await expect
      .poll(() => staff.page.locator('.ant-drawer').getByText('已交办').first().isVisible())
      .toBe(true);
    await screenshot(staff.page, 'opinion-console-assigned');
    await staff.context.close();

    // 3. The unit's handler signs for it and replies, in its inbox.
    const unit = await newPage(browser());
    const dept = new ConsolePage(unit.page, baseUrl);
    await dept.login('dept1');
    await dept.openScreen('承办事项');
    await dept.tableRows(trackingNo).first().click();
    await dept.button('签收').click();
    await expect
      .poll(() => unit.page.locator('.ant-drawer').getByText('办理中').first().isVisible())
      .toBe(true);
    await dept.button('答复').click();
    await unit.page.getByLabel('答复内容').fill('经现场核查，已更换一盏路灯，其余两盏待线路检修后恢复。');
    await dept.button('确认答复').click();
    await expect
      .poll(() => unit.page.locator('.ant-drawer').getByText('已答复待评价').first().isVisible())
      .toBe(true);
    await screenshot(unit.page, 'opinion-unit-replied');

    // 4. The citizen is not satisfied: the case goes back to the unit (重办).
    await portal.open('/me/opinions');
    const card = citizen.page.getByTestId(`case-${trackingNo}`);
    await card.getByLabel('评价意见').fill('只修好了一盏');
    await card.getByRole('button', { name: '不满意' }).click();
    await expect.poll(() => card.getByText('已交办').first().isVisible()).toBe(true);

    // 5. Re-handled: the unit signs and answers again (in the console), and the citizen is satisfied.
    await unit.page.reload();
    await dept.tableRows(trackingNo).first().click();
    await dept.button('签收').click();
    await expect
      .poll(() => unit.page.locator('.ant-drawer').getByText('办理中').first().isVisible())
      .toBe(true);
    await dept.button('答复').click();
    await unit.page.getByLabel('答复内容').fill('三盏路灯已全部修复，并已复查照明正常。');
    await dept.button('确认答复').click();
    await expect
      .poll(() => unit.page.locator('.ant-drawer').getByText('已答复待评价').first().isVisible())
      .toBe(true);
    await unit.context.close();

    await citizen.page.reload();
    await card.getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => card.getByText('已办结').first().isVisible()).toBe(true);
    await screenshot(citizen.page, 'opinion-rated');

    // 6. The follow link shows the public steps and both answers, without personal data.
    await portal.open(followHref);
    await expect.poll(() => citizen.page.getByText('三盏路灯已全部修复').isVisible()).toBe(true);
    const text = await citizen.page.content();
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('莘松路100弄');

    // 7. It appears, de-identified, on the public disclosure page (民意处置公开).
    const visitor = await newPage(browser(), { mobile: true });
    await new PortalPage(visitor.page, baseUrl).open('/public');
    await expect.poll(() => visitor.page.getByText('莘庄镇小区门口路灯不亮').first().isVisible()).toBe(true);
    const pub = await visitor.page.content();
    expect(pub).not.toContain(PHONE);
    expect(pub).not.toContain('莘松路100弄');
    await screenshot(visitor.page, 'portal-disclosures');
    await visitor.context.close();
    expect(errors).toEqual([]);
    await citizen.context.close();
  });
});
