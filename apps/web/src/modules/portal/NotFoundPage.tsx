import { Button, Empty } from 'antd';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <Empty style={{ marginTop: 64 }} description="您访问的页面不存在或已被移除">
      <Link to="/">
        <Button type="primary" size="large">
          返回首页
        </Button>
      </Link>
    </Empty>
  );
}
