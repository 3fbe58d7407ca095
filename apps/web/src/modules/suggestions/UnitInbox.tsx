import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { InboxPage as OpinionInbox } from '../opinions/OpinionQueue';
import { SuggestionList } from './SuggestionList';

/** 承办事项: a unit's citizen opinions and deputies' suggestions side by side, in one inbox. */
export function UnitInboxPage() {
  const [params, setParams] = useSearchParams();
  return (
    <Tabs
      activeKey={params.get('tab') === 'suggestions' ? 'suggestions' : 'opinions'}
      onChange={(tab) => setParams(tab === 'suggestions' ? { tab } : {})}
      items={[
        { key: 'opinions', label: '群众意见', children: <OpinionInbox /> },
        {
          key: 'suggestions',
          label: '代表建议',
          children: <SuggestionList title="承办建议" source="department" />,
        },
      ]}
    />
  );
}
