import { Spin } from 'antd';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description="加载中…">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
