import { DrawnSuggestions } from './DrawnSuggestions';

/** The activity kinds whose findings may become a suggestion (the API's INSPECTION_KINDS). */
export const INSPECTION_KINDS = ['inspection', 'research', 'law_enforcement'];

interface ActivityRef {
  id: string;
  kind: string;
  status: string;
  title: string;
  content: string | null;
}

/**
 * 视察转建议 on an activity: the suggestions drawn from it and, for a deputy who attended it,
 * 转为代表建议 with the form prefilled from the activity.
 */
export function SuggestionsOfActivity({ activity }: { activity: ActivityRef }) {
  const eligible = INSPECTION_KINDS.includes(activity.kind) && activity.status === 'confirmed';
  return (
    <DrawnSuggestions
      url={eligible ? `/api/suggestions/from-activity/${activity.id}` : null}
      // An activity's title has at most 60 characters: this stays within the 80 of a suggestion's.
      initial={{ title: `关于${activity.title}的建议`, body: activity.content ?? '' }}
      bodyLabel="视察发现的问题"
    />
  );
}
