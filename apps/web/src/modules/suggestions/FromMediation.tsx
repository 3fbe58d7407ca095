import { DrawnSuggestions } from './DrawnSuggestions';

interface FindingRef {
  id: string;
  body: string;
}

/**
 * 调解转建议 on a finding of a mediation: the suggestions drawn from it and, for a deputy who
 * mediates the case, 转为代表建议 with the form prefilled from the finding.
 */
export function SuggestionsOfFinding({ finding, caseTitle }: { finding: FindingRef; caseTitle: string }) {
  return (
    <DrawnSuggestions
      url={`/api/suggestions/from-mediation/${finding.id}`}
      // A case title (案由) has at most 60 characters: this stays within the 80 of a suggestion's.
      initial={{ title: `关于${caseTitle}所反映问题的建议`.slice(0, 80), body: finding.body }}
      bodyLabel="调解中发现的问题"
      notice="建议针对调解中发现的共性问题，请勿写入当事人的姓名、电话等个人信息。"
      compact
    />
  );
}
