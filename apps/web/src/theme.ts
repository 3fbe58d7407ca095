import type { ThemeConfig } from 'antd';

/** Congress red as the accent on an otherwise quiet, paper-like palette. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#a8141a',
    colorInfo: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
    colorBgLayout: '#f5f4f1',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#fbeaea' },
  },
};
