import { Alert, Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../../shared/useApi';
import { useScope } from '../../console/scope';
import { hasAnyRole, useMe } from '../../console/session';
import { CategoryTreePanel } from './CategoryTreePanel';
import type { ConfigCategory } from './config.types';
import { RoutingRulesPanel } from './RoutingRulesPanel';
import { StateNamesPanel } from './StateNamesPanel';

/**
 * 民意配置: the district congress's category tree and routing rules, and the state names of the
 * congress in scope. The API refuses the tree and rules to anyone but district congress staff.
 */
export function OpinionConfigPage() {
  const me = useMe();
  const { scope } = useScope();
  const [params, setParams] = useSearchParams();
  const categories = useApi<{ items: ConfigCategory[] }>('/api/opinions/config/categories');
  const items = categories.data?.items ?? [];
  const tab = params.get('tab') ?? 'categories';
  return (
    <>
      <Typography.Title level={3}>民意配置</Typography.Title>
      {categories.error ? (
        <Alert type="warning" showIcon title={categories.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key })}
          items={[
            {
              key: 'categories',
              label: '问题分类',
              children: (
                <CategoryTreePanel items={items} loading={categories.loading} reload={categories.reload} />
              ),
            },
            { key: 'routing', label: '派单规则', children: <RoutingRulesPanel categories={items} /> },
            {
              key: 'states',
              label: '状态名称',
              children: (
                <StateNamesPanel scope={scope} canEdit={hasAnyRole(me, ['congress_staff', 'sysadmin'])} />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
