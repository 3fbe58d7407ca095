import { DrawnSuggestions } from './DrawnSuggestions';

interface OpinionRef {
  id: string;
  title: string;
  description: string;
}

/**
 * 民意转建议 on an opinion: the suggestions drawn from it (details of those this user may see, a
 * count of the others) and, for the deputy who received it (我收到的民意), 转为代表建议 with the
 * form prefilled from the opinion.
 */
export function SuggestionsFromOpinion({ opinion }: { opinion: OpinionRef }) {
  return (
    <DrawnSuggestions
      url={`/api/suggestions/from-opinion/${opinion.id}`}
      initial={{ title: `关于${opinion.title}的建议`.slice(0, 80), body: opinion.description }}
      bodyLabel="群众反映的问题"
      notice="代表建议办理结果将依法公开：请删去群众的姓名、电话、详细住址等个人信息。"
      compact
    />
  );
}
